/**
 * Issue 15 (items 3, 8, 9, 10, 12): what a new user met when trying the library from outside:
 * a missing chroot, close() while holding, a downgrade's release during a blip, unclear errors,
 * and guards for values that looked fine but were not.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { requestStart } from '../../src/client/diagnostics.js';
import { ChrootMissingError, LockUsageError, monotonicNow, ZkClient, ZkLock, ZkReadWriteLock, } from '../../src/index.js';
import { connect, eventually, sleep, startProxy, startServer } from '../helpers.js';
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
describe('a connect string whose chroot does not exist', () => {
    test('acquire(2000) rejects at once with ChrootMissingError instead of looping', async () => {
        const c = await connect(`${server.connectString}/no-such-chroot`);
        const t0 = monotonicNow();
        const outcome = await Promise.race([
            new ZkLock(c, 'x').acquire(2000).then((v) => `resolved ${v}`, (e) => e),
            sleep(10_000).then(() => 'still pending after 10 s'),
        ]);
        assert.ok(outcome instanceof ChrootMissingError, `got ${String(outcome)}`);
        assert.match(outcome.message, /chroot \S*\/no-such-chroot of the connect string does not exist/);
        assert.ok(monotonicNow() - t0 < 2000, 'at once, not at the timeout');
    });
    test('contenders() says so too, rather than "nobody"', async () => {
        const c = await connect(`${server.connectString}/no-such-chroot`);
        await assert.rejects(new ZkLock(c, 'x').contenders(), ChrootMissingError);
        // A missing lock directory under an existing chroot still means nobody holds it.
        assert.deepEqual(await new ZkLock(admin, 'never-used').contenders(), []);
    });
    test('the CLI: lock keeps --timeout and fails; holders fails instead of printing nothing', async () => {
        const connectString = `${server.connectString}/no-such-chroot`;
        const lock = await runCli(['lock', 'x', '--connect', connectString, '--timeout', '2s', '--', 'true']);
        assert.notEqual(lock.code, 0);
        assert.match(lock.stderr, /chroot/);
        assert.ok(lock.ms < 10_000);
        const holders = await runCli(['holders', 'x', '--connect', connectString]);
        assert.notEqual(holders.code, 0);
        assert.match(holders.stderr, /chroot/);
    });
});
describe('close() while holding removes the lock directory', () => {
    for (const [kind, cleanupDelay] of [
        ['mutex', 0],
        ['mutex', undefined],
        ['read lock', 0],
    ]) {
        test(`${kind}, cleanupDelay ${cleanupDelay ?? 'default'}`, async () => {
            const name = `close-holding-${kind.replace(' ', '-')}-${cleanupDelay ?? 'd'}`;
            const c = await connect(server.connectString);
            const opts = cleanupDelay === undefined ? {} : { cleanupDelay };
            const lock = kind === 'mutex' ? new ZkLock(c, name, opts) : new ZkReadWriteLock(c, name, opts).readLock;
            assert.equal(await lock.acquire(5000), true);
            assert.notEqual(await admin.exists(`/locks/${name}`), null);
            const lostFirst = new Promise((resolve) => lock.signal.addEventListener('abort', () => resolve(true), { once: true }));
            await c.close();
            assert.equal(await lostFirst, true, 'the holder was told');
            assert.equal(await admin.exists(`/locks/${name}`), null, 'the directory is gone');
        });
    }
    test('a waiter at close() leaves nothing either; a directory others are in stays', async () => {
        const c1 = await connect(server.connectString);
        const c2 = await connect(server.connectString);
        const holder = new ZkLock(c1, 'close-waiting', { cleanupDelay: 0 });
        await holder.acquire();
        const waiter = new ZkLock(c2, 'close-waiting', { cleanupDelay: 0 });
        const pending = waiter.acquire().catch((e) => e);
        await eventually(async () => (await holder.participantNodes()).length === 2 || undefined);
        await c2.close();
        assert.equal((await pending).name, 'ClientClosedError');
        assert.equal((await holder.participantNodes()).length, 1, 'the waiter node went, the holder stays');
        await c1.close();
        assert.equal(await admin.exists('/locks/close-waiting'), null);
    });
    // CI, 2026-12-02 (fault scenario 6, workers stopped at random moments): an acquire that gave up
    // on its create before the answer left the node to the session's end, after close() had tried
    // the directory: an empty directory stayed.
    test('close() right after an acquire gave up on its create: the node, if made, and the directory go', async () => {
        const name = 'close-after-create-given-up';
        const dir = `/locks/${name}`;
        await admin.mkdirp(dir);
        // Proof of the fault: the server applied the create (this watch fires) whose answer the
        // acquire did not wait for (it was aborted once the create was out).
        const created = new Promise((resolve) => {
            void admin.getChildren(dir, { watch: (e) => resolve(e.type) });
        });
        const c = await connect(server.connectString);
        const ac = new AbortController();
        const onStart = (m) => {
            const { op, path } = m;
            if (op === 'create' && path.startsWith(`${dir}/`))
                queueMicrotask(() => ac.abort(new Error('given up')));
        };
        requestStart.subscribe(onStart);
        try {
            await assert.rejects(new ZkLock(c, name).acquire({ signal: ac.signal }), /given up/);
        }
        finally {
            requestStart.unsubscribe(onStart);
        }
        await c.close();
        assert.equal(await created, 'nodeChildrenChanged', 'the create was applied');
        assert.equal(await admin.exists(dir), null, 'the directory is gone, and so no node is left in it');
    });
});
describe('a read/write downgrade whose write release meets a connection blip', () => {
    test('the release resolves, and the write node goes with the read hold', async () => {
        const proxy = await startProxy(server.connectString);
        const c = await connect(proxy.connectString, { requestTimeout: 300, sessionTimeout: 6000 });
        const rw = new ZkReadWriteLock(c, 'downgrade-blip');
        assert.equal(await rw.writeLock.acquire(5000), true);
        assert.equal(await rw.readLock.acquire(5000), true, 'downgrade');
        proxy.delay(1500); // the blip: longer than requestTimeout
        const probe = await c.exists('/').then(() => 'answered', (e) => e.name);
        assert.equal(probe, 'OperationTimeoutError', 'the blip really delays answers past requestTimeout');
        await rw.writeLock.release(); // rejected before the fix
        proxy.pass();
        const other = new ZkReadWriteLock(await connect(server.connectString), 'downgrade-blip');
        // Whether a writer queued in between was unknown: the write node stays while we read.
        assert.equal(await other.writeLock.acquire(0), false);
        assert.equal(rw.readLock.isAcquired, true);
        await rw.readLock.release();
        assert.equal(await other.writeLock.acquire(10_000), true, 'the write node went with the read hold');
        await other.writeLock.release();
    });
});
describe('clear errors', () => {
    test('acquire() from a task that outlived its run() names the problem', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'outlived-run');
        let late;
        await lock.run(async () => {
            late = new Promise((resolve) => setTimeout(() => resolve(lock.acquire(100).catch((e) => e)), 50));
        });
        const err = await late;
        assert.ok(err instanceof LockUsageError, `got ${String(err)}`);
        assert.match(err.message, /run\(\) that has already ended/);
    });
    test('credentials with an unknown scheme: connect() rejects, and later calls say why', async () => {
        const c = new ZkClient(server.connectString, { auth: [{ scheme: 'no-such-scheme', credentials: 'x' }] });
        await assert.rejects(c.connect({ timeout: 10_000 }), {
            name: 'AuthFailedError',
            message: /no-such-scheme/,
        });
        await eventually(() => c.state === 'closed' || undefined);
        await assert.rejects(async () => c.getData('/'), /closed: authentication failed/);
    });
    test('a lock inside /zookeeper is refused', () => {
        assert.throws(() => new ZkLock(admin, 'zookeeper', { root: '/' }), /\/zookeeper, ZooKeeper's own system node/);
        assert.throws(() => new ZkLock(admin, 'quota', { root: '/zookeeper' }), /system node/);
        assert.doesNotThrow(() => new ZkLock(admin, 'zookeeper')); // /locks/zookeeper is fine
    });
    test('a session timeout too small to mean anything is refused', () => {
        assert.throws(() => new ZkClient('127.0.0.1:2181', { sessionTimeout: 1 }), /sessionTimeout .* got 1/);
        assert.throws(() => new ZkClient('127.0.0.1:2181', { sessionTimeout: 2 ** 31 }), /sessionTimeout/);
    });
});
function runCli(args) {
    const t0 = monotonicNow();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => {
            stderr += d;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('error', reject);
        child.on('exit', (code) => {
            clearTimeout(timer);
            resolve({ code, stderr, ms: monotonicNow() - t0 });
        });
    });
}
//# sourceMappingURL=outside-in.test.js.map