var __addDisposableResource = (this && this.__addDisposableResource) || function (env, value, async) {
    if (value !== null && value !== void 0) {
        if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected.");
        var dispose, inner;
        if (async) {
            if (!Symbol.asyncDispose) throw new TypeError("Symbol.asyncDispose is not defined.");
            dispose = value[Symbol.asyncDispose];
        }
        if (dispose === void 0) {
            if (!Symbol.dispose) throw new TypeError("Symbol.dispose is not defined.");
            dispose = value[Symbol.dispose];
            if (async) inner = dispose;
        }
        if (typeof dispose !== "function") throw new TypeError("Object not disposable.");
        if (inner) dispose = function() { try { inner.call(this); } catch (e) { return Promise.reject(e); } };
        env.stack.push({ value: value, dispose: dispose, async: async });
    }
    else if (async) {
        env.stack.push({ async: true });
    }
    return value;
};
var __disposeResources = (this && this.__disposeResources) || (function (SuppressedError) {
    return function (env) {
        function fail(e) {
            env.error = env.hasError ? new SuppressedError(e, env.error, "An error was suppressed during disposal.") : e;
            env.hasError = true;
        }
        var r, s = 0;
        function next() {
            while (r = env.stack.pop()) {
                try {
                    if (!r.async && s === 1) return s = 0, env.stack.push(r), Promise.resolve().then(next);
                    if (r.dispose) {
                        var result = r.dispose.call(r.value);
                        if (r.async) return s |= 2, Promise.resolve(result).then(next, function(e) { fail(e); return next(); });
                    }
                    else s |= 1;
                }
                catch (e) {
                    fail(e);
                }
            }
            if (s === 1) return env.hasError ? Promise.reject(env.error) : Promise.resolve();
            if (env.hasError) throw env.error;
        }
        return next();
    };
})(typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
    var e = new Error(message);
    return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
});
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CHANNELS, ClientClosedError, LockLostError, LockTimeoutError, LockUsageError, monotonicNow, ZkLock, } from '../../src/index.js';
import { answerCutOffByReset, connect, eventually, holderAndProxiedContender, nextEvent, sleep, startProxy, startServer, } from '../helpers.js';
const run = promisify(execFile);
const worker = fileURLToPath(new URL('../fixtures/counter-worker.js', import.meta.url));
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
/** Contender nodes in a lock directory ([] when the directory itself is gone). */
async function contendersUnder(path) {
    return (await nodesUnder(path)) ?? [];
}
async function nodesUnder(path) {
    try {
        return await admin.getChildren(path);
    }
    catch {
        return null;
    }
}
describe('ZkLock', () => {
    test('10 processes x 30 increments held across async work end exact, holds never overlap, tokens increase', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'zk-counter-'));
        const counter = join(dir, 'counter');
        writeFileSync(counter, '0');
        try {
            // Each hold reads the counter, sleeps 5 ms and writes it back: two holders inside at once
            // lose an increment, and the second one reads a value that is not the previous hold's.
            const outs = await Promise.all(Array.from({ length: 10 }, () => run(process.execPath, [worker, server.connectString, 'counter', '30', counter, 'mutex', '5'], {
                timeout: 120_000,
            })));
            const holds = outs
                .flatMap((o) => o.stdout.trim().split('\n'))
                .map((l) => JSON.parse(l))
                .sort((a, b) => a.acquired - b.acquired);
            assert.equal(holds.length, 300);
            assert.equal(readFileSync(counter, 'utf8'), '300', 'every increment landed');
            for (let i = 0; i < holds.length; i++) {
                assert.equal(holds[i].read, i, `hold ${i} read what the hold before it wrote`);
                if (i === 0)
                    continue;
                assert.ok(holds[i].acquired >= holds[i - 1].released, `hold ${i} overlaps hold ${i - 1}`);
                assert.ok(BigInt(holds[i].token) > BigInt(holds[i - 1].token), `fencing token regressed at ${i}`);
            }
            assert.equal(await nodesUnder('/locks/counter'), null, 'the lock directory is removed at the end');
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
    test('handoff is FIFO and each release wakes the next waiter only', async () => {
        const clients = await Promise.all(Array.from({ length: 5 }, () => connect(server.connectString)));
        const locks = clients.map((c) => new ZkLock(c, 'fifo'));
        assert.equal(await locks[0].acquire(), true);
        const order = [];
        const waits = [];
        for (let i = 1; i < locks.length; i++) {
            waits.push(locks[i].acquire().then(async () => {
                order.push(i);
                await sleep(20);
                await locks[i].release();
            }));
            // Wait until this contender is queued so the queue order is known.
            await eventually(async () => (await locks[0].participantNodes()).length === i + 1);
        }
        await locks[0].release();
        await Promise.all(waits);
        assert.deepEqual(order, [1, 2, 3, 4]);
    });
    test('reentrancy: depth 3 makes one node and needs as many releases', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'reentrant');
        for (let i = 0; i < 3; i++)
            assert.equal(await lock.acquire(1000), true);
        assert.equal((await lock.participantNodes()).length, 1);
        // run() and lock() on the object that holds through acquire() re-enter that hold.
        assert.equal(await lock.run(async () => (await lock.participantNodes()).length, 1000), 1);
        const handle = await lock.lock(1000);
        await handle.release();
        const token = lock.fencingToken;
        await lock.release();
        await lock.release();
        assert.equal(lock.isAcquired, true);
        assert.equal(lock.fencingToken, token);
        await lock.release();
        assert.equal(lock.isAcquired, false);
        await assert.rejects(lock.release(), LockUsageError);
        assert.deepEqual(await contendersUnder('/locks/reentrant'), [], 'no contender node left');
    });
    test('run(): concurrent tasks on one object exclude each other; nested calls re-enter', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'tasks');
        let inside = 0;
        let maxInside = 0;
        const task = (id) => lock.run(async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            // Nested acquire, run and lock all re-enter without a new node.
            assert.equal(await lock.acquire(100), true);
            await lock.run(async () => {
                const env_1 = { stack: [], error: void 0, hasError: false };
                try {
                    const h = __addDisposableResource(env_1, await lock.lock(100), true);
                    assert.ok(h.isAcquired);
                    assert.equal((await lock.participantNodes()).filter((p) => p.includes('-lock-')).length >= 1, true);
                }
                catch (e_1) {
                    env_1.error = e_1;
                    env_1.hasError = true;
                }
                finally {
                    const result_1 = __disposeResources(env_1);
                    if (result_1)
                        await result_1;
                }
            });
            await lock.release();
            await sleep(30);
            inside--;
            return id;
        });
        assert.deepEqual(await Promise.all([task('a'), task('b'), task('c')]), ['a', 'b', 'c']);
        assert.equal(maxInside, 1);
        assert.deepEqual(await contendersUnder('/locks/tasks'), [], 'no contender node left');
    });
    test('run() returns fn’s result and passes on fn’s error after releasing', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'run-result');
        assert.equal(await lock.run(() => 42), 42);
        await assert.rejects(lock.run(() => {
            throw new Error('boom');
        }), /boom/);
        assert.equal(lock.isAcquired, false);
        assert.deepEqual(await contendersUnder('/locks/run-result'), [], 'no contender node left');
    });
    test('timeout, try-lock and abort leave no node', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'leave-nothing');
        const other = new ZkLock(c2, 'leave-nothing', { identifier: 'other' });
        await holder.acquire();
        assert.equal(await other.acquire(200), false);
        assert.equal(await other.acquire(0), false);
        await assert.rejects(other.lock(100), LockTimeoutError);
        const ac = new AbortController();
        const p = other.acquire({ signal: ac.signal });
        await eventually(async () => (await holder.contenders()).includes('other'));
        ac.abort(new Error('stop waiting'));
        await assert.rejects(p, /stop waiting/);
        assert.deepEqual((await holder.participantNodes()).length, 1);
        await holder.release();
        assert.deepEqual(await contendersUnder('/locks/leave-nothing'), [], 'no contender node left');
    });
    test('fencing tokens strictly increase from one holder to the next', async () => {
        const c = await connect(server.connectString);
        const tokens = [];
        for (let i = 0; i < 5; i++) {
            const lock = new ZkLock(c, `fence-${i % 2}`);
            await lock.run(() => {
                tokens.push(lock.fencingToken);
            });
        }
        for (let i = 1; i < tokens.length; i++)
            assert.ok(tokens[i] > tokens[i - 1]);
    });
    test('contenders() shows identifiers in queue order; node names are Curator’s', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const a = new ZkLock(c1, 'ids', { identifier: 'alpha' });
        const b = new ZkLock(c2, 'ids', { identifier: 'beta' });
        await a.acquire();
        const waiting = b.acquire(5000);
        await eventually(async () => (await a.contenders()).length === 2);
        assert.deepEqual(await a.contenders(), ['alpha', 'beta']);
        for (const p of await a.participantNodes()) {
            assert.match(p, /^\/locks\/ids\/_c_[0-9a-f-]{36}-lock-\d{10}$/);
        }
        await a.release();
        assert.equal(await waiting, true);
        await b.release();
    });
    test('bad input', async () => {
        const c = await connect(server.connectString);
        assert.throws(() => new ZkLock(c, ''), TypeError);
        assert.throws(() => new ZkLock(c, 'a/b'), /must not contain '\/'/);
        assert.throws(() => new ZkLock(c, 'a\0b'), /NUL/);
        assert.throws(() => new ZkLock(c, 'x'.repeat(1001)), /1001 characters/);
        assert.throws(() => new ZkLock(c, 'ok', { root: 'locks' }), /root/);
        const lock = new ZkLock(c, 'bad-input');
        await assert.rejects(lock.acquire(-1), /timeout.*-1/);
        await assert.rejects(lock.acquire(Number.NaN), /timeout.*NaN/);
        await assert.rejects(lock.acquire({ lease: 0 }), /lease/);
        assert.throws(() => lock.renew(), LockUsageError);
        const closed = await connect(server.connectString);
        await closed.close();
        await assert.rejects(new ZkLock(closed, 'x').acquire(), ClientClosedError);
    });
});
describe('ZkLock under faults', () => {
    test('holder’s session lost: its signal aborts strictly before the waiter is granted', async () => {
        const proxy = await startProxy(server.connectString);
        const holderClient = await connect(proxy.connectString);
        const waiterClient = await connect(server.connectString);
        const holder = new ZkLock(holderClient, 'session-loss');
        const waiter = new ZkLock(waiterClient, 'session-loss');
        await holder.acquire();
        const signal = holder.signal;
        let abortedAt = 0;
        signal.addEventListener('abort', () => {
            abortedAt = monotonicNow();
        });
        const lostEvent = nextEvent(holder, 'lost');
        const granted = waiter.acquire(30_000).then((ok) => ({ ok, at: monotonicNow() }));
        await eventually(async () => (await waiter.participantNodes()).length === 2);
        proxy.blackhole();
        const g = await granted;
        assert.equal(g.ok, true);
        assert.ok(abortedAt > 0, 'the holder was told');
        assert.ok(abortedAt < g.at, 'the holder’s signal aborted before the waiter was granted');
        assert.ok(signal.reason instanceof LockLostError);
        await lostEvent;
        assert.equal(holder.isAcquired, false);
        await holder.release(); // already lost: quiet
        await waiter.release();
        proxy.pass();
    });
    test('a create whose reply is lost leaves no orphan and still acquires', async () => {
        const proxy = await startProxy(server.connectString);
        const c = await connect(proxy.connectString, { sessionTimeout: 6000 });
        const lock = new ZkLock(c, 'lost-reply');
        await c.mkdirp('/locks/lost-reply');
        // Replies are delayed; the connection is reset while the create's reply is on its way.
        assert.equal(await answerCutOffByReset(proxy, () => lock.acquire(20_000)), true);
        assert.equal((await admin.getChildren('/locks/lost-reply')).length, 1, 'exactly our one node');
        await lock.release();
        assert.deepEqual(await contendersUnder('/locks/lost-reply'), [], 'no contender node left');
    });
    /** After the waiter's session loss: it queues again behind the holder and gets the lock at release. */
    async function heldAfterRequeue(holder, acquired) {
        await eventually(async () => (await holder.participantNodes()).length === 2, 10_000, 'the waiter re-queued');
        await holder.release();
        assert.equal(await acquired, true);
    }
    /**
     * The first `method` request of `client` on a path under `dir` goes into a partition (the
     * proxy blackholed just before it is sent). Returns whether that has happened; `restore()`
     * puts the method back.
     */
    function partitionAtFirst(client, method, dir, proxy) {
        // Every request is published on the diagnostics channel before its bytes leave (they are
        // written on the next tick): blackholing here catches exactly that request.
        const onStart = (m) => {
            const r = m;
            if (state.partitioned || r.sessionId !== client.sessionId || r.op !== method || !r.path.startsWith(dir))
                return;
            state.partitioned = true;
            proxy.blackhole();
        };
        const state = { partitioned: false, restore: () => unsubscribe(CHANNELS.requestStart, onStart) };
        subscribe(CHANNELS.requestStart, onStart);
        return state;
    }
    test('a waiter survives its own session loss: it re-queues on the new session', async () => {
        const { proxy, holder, waiterClient, waiter } = await holderAndProxiedContender(server.connectString, 'waiter-loss');
        const p = waiter.acquire(60_000);
        await eventually(async () => (await holder.participantNodes()).length === 2);
        const session = nextEvent(waiterClient, 'connected');
        proxy.blackhole();
        await nextEvent(waiterClient, 'lost');
        proxy.pass();
        await session;
        await heldAfterRequeue(holder, p);
        assert.equal((await admin.getChildren('/locks/waiter-loss')).length, 1, 'the waiter owns exactly one node');
        await waiter.release();
    });
    test('a waiter whose session is lost while it reads the queue re-queues on the new session', async () => {
        const { proxy, holder, waiterClient, waiter } = await holderAndProxiedContender(server.connectString, 'read-loss');
        // The waiter's queue read goes into a partition that outlasts its session.
        const partition = partitionAtFirst(waiterClient, 'getChildren', '/locks/read-loss', proxy);
        const p = waiter.acquire(60_000);
        await nextEvent(waiterClient, 'lost');
        assert.ok(partition.partitioned, 'the session was lost during the queue read');
        partition.restore();
        proxy.pass();
        await heldAfterRequeue(holder, p);
        const stat = await admin.exists(waiter.nodePath);
        assert.equal(stat?.ephemeralOwner, waiterClient.sessionOwner, 'held through a node of the new session');
        await waiter.release();
    });
    test("a forced acquire whose delete is caught by its session's end clears again on the new session", async () => {
        const { proxy, holder, waiterClient, waiter } = await holderAndProxiedContender(server.connectString, 'force-loss');
        const holderNode = holder.nodePath;
        const partition = partitionAtFirst(waiterClient, 'delete', '/locks/force-loss/', proxy);
        const p = waiter.acquire({ force: true, timeout: 60_000 });
        await nextEvent(waiterClient, 'lost');
        assert.ok(partition.partitioned, 'the session was lost during the forced delete');
        partition.restore();
        proxy.pass();
        assert.equal(await p, true);
        assert.equal(await admin.exists(holderNode), null, 'the holder forced out');
        const stat = await admin.exists(waiter.nodePath);
        assert.equal(stat?.ephemeralOwner, waiterClient.sessionOwner, 'held through a node of the new session');
        await waiter.release();
    });
    test('a waiter whose node and directory are deleted re-queues in a new directory', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'dir-gone');
        const waiter = new ZkLock(c2, 'dir-gone');
        await holder.acquire();
        const p = waiter.acquire(10_000);
        await eventually(async () => (await holder.participantNodes()).length === 2);
        const [holderNode, waiterNode] = await holder.participantNodes();
        await sleep(100); // the waiter's watches set
        // An operator clears the lock, the waiter's node first: the waiter's next read finds no directory.
        await admin.multi([
            { op: 'delete', path: waiterNode },
            { op: 'delete', path: holderNode },
            { op: 'delete', path: '/locks/dir-gone' },
        ]);
        assert.equal(await p, true);
        assert.match(waiter.nodePath, /-lock-0000000000$/, 'held through a node of the re-created directory');
        await waiter.release();
    });
    test('closing the holder’s client hands the lock on', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'close-holder');
        const waiter = new ZkLock(c2, 'close-holder');
        await holder.acquire();
        const p = waiter.acquire(10_000);
        await eventually(async () => (await waiter.participantNodes()).length === 2);
        const lost = nextEvent(holder, 'lost');
        await c1.close();
        await lost;
        assert.equal(await p, true);
        await waiter.release();
    });
});
//# sourceMappingURL=zk-lock.test.js.map