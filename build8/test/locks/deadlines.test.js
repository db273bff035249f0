/**
 * Issue 15 (items 4-7): a timeout means that timeout, also while the connection is down; an abort
 * takes effect at once; durations past Node's timer limit mean what they say; polling leaves
 * nothing behind. Bounds are measured from the fault, and each test first shows its fault.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { monotonicNow, ZkClient, ZkLock } from '../../src/index.js';
import { fourLetterWord } from '../../src/testing/four-letter.js';
import { clientListeners, collectWarnings, connect, eventually, holderAndProxiedContender, sleep, startServer, } from '../helpers.js';
// Long sessions, so that "waited for the request timeout" (= the session timeout) and "kept
// its own timeout" are seconds apart, whatever the machine's load.
const LONG_SESSION = 20_000;
// acquire(t) and release() may take REQUEST_GRACE_MS (1 s) past their bound; the rest is slack
// for a loaded machine, still far below LONG_SESSION.
const SLACK = 3000;
let server;
before(async () => {
    server = await startServer();
});
/** A holder, and a contender behind a proxy whose client has a long session. */
async function contenderBehindProxy(name) {
    const setup = await holderAndProxiedContender(server.connectString, name);
    const client = await connect(setup.proxy.connectString, { sessionTimeout: LONG_SESSION });
    return { ...setup, client, lock: new ZkLock(client, name) };
}
/** Blackholes the proxy and proves it: a request sent now gets no answer for a while. */
async function partition(proxy, client) {
    proxy.blackhole();
    const probe = client.exists('/').then(() => 'answered', (e) => e.name);
    probe.catch(() => { });
    const seen = await Promise.race([probe, sleep(300).then(() => 'no answer within 300 ms')]);
    assert.equal(seen, 'no answer within 300 ms', 'the partition swallows requests');
    return monotonicNow();
}
describe('a timeout is kept while the connection is down', () => {
    test('acquire(t) settles false within t (+ the grace) when the partition starts before it', async () => {
        const { proxy, client, lock } = await contenderBehindProxy('dl-partition');
        const faultAt = await partition(proxy, client);
        assert.equal(client.state, 'connected', 'not yet suspended: the requests go into the void');
        const t0 = monotonicNow();
        assert.equal(await lock.acquire(1000), false);
        const took = monotonicNow() - t0;
        assert.ok(took < 1000 + SLACK, `acquire(1000) took ${Math.round(took)} ms (session ${LONG_SESSION} ms)`);
        assert.ok(monotonicNow() - faultAt < LONG_SESSION / 2);
        proxy.pass();
        // The create sent into the partition may have been applied: it is swept once traffic passes.
        const holderView = new ZkLock(await connect(server.connectString), 'dl-partition');
        await eventually(async () => (await holderView.participantNodes()).length === 1 || undefined);
    });
    test('acquire(t) waiting in the queue settles within t when the partition starts while it waits', async () => {
        const { proxy, client, lock } = await contenderBehindProxy('dl-waiting');
        const t0 = monotonicNow();
        const pending = lock.acquire(2500);
        await eventually(async () => (await lock.participantNodes()).length === 2 || undefined);
        await partition(proxy, client);
        assert.equal(await pending, false);
        const took = monotonicNow() - t0;
        assert.ok(took < 2500 + SLACK, `acquire(2500) took ${Math.round(took)} ms`);
        proxy.pass();
    });
    test('an abort takes effect at once while the connection is down', async () => {
        const { proxy, client, lock } = await contenderBehindProxy('dl-abort');
        const ac = new AbortController();
        const pending = lock.acquire({ signal: ac.signal });
        await eventually(async () => (await lock.participantNodes()).length === 2 || undefined);
        await partition(proxy, client);
        const abortedAt = monotonicNow();
        ac.abort(new Error('stop waiting'));
        await assert.rejects(pending, /stop waiting/);
        const took = monotonicNow() - abortedAt;
        assert.ok(took < SLACK, `the abort took ${Math.round(took)} ms to take effect`);
        proxy.pass();
        // Our node is deleted in the background once the connection is back.
        await eventually(async () => (await lock.participantNodes()).length === 1 || undefined, 15_000);
    });
    test('release() while disconnected resolves at once; the node goes once the connection is back', async () => {
        const setup = await holderAndProxiedContender(server.connectString, 'dl-release');
        await setup.holder.release();
        const client = await connect(setup.proxy.connectString, { sessionTimeout: LONG_SESSION });
        const lock = new ZkLock(client, 'dl-release');
        assert.equal(await lock.acquire(5000), true);
        await partition(setup.proxy, client);
        const t0 = monotonicNow();
        await lock.release();
        const took = monotonicNow() - t0;
        assert.ok(took < SLACK, `release() took ${Math.round(took)} ms`);
        assert.equal(lock.isAcquired, false);
        const other = new ZkLock(await connect(server.connectString), 'dl-release');
        assert.equal(await other.acquire(0), false, 'the node is still there while the partition lasts');
        setup.proxy.pass();
        assert.equal(await other.acquire(15_000), true, 'deleted in the background after the partition');
        await other.release();
    });
});
describe('a timed acquire behind another acquire of the same object', () => {
    test('keeps its timeout and its signal', async () => {
        const c1 = await connect(server.connectString);
        const c2 = await connect(server.connectString);
        const holder = new ZkLock(c1, 'dl-object');
        await holder.acquire();
        const shared = new ZkLock(c2, 'dl-object');
        const first = shared.acquire(); // never granted while the holder holds
        let t0 = monotonicNow();
        assert.equal(await shared.acquire(500), false);
        assert.ok(monotonicNow() - t0 < 500 + SLACK);
        t0 = monotonicNow();
        await assert.rejects(shared.acquire({ signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
        assert.ok(monotonicNow() - t0 < 300 + SLACK);
        await holder.release();
        assert.equal(await first, true, 'the first acquire still gets the lock');
        await shared.release();
    });
});
describe('durations past 2^31-1 ms', () => {
    test('a lease of 3e9 ms does not end at once', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'dl-lease');
        assert.equal(await lock.acquire({ lease: 3e9 }), true);
        await sleep(300);
        assert.equal(lock.isAcquired, true);
        assert.equal(lock.signal.aborted, false);
        await lock.release();
    });
    test('acquire(3e9) on a held lock waits without spinning', async () => {
        const c1 = await connect(server.connectString);
        const c2 = await connect(server.connectString);
        const holder = new ZkLock(c1, 'dl-spin');
        await holder.acquire();
        // The other clients of this file send heartbeats: measure them first, side by side.
        const quiet = await packetsInOneSecond();
        const pending = new ZkLock(c2, 'dl-spin').acquire(3e9);
        await eventually(async () => (await holder.participantNodes()).length === 2 || undefined);
        const waiting = await packetsInOneSecond();
        // A waiter sends nothing while it waits (a heartbeat at most); a spinning one hundreds.
        assert.ok(waiting - quiet < 50, `${waiting} packets in 1 s while waiting, ${quiet} before`);
        await holder.release();
        assert.equal(await pending, true);
    });
    test('connectTimeout: 3e9 waits (until close())', async () => {
        const c = new ZkClient('127.0.0.1:1', { connectTimeout: 3e9 });
        const pending = c.connect();
        const early = await Promise.race([
            pending.then(() => 'resolved', (e) => e.message),
            sleep(500),
        ]);
        assert.equal(early, undefined, `settled after less than 500 ms: ${early}`);
        await c.close();
        await assert.rejects(pending, { name: 'ClientClosedError' });
    });
    test('durations beyond Number.MAX_SAFE_INTEGER are refused, naming the value', async () => {
        const c = await connect(server.connectString);
        assert.throws(() => new ZkLock(c, 'x', { cleanupDelay: 2 ** 60 }), /cleanupDelay .* got 1152921504606847000/);
        await assert.rejects(new ZkLock(c, 'x').acquire({ lease: Number.POSITIVE_INFINITY }), /lease/);
        assert.throws(() => new ZkClient('127.0.0.1:1', { connectTimeout: -1 }), /connectTimeout/);
    });
});
describe('polling leaves nothing behind', () => {
    test('hundreds of acquire(20) on a held lock: no watch or listener left, no warning', async () => {
        const warnings = collectWarnings('MaxListenersExceededWarning');
        try {
            const c1 = await connect(server.connectString);
            const c2 = await connect(server.connectString);
            const holder = new ZkLock(c1, 'dl-poll');
            await holder.acquire();
            const poller = new ZkLock(c2, 'dl-poll');
            const listenersBefore = clientListeners(c2);
            for (let i = 0; i < 200; i++)
                assert.equal(await poller.acquire(20), false);
            await sleep(100); // a warning is emitted on the next tick
            assert.deepEqual(warnings.seen, [], 'no listener pile-up');
            assert.equal(c2.pendingWatches, 0, 'every given-up waiter removed its watch');
            const listenersAfter = clientListeners(c2);
            assert.equal(listenersAfter, listenersBefore);
            await holder.release();
        }
        finally {
            warnings.stop();
        }
    });
});
function splitHost(connectString) {
    const first = connectString.split('/')[0].split(',')[0];
    const i = first.lastIndexOf(':');
    return [first.slice(0, i), Number(first.slice(i + 1))];
}
async function packetsInOneSecond() {
    const [host, port] = splitHost(server.connectString);
    const before = packetsReceived(await fourLetterWord(host, port, 'mntr'));
    await sleep(1000);
    return packetsReceived(await fourLetterWord(host, port, 'mntr')) - before;
}
function packetsReceived(mntr) {
    const m = /zk_packets_received\s+(\d+)/.exec(mntr);
    assert.ok(m, `mntr has zk_packets_received: ${mntr.slice(0, 200)}`);
    return Number(m[1]);
}
//# sourceMappingURL=deadlines.test.js.map