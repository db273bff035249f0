/**
 * zk-recipes' own peer: the line protocol of peers/PROTOCOL.md (the one description of it) on
 * ZkLock/ZkReadWriteLock, so that every implementation is measured alike, from a process of its
 * own with a session of its own.
 *
 * Usage: node --expose-gc ours-peer.js <connectString> [--keep-parent]
 * Commands as in CuratorPeer.java (times are process.hrtime.bigint(), CLOCK_MONOTONIC); `many`
 * answers "ok <elapsed ns> <CPU ns this process used>". Plus:
 *   raw PREFIX N C        N EPHEMERAL_SEQUENTIAL create+delete, C in flight: "ok <elapsed ns> <CPU ns>"
 *   rawread PREFIX N C    the same with one read between (the queue read a lock needs), same answer
 *   reentrant NAME N      "ok <ns per pair> <requests sent while measuring> <requests of a first
 *                         acquire+release of another lock, counted the same way: must be > 0>"
 *   memory PREFIX N C     "ok <heap bytes per lock> <buffer bytes per lock> <acquire ms> <release ms>"
 *   awaits N              ns per `await` of an empty async function, before and after this
 *                         process's first lock.run(): "ok <before> <after>" (use a fresh peer)
 *   cachelat PATH N       N setData of PATH by one client, each until a ZkCache on another tells it:
 *                         "ok <ns>..." (both clients on the built-in wire)
 *   cacheload PATH        "ok <ns from new ZkCache to initialized> <nodes cached>"
 * --keep-parent sets cleanupParent: false on every lock. The wire backend is ZK_RECIPES_WIRE's: the
 * bench starts this peer as 'ours' with `built-in` and as 'nzc' with `node-zookeeper-client`.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createInterface } from 'node:readline';
import { CHANNELS, ZkCache, ZkClient, ZkLock, ZkReadWriteLock } from '../src/index.js';
import { QueueDirectories } from '../src/recipes/queue/directories.js';
import { recipeCommand } from './ours-peer-recipes.js';
const [connectString, ...flags] = process.argv.slice(2);
if (!connectString)
    throw new Error('usage: ours-peer.js <connectString> [--keep-parent]');
const lockOptions = { cleanupParent: !flags.includes('--keep-parent') };
// The same session timeout as the Curator and Kazoo peers.
const client = new ZkClient(connectString, { sessionTimeout: 10_000 });
const mutexes = new Map();
const rwLocks = new Map();
const now = () => process.hrtime.bigint();
function lock(kind, name) {
    if (kind === 'mutex') {
        const l = mutexes.get(name) ?? new ZkLock(client, name, lockOptions);
        mutexes.set(name, l);
        return l;
    }
    const rw = rwLocks.get(name) ?? new ZkReadWriteLock(client, name, lockOptions);
    rwLocks.set(name, rw);
    if (kind === 'read')
        return rw.readLock;
    if (kind === 'write')
        return rw.writeLock;
    throw new Error(`unknown lock kind ${kind}`);
}
async function mustAcquire(l) {
    if (!(await l.acquire(60_000)))
        throw new Error('not acquired within 60 s');
}
async function sleepUntil(t) {
    for (;;) {
        const leftMs = Number(t - now()) / 1e6;
        if (leftMs <= 0)
            return;
        await new Promise((r) => setTimeout(r, Math.max(0, leftMs - 1)));
    }
}
/** Runs `fn(i)` for i < n with `concurrency` calls in flight. */
async function inFlight(n, concurrency, fn) {
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < n; i = next++)
            await fn(i);
    };
    await Promise.all(Array.from({ length: Math.min(n, concurrency) }, worker));
}
/**
 * Counts the requests `client` sends until the returned function is called: every request
 * (create, reads, delete, multi, a directory's removal, the heartbeat) is published on the
 * `zk-recipes:request:start` diagnostics channel before it is sent, whatever path it took.
 */
