/**
 * What a lock costs in requests, and the lock directory's lifecycle: kept while this process
 * uses it, removed `cleanupDelay` ms after its last use (or at close), never while in use.
 */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { before, describe, test } from 'node:test';
import { CHANNELS, LockLostError, monotonicNow, ZkLock, ZkReadWriteLock, } from '../../src/index.js';
import { answerCutOffByReset, connect, disconnect, eventually, nextEvent, releaseCutOffByReset, requestLost, sleep, startProxy, startServer, } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
    await admin.mkdirp('/locks');
});
const exists = async (path) => (await admin.exists(path)) !== null;
/** Records every request `client` sends from now on: its operation, path, and whether it sets a watch (create() goes through createWithZxid). */
function spy(client) {
    const ops = [];
    // Every request is published on the diagnostics channel (heartbeats as 'ping': not counted).
    const onStart = (m) => {
        const r = m;
        if (r.sessionId !== client.sessionId || r.op === 'ping')
            return;
        ops.push(`${r.op} ${r.path.replace(/_c_.*/, '<node>')}${r.watch ? ' +watch' : ''}`);
    };
    subscribe(CHANNELS.requestStart, onStart);
    return { ops, stop: () => unsubscribe(CHANNELS.requestStart, onStart) };
}
describe('requests per lock', () => {
    test('first use creates the directory in the same round trip and reads nothing; then a cycle is create, getChildren, delete', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'cycle', { cleanupDelay: 60_000 });
        const s = spy(c);
        await lock.acquire();
        assert.match(lock.nodePath, /-lock-0000000000$/);
        await lock.release();
        // sequence 0: the first child the directory ever had, so first in the queue
        assert.deepEqual(s.ops, [
            'create /locks/cycle',
            'create /locks/cycle/<node>',
            'delete /locks/cycle/<node>',
        ]);
        s.ops.length = 0;
        await lock.acquire();
        await lock.release();
        // another object on the same lock and client knows the directory too
        await new ZkLock(c, 'cycle').run(() => { });
        s.stop();
        assert.deepEqual(s.ops, [
            'create /locks/cycle/<node>',
            'getChildren /locks/cycle',
            'delete /locks/cycle/<node>',
            'create /locks/cycle/<node>',
            'getChildren /locks/cycle',
            'delete /locks/cycle/<node>',
        ]);
    });
    test('the holder sets no watch by default; with watchNode it watches its own node', async () => {
        const c = await connect(server.connectString);
        const s = spy(c);
        await new ZkLock(c, 'no-watch').run(() => { });
        assert.ok(!s.ops.some((o) => o.includes('+watch')), s.ops.join('\n'));
        s.ops.length = 0;
        await new ZkLock(c, 'no-watch', { watchNode: true }).run(() => { });
        s.stop();
        assert.ok(s.ops.includes('getData /locks/no-watch/<node> +watch'), s.ops.join('\n'));
    });
    test('a revocationRequested listener starts the own-node watch, even one added while held', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'late-listener');
        await lock.acquire();
        const asked = new Promise((resolve) => lock.once('revocationRequested', resolve));
        await ZkLock.requestRevoke(admin, lock.nodePath);
        await asked;
        // watchNode: false means no watch, listener or not
        const off = new ZkLock(c, 'late-listener-off', { watchNode: false });
        off.on('revocationRequested', () => assert.fail('no watch was asked for'));
        const s = spy(c);
        await off.run(() => { });
        s.stop();
        assert.ok(!s.ops.some((o) => o.includes('+watch')), s.ops.join('\n'));
        await lock.release();
    });
    test("with watchNode a forced-out holder's signal aborts at once", async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const watched = new ZkLock(c1, 'evict', { watchNode: true });
        await watched.acquire();
        await new ZkLock(c2, 'evict').run(() => { }, { force: true, timeout: 5000 });
        await eventually(() => watched.signal.aborted);
        assert.ok(watched.signal.reason instanceof LockLostError);
        await watched.release(); // already lost: quiet
    });
});
describe('a directory this process does not know', () => {
    test('used before by someone else: the queue is read after the create', async () => {
        const other = await connect(server.connectString);
        const before = new ZkLock(other, 'used-before', { cleanupParent: false });
        await before.run(() => { }); // the directory stays, its sequence counter past 0
        const c = await connect(server.connectString);
        const s = spy(c);
        const lock = new ZkLock(c, 'used-before');
        assert.equal(await lock.acquire(5000), true);
        s.stop();
        assert.doesNotMatch(lock.nodePath, /-lock-0000000000$/);
        assert.deepEqual(s.ops, [
            'create /locks/used-before',
            'create /locks/used-before/<node>',
            'getChildren /locks/used-before',
        ]);
        await lock.release();
    });
    test('with a holder in it: the new contender reads the queue and waits its turn', async () => {
        const other = await connect(server.connectString);
        const holder = new ZkLock(other, 'held-elsewhere');
        await holder.acquire();
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'held-elsewhere');
        assert.equal(await lock.acquire(0), false);
        const acquired = lock.acquire(10_000);
        await sleep(200);
        assert.equal(lock.isAcquired, false);
        await holder.release();
        assert.equal(await acquired, true);
        await lock.release();
    });
});
describe('the lock directory', () => {
    test('stays while used again within cleanupDelay, goes once idle that long', async () => {
        const c = await connect(server.connectString);
        // Timings with room for a loaded machine: the look comes 3.5 s after the first use (past its
        // removal, were it not pushed back) and 2 s after the second (1 s before the pushed-back one).
        const lock = new ZkLock(c, 'idle', { cleanupDelay: 3000 });
        await lock.run(() => { });
        assert.equal(await exists('/locks/idle'), true, 'kept right after the release');
        const t1 = monotonicNow();
        await sleep(1500);
        await lock.run(() => { }); // used again: the removal is pushed back
        const t2 = monotonicNow();
        await sleep(Math.max(0, t1 + 3500 - monotonicNow()));
        const still = await exists('/locks/idle');
        const lookedAt = monotonicNow();
        assert.ok(lookedAt - t2 < 3000, `looked ${lookedAt - t2} ms after the second use: too late to tell`);
        assert.equal(still, true, 'removed 3 s after the first use, though used again since');
        await eventually(async () => !(await exists('/locks/idle')), 10_000, 'removed once idle');
    });
    test('cleanupDelay 0 removes it right behind the release', async () => {
        const c = await connect(server.connectString);
        await new ZkLock(c, 'at-once', { cleanupDelay: 0 }).run(() => { });
        assert.equal(await exists('/locks/at-once'), false);
    });
    test('close() removes the directories still waiting', async () => {
        const c = await connect(server.connectString);
        await new ZkLock(c, 'at-close-1', { cleanupDelay: 60_000 }).run(() => { });
        await new ZkReadWriteLock(c, 'at-close-2', { cleanupDelay: 60_000 }).readLock.run(() => { });
        assert.equal(await exists('/locks/at-close-1'), true);
        await c.close();
        assert.equal(await exists('/locks/at-close-1'), false);
        assert.equal(await exists('/locks/at-close-2'), false);
    });
    for (const lost of ['request', 'reply']) {
        test(`close() right after a release whose delete hit connection loss (the ${lost} lost) removes the node, then the directory`, async () => {
            const name = `close-after-loss-${lost}`;
            const { client: c } = await releaseCutOffByReset(server.connectString, name, lost);
            await eventually(() => c.state === 'connected' || undefined);
            await c.close();
            assert.equal(await exists(`/locks/${name}`), false, 'the directory left behind');
        });
        test(`close() while the connection is down (after a release whose ${lost} was lost) waits for it (bounded): the node, then the directory, then the session go`, async () => {
            const name = `close-suspended-${lost}`;
            const { client: c, proxy } = await releaseCutOffByReset(server.connectString, name, lost);
            await disconnect(proxy, c); // no reconnect until pass()
            const closing = c.close();
            assert.equal(c.state, 'closed', 'closed for the caller at once');
            await sleep(300);
            proxy.pass();
            await closing;
            assert.equal(await exists(`/locks/${name}`), false, 'the directory (or the node in it) left behind');
        });
    }
    for (const lost of ['request', 'reply']) {
        test(`close() whose last deletes are cut off by a connection reset (the ${lost} lost) leaves nothing`, async () => {
            const proxy = await startProxy(server.connectString);
            const c = await connect(proxy.connectString, { sessionTimeout: 6000 });
            const dir = `/locks/close-reset-${lost}`;
            await new ZkLock(c, dir.slice('/locks/'.length), { cleanupDelay: 60_000 }).run(() => { }); // a removal pending
            // The helpers check the fault on the server: the directory still there (the delete must be
            // sent again), or already gone (its answer was lost).
            if (lost === 'request')
                await requestLost(proxy, () => c.close(), dir);
            else
                await answerCutOffByReset(proxy, () => c.close(), { kind: 'delete', path: dir });
            assert.equal(await exists(dir), false, 'the directory left behind');
        });
    }
    test('close() while the server stays unreachable settles within its bound, not at the session timeout', async () => {
        const proxy = await startProxy(server.connectString);
        const c = await connect(proxy.connectString, { sessionTimeout: 20_000 });
        await new ZkLock(c, 'close-unreachable', { cleanupDelay: 60_000 }).run(() => { }); // a removal pending
        await disconnect(proxy, c);
        const t0 = monotonicNow();
        await c.close();
        const took = monotonicNow() - t0;
        proxy.pass();
        // The bound is min(2 s, requestTimeout), here 2 s; waiting for the session (20 s) would fail.
        assert.ok(took < 6000, `close() took ${took} ms`);
    });
    test('is not removed while another process has a contender in it; the last one out removes it', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const a = new ZkLock(c1, 'shared-dir', { cleanupDelay: 50 });
        const b = new ZkLock(c2, 'shared-dir', { cleanupDelay: 50 });
        await a.acquire();
        const bGranted = b.acquire(10_000);
        await eventually(async () => (await admin.getChildren('/locks/shared-dir')).length === 2);
        // a's removal (50 ms after its release) comes, and finds b's node.
        const tried = [];
        const answers = [];
        const deleteIfEmpty = c1.deleteIfEmpty.bind(c1);
        c1.deleteIfEmpty = (path) => {
            const answered = deleteIfEmpty(path);
            tried.push(path);
            answers.push(answered);
            return answered;
        };
        await a.release();
        assert.equal(await bGranted, true);
        await eventually(() => tried.includes('/locks/shared-dir'), 10_000, "a's removal");
        await Promise.allSettled(answers);
        assert.equal(await exists('/locks/shared-dir'), true);
        await b.release();
        await eventually(async () => !(await exists('/locks/shared-dir')));
    });
    test('cleanupParent: false keeps it', async () => {
        const c = await connect(server.connectString);
        await new ZkLock(c, 'kept', { cleanupParent: false, cleanupDelay: 0 }).run(() => { });
        await c.close();
        assert.equal(await exists('/locks/kept'), true);
        assert.deepEqual(await admin.getChildren('/locks/kept'), []);
    });
    test('removed by someone else while we know it: the next acquire re-creates it', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'removed-behind', { cleanupDelay: 60_000 });
        await lock.run(() => { });
        await admin.delete('/locks/removed-behind');
        assert.equal(await lock.acquire(5000), true);
        await lock.release();
    });
    test('bad options name the bad value', async () => {
        const c = await connect(server.connectString);
        assert.throws(() => new ZkLock(c, 'x', { cleanupDelay: -1 }), /cleanupDelay.*-1/);
        assert.throws(() => new ZkLock(c, 'x', { cleanupDelay: Number.NaN }), /cleanupDelay.*NaN/);
        assert.throws(() => new ZkLock(c, 'x', { watchNode: 'yes' }), /watchNode.*"yes"/);
        assert.throws(() => new ZkLock(c, 'x', { cleanupParent: 1 }), /cleanupParent.*1/);
    });
});
describe('handover', () => {
    /** Waits until `ops` shows `n` watches set (the waiter is parked). */
    const parked = (ops, n) => eventually(() => ops.filter((o) => o.endsWith('+watch')).length >= n || undefined);
    /**
     * A holder on `holderClient`, and a waiter on `waiterClient` second in line behind it, parked
     * (its predecessor and its own node watched); `requests` keeps recording the waiter's requests.
     */
    async function waiterBehindHolder(name, holderClient, waiterClient) {
        const holder = new ZkLock(holderClient, name);
        await holder.acquire();
        const requests = spy(waiterClient);
        const waiter = new ZkLock(waiterClient, name);
        const acquired = waiter.acquire(20_000);
        await parked(requests.ops, 2);
        const [, waiterNode] = await holder.participantNodes();
        return { holder, waiter, acquired, requests, waiterNode: waiterNode };
    }
    /** The parked waiter got the lock, through a node other than the one it parked with. */
    async function heldThroughNewNode(parkedWaiter, message) {
        const { waiter, acquired, waiterNode } = parkedWaiter;
        assert.equal(await acquired, true);
        assert.notEqual(waiter.nodePath, waiterNode, message);
        assert.ok(await exists(waiter.nodePath));
        await waiter.release();
    }
    test('a waiter whose predecessor is the last in its way takes the lock without another read', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const { holder, waiter, acquired, requests: s } = await waiterBehindHolder('handover', c1, c2);
        await holder.release();
        assert.equal(await acquired, true);
        s.stop();
        // its predecessor and its own node watched together; no getChildren after the hand-over
        assert.deepEqual(s.ops.slice(-4), [
            'create /locks/handover/<node>',
            'getChildren /locks/handover',
            'getData /locks/handover/<node> +watch',
            'getData /locks/handover/<node> +watch',
        ]);
        assert.ok(await exists(waiter.nodePath));
        await waiter.release();
    });
    test('a waiter with more than one node in its way watches only its predecessor and reads again', async () => {
        const cs = await Promise.all([1, 2, 3].map(() => connect(server.connectString)));
        const [first, second, third] = cs.map((c) => new ZkLock(c, 'handover-3'));
        await first.acquire();
        const s2 = spy(cs[1]);
        const secondAcquired = second.acquire(10_000);
        await parked(s2.ops, 2);
        const s3 = spy(cs[2]);
        const thirdAcquired = third.acquire(10_000);
        await parked(s3.ops, 1);
        await first.release();
        assert.equal(await secondAcquired, true);
        await second.release();
        assert.equal(await thirdAcquired, true);
        s2.stop();
        s3.stop();
        assert.deepEqual(s3.ops.slice(-4), [
            'create /locks/handover-3/<node>',
            'getChildren /locks/handover-3',
            'getData /locks/handover-3/<node> +watch',
            'getChildren /locks/handover-3',
        ]);
        await third.release();
    });
    test('a waiter whose node was deleted before its predecessor queues again', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const parkedWaiter = await waiterBehindHolder('handover-deleted', c1, c2);
        const { holder, waiterNode } = parkedWaiter;
        parkedWaiter.requests.stop();
        // An operator removes the waiter's node, then the holder's.
        await admin.delete(waiterNode);
        await admin.delete(holder.nodePath);
        await heldThroughNewNode(parkedWaiter, 'the waiter holds through a node it created again');
    });
    test('after a reconnect a waiter reads the queue: the server replays missed deletions in no particular order', async () => {
        const proxy = await startProxy(server.connectString);
        const c1 = await connect(server.connectString);
        const c2 = await connect(proxy.connectString, { sessionTimeout: 8000 });
        const parkedWaiter = await waiterBehindHolder('handover-replay', c1, c2);
        const { holder, waiterNode } = parkedWaiter;
        parkedWaiter.requests.stop();
        await sleep(100); // both watches set on the server
        await disconnect(proxy, c2);
        // While the waiter is away its node goes first, then the holder's. On reconnect the server
        // reports both deletions, the predecessor's first (the order the watches were set in).
        await admin.delete(waiterNode);
        await holder.release();
        proxy.pass();
        await heldThroughNewNode(parkedWaiter, 'the waiter took the lock through its deleted node');
    });
    test('a waiter whose session expires while parked queues again in its new session', async () => {
        const proxy = await startProxy(server.connectString);
        const c1 = await connect(server.connectString);
        const c2 = await connect(proxy.connectString);
        const parkedWaiter = await waiterBehindHolder('handover-expired', c1, c2);
        const { holder, waiter, acquired, waiterNode } = parkedWaiter;
        parkedWaiter.requests.stop();
        const oldSession = c2.sessionId;
        const expired = nextEvent(c2, 'lost');
        proxy.blackhole();
        await expired;
        await eventually(async () => !(await exists(waiterNode)), 10_000, 'the server removing the expired node');
        await holder.release();
        proxy.pass();
        assert.equal(await acquired, true);
        assert.notEqual(c2.sessionId, oldSession);
        assert.notEqual(waiter.nodePath, waiterNode);
        const stat = await admin.exists(waiter.nodePath);
        assert.equal(stat?.ephemeralOwner, c2.sessionOwner, 'held through a node of the new session');
        await waiter.release();
    });
    test('a forced acquire removes a waiter before the holder, so the waiter does not take the lock', async () => {
        const cs = await Promise.all([1, 2, 3].map(() => connect(server.connectString)));
        const parkedWaiter = await waiterBehindHolder('handover-force', cs[0], cs[1]);
        const { waiter, acquired, waiterNode } = parkedWaiter;
        parkedWaiter.requests.stop();
        const forcer = new ZkLock(cs[2], 'handover-force');
        assert.equal(await forcer.acquire({ force: true, timeout: 5000 }), true);
        await sleep(300); // time for a wrong hand-over to happen
        // (the waiter may queue again in front of the forcer and be forced out once more: that is
        // force's contract; what must not happen is a hold through the node the forcer deleted)
        assert.notEqual(waiter.nodePath, waiterNode, 'the waiter took the lock through its deleted node');
        await forcer.release();
        assert.equal(await acquired, true);
        await waiter.release();
    });
});
//# sourceMappingURL=directories.test.js.map