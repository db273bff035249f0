/**
 * Interoperability with the reference implementations on the same paths: Curator 5 (Java)
 * and Kazoo (Python) peers run as separate processes against the same ZooKeeper.
 * Skipped, saying what to install, when a peer cannot run on this machine; with `CI` set (CI runs
 * `CI=true bash .ci/run`) a missing peer fails instead, so a green CI cannot carry no interop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findPeer, PeerProcess, peersRequired } from '../../peers/peer-process.js';
import { monotonicNow, ZkLeaderElection, ZkLock, ZkReadWriteLock, ZkSemaphore, } from '../../src/index.js';
import { checkHistory } from '../../src/testing/exclusion-checker.js';
import { connect, eventually, startServer } from '../helpers.js';
let server;
let client;
before(async () => {
    server = await startServer();
    client = await connect(server.connectString);
});
const REQUIRED = peersRequired();
/** The reason to skip the tests that need `kind`'s peer; false to run them (and fail when it is missing under CI). */
function skipWithout(kind) {
    const found = findPeer(kind);
    return 'missing' in found && !REQUIRED ? found.missing : false;
}
for (const kind of ['curator', 'kazoo']) {
    test(`the ${kind} peer is installed${REQUIRED ? ' (required: CI is set)' : ''}`, {
        skip: skipWithout(kind),
    }, () => {
        const found = findPeer(kind);
        assert.ok(!('missing' in found), `CI requires the ${kind} peer for the interop tests: ${'missing' in found ? found.missing : ''}`);
    });
}
for (const kind of ['curator', 'kazoo']) {
    const skip = skipWithout(kind);
    describe(`interop with ${kind}`, { skip }, () => {
        let peer;
        before(async () => {
            peer = await PeerProcess.start(kind, server.connectString);
        });
        after(() => peer?.close());
        test('mutex: each excludes the other, both ways', async () => {
            const name = `${kind}-mutex`;
            // Kazoo's Lock object checks its path once: keep the directory for it.
            const ours = new ZkLock(client, name, { cleanupParent: kind !== 'kazoo' });
            assert.equal(await peer.send(`mutex ${name} 2000`), 'true');
            assert.equal(await ours.acquire(300), false, `${kind} holds: we must not get in`);
            const waiting = ours.acquire(10_000);
            await eventually(async () => (await ours.participantNodes()).length === 2);
            assert.equal(await peer.send(`unmutex ${name}`), '');
            assert.equal(await waiting, true, `we get the lock once ${kind} releases`);
            assert.equal(await peer.send(`mutex ${name} 300`), 'false', `we hold: ${kind} must not get in`);
            await ours.release();
            assert.equal(await peer.send(`mutex ${name} 2000`), 'true');
            assert.equal(await peer.send(`unmutex ${name}`), '');
        });
        test('read/write lock: writers exclude everyone, readers share, both ways', async () => {
            const name = `${kind}-rw`;
            const rw = new ZkReadWriteLock(client, name, { cleanupParent: kind !== 'kazoo' });
            assert.equal(await peer.send(`write ${name} 2000`), 'true');
            assert.equal(await rw.readLock.acquire(300), false, `${kind} writes: our reader waits`);
            assert.equal(await rw.writeLock.acquire(300), false, `${kind} writes: our writer waits`);
            assert.equal(await peer.send(`unwrite ${name}`), '');
            assert.equal(await peer.send(`read ${name} 2000`), 'true');
            assert.equal(await rw.readLock.acquire(2000), true, 'readers share');
            await rw.readLock.release();
            assert.equal(await rw.writeLock.acquire(300), false, `${kind} reads: our writer waits`);
            assert.equal(await peer.send(`unread ${name}`), '');
            assert.equal(await rw.writeLock.acquire(2000), true);
            assert.equal(await peer.send(`read ${name} 300`), 'false', `we write: ${kind}'s reader waits`);
            assert.equal(await peer.send(`write ${name} 300`), 'false', `we write: ${kind}'s writer waits`);
            await rw.writeLock.release();
            assert.equal(await rw.readLock.acquire(2000), true);
            assert.equal(await peer.send(`read ${name} 2000`), 'true', 'readers share');
            assert.equal(await peer.send(`write ${name} 300`), 'false', `we read: ${kind}'s writer waits`);
            assert.equal(await peer.send(`unread ${name}`), '');
            await rw.readLock.release();
        });
    });
}
describe('Curator Revoker', { skip: skipWithout('curator') }, () => {
    test("a Curator Revoker request reaches our holder's revocationRequested event", async () => {
        const peer = await PeerProcess.start('curator', server.connectString);
        try {
            const lock = new ZkLock(client, 'revoked');
            await lock.acquire();
            const asked = new Promise((resolve) => lock.once('revocationRequested', (i) => resolve(i.path)));
            await peer.send(`revoke ${lock.nodePath}`);
            assert.equal(await asked, lock.nodePath);
            assert.equal(lock.isAcquired, true, 'the holder decides: still held');
            await lock.release();
        }
        finally {
            await peer.close();
        }
    });
});
describe('Curator LeaderLatch', { skip: skipWithout('curator') }, () => {
    test('our election and a LeaderLatch on one path: one leader at any moment, leadership passes both ways', async () => {
        const peer = await PeerProcess.start('curator', server.connectString);
        try {
            const name = 'curator-latch';
            const terms = [];
            const record = (e) => e.on('leader', ({ fencingToken }) => {
                const term = {
                    worker: e.participantId,
                    mode: 'exclusive',
                    token: String(fencingToken),
                    acquired: monotonicNow(),
                    released: Number.POSITIVE_INFINITY,
                    writes: [],
                };
                terms.push(term);
                e.signal.addEventListener('abort', () => {
                    term.released = monotonicNow();
                });
            });
            const first = new ZkLeaderElection(client, name, { participantId: 'ours-1' });
            record(first);
            first.start();
            assert.equal(await first.whenLeader({ timeout: 5000 }), true);
            assert.equal(await peer.send(`latch ${name} curator-1`), '');
            await eventually(async () => (await first.participants()).join() === 'ours-1,curator-1');
            // Curator's node is named as ours are: the same recipe on the same path.
            assert.match((await first.participantNodes())[1], /\/_c_[0-9a-f-]{36}-latch-\d{10}$/);
            assert.equal(await peer.send(`awaitleader ${name} 300`), 'false', 'we lead: Curator waits');
            await first.close();
            assert.equal(await peer.send(`awaitleader ${name} 5000`), 'true', 'Curator leads once we leave');
            assert.equal(await first.leader(), 'curator-1');
            // Curator's term's token, as ours: its node's czxid.
            const curatorToken = (await client.exists((await first.participantNodes())[0])).czxid;
            const second = new ZkLeaderElection(client, name, { participantId: 'ours-2' });
            record(second);
            second.start();
            await eventually(async () => (await second.participants()).join() === 'curator-1,ours-2');
            assert.equal(await second.whenLeader({ timeout: 300 }), false, 'Curator leads: we wait');
            assert.equal(await peer.send(`isleader ${name}`), 'true');
            assert.equal(await peer.send(`unlatch ${name}`), '');
            assert.equal(await second.whenLeader({ timeout: 5000 }), true, 'we lead once Curator leaves');
            await second.close();
            // Curator's terms, from its listener, on the same monotonic clock (ns): beside ours, none overlaps.
            const log = (await peer.send(`leaderlog ${name}`)).split(' ').filter(Boolean);
            assert.deepEqual(log.map((x) => x[0]), ['+', '-'], `Curator led once: ${log}`);
            terms.push({
                worker: 'curator-1',
                mode: 'exclusive',
                token: String(curatorToken),
                acquired: Number(BigInt(log[0].slice(1))) / 1e6,
                released: Number(BigInt(log[1].slice(1))) / 1e6,
                writes: [],
            });
            assert.equal(terms.length, 3);
            assert.deepEqual(checkHistory(terms).violations, []);
        }
        finally {
            await peer.close();
        }
    });
});
describe('Curator InterProcessSemaphoreV2', { skip: skipWithout('curator') }, () => {
    test('our semaphore and Curator’s on one path, separate processes: never more than the maximum together', async () => {
        const peer = await PeerProcess.start('curator', server.connectString);
        const clients = await Promise.all([0, 1, 2].map(() => connect(server.connectString)));
        try {
            const name = 'curator-sem';
            const MAX = 2;
            // Each sees the other's lease nodes: ours held, Curator lists it among its participants.
            const probe = new ZkSemaphore(client, name, { maxLeases: MAX, identifier: 'probe' });
            const [held] = await probe.acquire(5000);
            assert.match(await peer.send(`semholders ${name} ${MAX}`), /^_c_[0-9a-f-]{36}-lease-\d{10}$/);
            await held.release();
            // Both sides contend over the same 3 s window; times on the shared monotonic clock (ns).
            const start = process.hrtime.bigint() + 1500000000n;
            const until = start + 3000000000n;
            const javaSide = peer.send(`semcontend ${name} ${MAX} ${start} ${until} 15 3`, 90_000);
            const ours = [];
            await Promise.all(clients.map(async (c, i) => {
                const sem = new ZkSemaphore(c, name, { maxLeases: MAX, identifier: `ours-${i}` });
                await new Promise((r) => setTimeout(r, Math.max(0, Number(start - process.hrtime.bigint()) / 1e6)));
                while (process.hrtime.bigint() < until) {
                    await sem.run(async () => {
                        const acquired = monotonicNow();
                        await new Promise((r) => setTimeout(r, 15));
                        ours.push([acquired, monotonicNow()]);
                    }, { timeout: 60_000 });
                }
            }));
            const answer = await javaSide;
            assert.ok(!answer.startsWith('err'), answer);
            const times = answer
                .split(' ')
                .filter(Boolean)
                .map((x) => Number(BigInt(x)) / 1e6);
            const theirs = [];
            for (let i = 0; i + 1 < times.length; i += 2)
                theirs.push([times[i], times[i + 1]]);
            assert.ok(ours.length > 0 && theirs.length > 0, `both sides held (ours ${ours.length}, Curator ${theirs.length})`);
            const edges = [...ours, ...theirs]
                .flatMap(([a, b]) => [
                [a, 1],
                [b, -1],
            ])
                .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
            let open = 0;
            let most = 0;
            for (const [, d] of edges) {
                open += d;
                most = Math.max(most, open);
            }
            assert.ok(most <= MAX, `at most ${MAX} holders at once across both processes, saw ${most}`);
            assert.deepEqual(await probe.leases(), []);
        }
        finally {
            await Promise.all(clients.map((c) => c.close()));
            await peer.close();
        }
    });
});
//# sourceMappingURL=interop.test.js.map