function countRequests() {
    let count = 0;
    const onStart = (m) => {
        if (m.sessionId === client.sessionId)
            count += 1;
    };
    subscribe(CHANNELS.requestStart, onStart);
    return () => {
        unsubscribe(CHANNELS.requestStart, onStart);
        return count;
    };
}
/** CPU time (user + system) this process used since `from`, in ns. */
function cpuNs(from) {
    const d = process.cpuUsage(from);
    return (d.user + d.system) * 1000;
}
async function noop() { }
/** ns per await of an empty async function, best of 3. */
async function awaitCost(n) {
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 3; r++) {
        const t0 = now();
        for (let i = 0; i < n; i++)
            await noop();
        best = Math.min(best, Number(now() - t0) / n);
    }
    return best;
}
async function fullGc() {
    const gc = globalThis.gc;
    if (!gc)
        throw new Error('run with node --expose-gc');
    for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setImmediate(r));
    }
}
async function execute(a) {
    const [cmd = '', arg1 = '', arg2 = '', arg3 = '', arg4 = ''] = a;
    switch (cmd) {
        case 'mutex':
        case 'read':
        case 'write':
            return `${await lock(cmd, arg1).acquire(Number(arg2))}`;
        case 'unmutex':
        case 'unread':
        case 'unwrite':
            await lock(cmd.slice(2), arg1).release();
            return '';
        case 'revoke':
            await ZkLock.requestRevoke(client, arg1);
            return '';
        case 'cycle':
        case 'rcycle':
        case 'wcycle': {
            const l = lock(cmd === 'cycle' ? 'mutex' : cmd === 'rcycle' ? 'read' : 'write', arg1);
            const out = [];
            for (let i = 0; i < Number(arg2); i++) {
                const t0 = now();
                await l.acquire();
                await l.release();
                out.push(now() - t0);
            }
            return out.join(' ');
        }
        case 'contend': {
            const l = lock(arg1, arg2);
            const until = BigInt(arg4);
            const holdMs = Number(a[5] ?? 0);
            await sleepUntil(BigInt(arg3));
            const out = [];
            while (now() < until) {
                const calling = now();
                await mustAcquire(l);
                const acquired = now();
                if (holdMs > 0)
                    await new Promise((r) => setTimeout(r, holdMs));
                const releasing = now();
                await l.release();
                out.push(calling, acquired, releasing);
            }
            return out.join(' ');
        }
        case 'acquireat': {
            const l = lock(arg1, arg2);
            await sleepUntil(BigInt(arg3));
            const t0 = now();
            await mustAcquire(l);
            return `${now() - t0}`;
        }
        case 'many': {
            const t0 = now();
            const cpu = process.cpuUsage();
            await inFlight(Number(arg2), Number(arg3), async (i) => {
                const l = new ZkLock(client, `${arg1}-${i}`, lockOptions);
                await mustAcquire(l);
                await l.release();
            });
            const answer = `${now() - t0} ${cpuNs(cpu)}`;
            // The directories' deferred removals (one delete each, cleanupDelay later) are done now,
            // outside every timed window (as Curator's containers go in the server's own time),
            // instead of landing in the next measurement (the ceiling's, say) and slowing it.
            await QueueDirectories.of(client).flush();
            return answer;
        }
        case 'raw':
        case 'rawread': {
            // The ceilings for `many`: the two writes every lock needs, no lock logic; and with one read
            // between them, as a lock must read its queue (of its new node: one child-less answer, as a
            // lock alone in its directory gets one line).
            const read = cmd === 'rawread';
            const dir = `/bench-raw/${arg1}`;
            await client.mkdirp(dir);
            const data = Buffer.from(lockOptions.cleanupParent ? 'raw' : 'raw-keep');
            const t0 = now();
            const cpu = process.cpuUsage();
            await inFlight(Number(arg2), Number(arg3), async () => {
                const path = await client.create(`${dir}/n-`, data, { mode: 'ephemeral-sequential' });
                if (read)
                    await client.getChildren(path);
                await client.delete(path);
            });
            const answer = `${now() - t0} ${cpuNs(cpu)}`;
            await client.delete(dir);
            return answer;
        }
        case 'reentrant': {
            const l = lock('mutex', arg1);
            const n = Number(arg2);
            // The counter must see a lock's requests: a first, non-reentrant acquire+release sends some
            // (create, queue read, delete). Zero here means the count below would prove nothing.
            const probe = lock('mutex', `${arg1}-probe`);
            const stopProbe = countRequests();
            await probe.acquire();
            await probe.release();
            const first = stopProbe();
            if (first === 0)
                throw new Error('a first acquire+release counted 0 requests: the request counter is blind');
            return l.run(async () => {
                for (let i = 0; i < n; i++) {
                    // warm-up: let V8 optimise the reentrant path first
                    await l.acquire();
                    await l.release();
                }
                const stop = countRequests();
                const t0 = now();
                for (let i = 0; i < n; i++) {
                    await l.acquire();
                    await l.release();
                }
                const elapsed = now() - t0;
                return `${Number(elapsed) / n} ${stop()} ${first}`;
            });
        }
        case 'awaits': {
            const before = await awaitCost(Number(arg1));
            await lock('mutex', 'awaits-probe').run(() => { });
            return `${before} ${await awaitCost(Number(arg1))}`;
        }
        case 'memory': {
            const n = Number(arg2);
            const held = new Array(n);
            await fullGc();
            const before = process.memoryUsage();
            const t0 = now();
            await inFlight(n, Number(arg3), async (i) => {
                const l = new ZkLock(client, `${arg1}-${i}`, lockOptions);
                await mustAcquire(l);
                held[i] = l;
            });
            const acquireMs = Number(now() - t0) / 1e6;
            await fullGc();
            const after = process.memoryUsage();
            // Released in acquisition order, as an application holding many locks would.
            const t1 = now();
            await inFlight(n, Number(arg3), (i) => held[i].release());
            const releaseMs = Number(now() - t1) / 1e6;
            const heap = (after.heapUsed - before.heapUsed) / n;
            const buffers = (after.arrayBuffers - before.arrayBuffers) / n;
            return `${heap} ${buffers} ${acquireMs} ${releaseMs}`;
        }
        // Tree cache (issue 19): ZkCache on the built-in wire, on clients of its own.
        case 'cachelat':
            return cacheLatency(arg1, Number(arg2));
        case 'cacheload':
            return cacheLoad(arg1);
        default: {
            const answer = await recipeCommand(client, a); // leader election, the semaphore
            if (answer === undefined)
                throw new Error(`unknown command ${cmd}`);
            return answer;
        }
    }
}
/** A client on the built-in wire (persistent watches), with the peers' session timeout. */
async function builtIn() {
    const c = new ZkClient(connectString, { sessionTimeout: 10_000, wire: 'built-in' });
    await c.connect({ timeout: 20_000 });
    return c;
}
/** N setData by one client, each timed until a cache on another client tells the change: "<ns>...". */
async function cacheLatency(path, n) {
    const [reader, writer] = await Promise.all([builtIn(), builtIn()]);
    try {
        await writer.mkdirp(path);
        const cache = new ZkCache(reader, path, { maxDepth: 0 });
        await cache.start();
        const out = [];
        for (let i = 0; i < n; i++) {
            const heard = new Promise((resolve) => cache.once('changed', () => resolve(now())));
            const t0 = now();
            await writer.setData(path, Buffer.from(`${i}`));
            out.push((await heard) - t0);
        }
        await cache.close();
        return out.join(' ');
    }
    finally {
        await Promise.all([reader.close(), writer.close()]);
    }
}
/** A cache of PATH started on a connected client, timed until initialized: "<ns> <nodes>". */
async function cacheLoad(path) {
    const c = await builtIn();
    try {
        const t0 = now();
        const cache = new ZkCache(c, path);
        await cache.start();
        const took = now() - t0;
        const size = cache.size;
        await cache.close();
        return `${took} ${size}`;
    }
    finally {
        await c.close();
    }
}
await client.connect({ timeout: 20_000 });
process.stdout.write('ok ready\n');
const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
    const a = line.trim().split(/\s+/);
    queue = queue.then(async () => {
        if (a[0] === 'quit') {
            await client.close();
            process.stdout.write('ok bye\n');
            process.exit(0);
        }
        if (a[0] === '')
            return;
        try {
            const answer = await execute(a);
            process.stdout.write(answer === '' ? 'ok\n' : `ok ${answer}\n`);
        }
        catch (e) {
            process.stdout.write(`err ${String(e).replace(/\n/g, ' ')}\n`);
        }
    });
});
// The driver went away: nothing more will come.
lines.on('close', () => {
    void queue.then(() => client.close()).finally(() => process.exit(0));
});
//# sourceMappingURL=ours-peer.js.map