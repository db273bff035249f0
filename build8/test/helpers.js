/** Shared test plumbing: one real ZooKeeper per test file, clients that always get closed. */
import { after } from 'node:test';
import { monotonicNow, ZkClient, ZkLock } from '../src/index.js';
import { externalConnectString, FaultProxy, NEEDS_HARNESS, ZkTestServer } from '../src/testing/index.js';
/** Session timeouts in tests: short, so expiry takes seconds (the server allows 400 ms .. 60 s at tickTime 200). */
export const SESSION_TIMEOUT = 2000;
/** A Stat record's size on the wire. */
const STAT_BYTES = 68;
// One module-level hook closes everything a test file started, newest first (clients before
// the proxies and servers they use). node:test's after() called inside a before() hook would
// run too early, so resources register here instead.
const cleanups = [];
after(async () => {
    await Promise.all([...clients].map((c) => c.close()));
    for (const c of cleanups.splice(0).reverse())
        await c();
});
/** Runs `fn` when the test file ends. */
export function onCleanup(fn) {
    cleanups.push(fn);
}
/**
 * Starts a ZooKeeper for this test file, closed after it. With ZK_CONNECT set, uses that server
 * instead, inside a fresh chroot (removed afterwards) so runs do not see each other's nodes.
 */
export async function startServer() {
    const external = externalConnectString();
    if (!external) {
        const server = await ZkTestServer.start({ tickTime: 200 });
        onCleanup(() => server.close());
        return { connectString: server.connectString, restart: () => server.restart() };
    }
    const chroot = `/zk-recipes-test-${process.pid}-${Date.now().toString(36)}`;
    const admin = new ZkClient(external);
    await admin.connect();
    await admin.create(chroot);
    onCleanup(async () => {
        await deleteRecursive(admin, chroot).catch(() => { });
        await admin.close();
    });
    return {
        connectString: `${external}${chroot}`,
        restart: () => Promise.reject(new Error(NEEDS_HARNESS)),
    };
}
async function deleteRecursive(client, path) {
    const children = await client.getChildren(path).catch(() => []);
    await Promise.all(children.map((c) => deleteRecursive(client, `${path}/${c}`)));
    await client.delete(path).catch(() => { });
}
/** A proxy in front of the first server of `connectString`, closed after the test file. */
export async function startProxy(connectString) {
    const slash = connectString.indexOf('/');
    const hosts = slash === -1 ? connectString : connectString.slice(0, slash);
    const chroot = slash === -1 ? '' : connectString.slice(slash);
    const proxy = await FaultProxy.start({ target: hosts.split(',')[0] });
    onCleanup(() => proxy.close());
    return {
        connectString: `${proxy.connectString}${chroot}`,
        targetConnectString: `${hosts.split(',')[0]}${chroot}`,
        dropNextReply: (options) => proxy.dropNextReply(options),
        pass: () => proxy.pass(),
        blackhole: () => proxy.blackhole(),
        reset: () => proxy.reset(),
        delay: (ms) => proxy.delay(ms),
        refuse: () => proxy.refuse(),
    };
}
const clients = new Set();
/** A connected client that is closed when the test file ends (or earlier by the test). */
export async function connect(connectString, options = {}) {
    const client = new ZkClient(connectString, { sessionTimeout: SESSION_TIMEOUT, ...options });
    clients.add(client);
    client.once('closed', () => clients.delete(client));
    await client.connect();
    return client;
}
/**
 * A holder of lock `name` on a direct connection, and a second contender for it (not yet
 * acquiring) whose client connects through a fault proxy: the usual start of a waiter-fault test.
 */
export async function holderAndProxiedContender(connectString, name) {
    const proxy = await startProxy(connectString);
    const holderClient = await connect(connectString);
    const waiterClient = await connect(proxy.connectString);
    const holder = new ZkLock(holderClient, name);
    await holder.acquire();
    return { proxy, holder, waiterClient, waiter: new ZkLock(waiterClient, name) };
}
/**
 * Acquires lock `name` through a fault proxy and releases it with the delete cut off by a connection
 * reset: by default its answer is lost after the server deleted the node (replyLost); with `lost:
 * 'request'` the request is lost before the server saw it, and the node is still there (requestLost).
 */
export async function releaseCutOffByReset(connectString, name, lost = 'reply') {
    const proxy = await startProxy(connectString);
    const client = await connect(proxy.connectString, { sessionTimeout: 6000 });
    const lock = new ZkLock(client, name);
    await lock.acquire();
    const node = lock.nodePath;
    const release = () => lock.release();
    if (lost === 'request')
        await requestLost(proxy, release, node);
    else
        await replyLost(proxy, release, { kind: 'delete', path: node });
    return { proxy, client, node };
}
/**
 * Runs `op` (a delete of `path`, or a request that removes it) on a client behind `proxy` with its
 * request lost: the proxy drops every byte, then resets the connection and refuses reconnects while
 * a second client, straight to the server, checks that `path` is still there (the server never saw
 * the delete); then traffic passes again. Returns what `op` settled with.
 */
export async function requestLost(proxy, op, path) {
    proxy.blackhole();
    const pending = op();
    pending.catch(() => { }); // the caller gets the rejection; it is not unhandled meanwhile
    try {
        await sleep(100); // the request is sent, into the partition
        proxy.refuse();
        proxy.reset();
        const server = await connect(proxy.targetConnectString);
        try {
            if (!(await server.exists(path)))
                throw new Error(`${path} was deleted: the request was not lost`);
        }
        finally {
            await server.close();
        }
    }
    finally {
        proxy.pass();
    }
    return pending;
}
/**
 * Runs `op` on a client behind `proxy` with the answer to its request lost after the server
 * applied it: a create of a sequential node by default, or `kind` (see replyLost). Returns what
 * `op` settles with.
 */
export async function answerCutOffByReset(proxy, op, what = {}) {
    return (await replyLost(proxy, op, what)).result;
}
/** The whole reply frames at the start of `chunk` (a chunk from the server starts at a frame in these tests). */
export function zkReplies(chunk) {
    const out = [];
    let at = 0;
    while (at + 20 <= chunk.length) {
        const len = chunk.readInt32BE(at);
        if (len < 16 || at + 4 + len > chunk.length)
            break;
        const frame = chunk.subarray(at + 4, at + 4 + len);
        const body = frame.subarray(16);
        const reply = {
            xid: frame.readInt32BE(0),
            zxid: frame.readBigInt64BE(4),
            err: frame.readInt32BE(12),
            body,
        };
        // A create's answer is the path; create2's (the built-in wire's) is the path and a Stat.
        const pathLength = body.length >= 5 ? body.readInt32BE(0) : -1;
        const fits = pathLength + 4 === body.length || pathLength + 4 + STAT_BYTES === body.length;
        if (pathLength > 0 && fits && body[4] === 0x2f /* '/' */) {
            reply.path = body.subarray(4, 4 + pathLength).toString();
        }
        out.push(reply);
        at += 4 + len;
    }
    return out;
}
/** Whether `r` is a successful answer of `kind` to a request of the client (xid >= 0: not a ping, watch, auth). */
function answers(r, kind) {
    if (r.xid < 0 || r.err !== 0)
        return false;
    if (kind === 'create')
        return r.path !== undefined && /\d{10}$/.test(r.path);
    return r.body.length === 0;
}
/**
 * Runs `op` on a client behind `proxy` with the answer to one of its requests lost: requests reach
 * the server, and when the server's successful answer of `kind` comes back, the proxy resets the
 * connection instead of passing it on (FaultProxy.dropNextReply). Reconnects are refused while a
 * second client, straight to the server, checks that the server did apply it (the created node
 * exists, the deleted path is gone); then traffic passes again. Throws if no such answer came within
 * 10 s: the fault did not happen. Returns what `op` settled with, and the lost reply.
 */
export async function replyLost(proxy, op, { kind = 'create', path } = {}) {
    let reply;
    const dropped = proxy.dropNextReply({
        match: (chunk) => {
            reply = zkReplies(chunk).find((r) => answers(r, kind));
            // Refused before the reset that follows: the client cannot act on the server until checked.
            if (reply)
                proxy.refuse();
            return reply !== undefined;
        },
    });
    dropped.catch(() => { }); // awaited below; not unhandled meanwhile
    const pending = op();
    pending.catch(() => { }); // the caller gets the rejection; it is not unhandled meanwhile
    try {
        await dropped;
        const server = await connect(proxy.targetConnectString);
        try {
            if (kind === 'create') {
                const stat = await server.exists(reply.path);
                if (!stat)
                    throw new Error(`the server did not apply the create of ${reply.path} whose answer was lost`);
            }
            else if (path !== undefined && (await server.exists(path))) {
                throw new Error(`the server did not apply the delete of ${path} whose answer was lost`);
            }
        }
        finally {
            await server.close();
        }
    }
    finally {
        proxy.pass();
    }
    return { result: await pending, reply: reply };
}
/** Drops `client`'s connection through `proxy`, refusing reconnects until `proxy.pass()`; resolves once it is suspended. */
export async function disconnect(proxy, client) {
    proxy.refuse();
    proxy.reset();
    await eventually(() => client.state === 'suspended' || undefined);
}
/** Resolves with the time (monotonic ms) of the emitter's next `event`. */
export function nextEvent(emitter, event, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            emitter.off(event, on);
            reject(new Error(`no '${event}' within ${timeoutMs} ms`));
        }, timeoutMs);
        const on = () => {
            clearTimeout(timer);
            resolve(monotonicNow());
        };
        emitter.once(event, on);
    });
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls `fn` until it returns truthy, or throws after `timeoutMs`. */
export async function eventually(fn, timeoutMs = 10_000, what = 'condition') {
    const end = monotonicNow() + timeoutMs;
    for (;;) {
        const v = await fn();
        if (v)
            return v;
        if (monotonicNow() > end)
            throw new Error(`${what} not reached within ${timeoutMs} ms`);
        await sleep(50);
    }
}
/** Collects the process's warnings of `name` (e.g. MaxListenersExceededWarning) until stop(). */
export function collectWarnings(name) {
    const seen = [];
    const onWarning = (w) => {
        if (w.name === name)
            seen.push(w.message);
    };
    process.on('warning', onWarning);
    return { seen, stop: () => process.off('warning', onWarning) };
}
/** How many listeners `client` has, over all its events. */
export function clientListeners(client) {
    return client.eventNames().reduce((n, e) => n + client.listenerCount(e), 0);
}
//# sourceMappingURL=helpers.js.map