/**
 * Regression tests named for field bugs of Curator's LeaderLatch (double leaders and stuck
 * elections after connection trouble) that our election must not repeat. Each first proves its
 * fault happened.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ZkLeaderElection } from '../../src/index.js';
import { connect, eventually, nextEvent, sleep, startProxy, startServer } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
const nodes = (name) => admin.getChildren(`/elections/${name}`).catch(() => []);
/** Exactly one of `elections` leads, on the lowest node, which belongs to its client's current session. */
async function assertOneTrueLeader(name, elections, clients) {
    const leading = elections.filter((e) => e.isLeader);
    assert.equal(leading.length, 1, `${leading.length} participants believe they lead`);
    const leader = leading[0];
    const [first] = await leader.participantNodes();
    assert.equal(leader.nodePath, first, 'the leader’s node is the first in the election');
    const stat = await admin.exists(first);
    const client = clients[elections.indexOf(leader)];
    assert.equal(stat?.ephemeralOwner, client.sessionOwner, 'and it belongs to the leader’s current session');
    assert.equal((await nodes(name)).length, elections.length, 'one node per participant');
}
describe('leader election field bugs', () => {
    test('CURATOR-620: two reconnects in quick succession do not make a leader whose node was deleted', async () => {
        const proxy = await startProxy(server.connectString);
        const cut = await connect(proxy.connectString);
        const direct = await connect(server.connectString);
        const a = new ZkLeaderElection(cut, 'c620', { participantId: 'a' });
        const b = new ZkLeaderElection(direct, 'c620', { participantId: 'b' });
        a.start();
        assert.equal(await a.whenLeader({ timeout: 5000 }), true);
        b.start();
        await eventually(async () => (await nodes('c620')).length === 2);
        const node = a.nodePath;
        let reconnects = 0;
        cut.on('reconnected', () => reconnects++);
        for (let i = 0; i < 2; i++) {
            const back = nextEvent(cut, 'reconnected');
            proxy.reset();
            await back;
        }
        // The fault happened: two drops, two reconnects on the same session.
        assert.equal(reconnects, 2);
        await sleep(300); // any event the reconnects caused has been handled
        await assertOneTrueLeader('c620', [a, b], [cut, direct]);
        assert.equal(a.isLeader, true, 'the leader kept its term: its session never ended');
        assert.equal(a.nodePath, node, 'on the same node');
        await Promise.all([a.close(), b.close()]);
    });
    test('CURATOR-644/645: the leader closes, the others settle on one leader without a create/delete loop', async () => {
        const clients = await Promise.all([0, 1, 2].map(() => connect(server.connectString)));
        const elections = clients.map((c, i) => new ZkLeaderElection(c, 'c645', { participantId: `p${i}` }));
        elections[0].start();
        assert.equal(await elections[0].whenLeader({ timeout: 5000 }), true);
        elections[1].start();
        elections[2].start();
        await eventually(async () => (await nodes('c645')).length === 3);
        await elections[0].close();
        const rest = elections.slice(1);
        await eventually(() => rest.some((e) => e.isLeader), 5000, 'a new leader');
        // Settled: the election's children stop changing (a loop keeps creating and deleting them).
        const before = (await admin.exists('/elections/c645')).cversion;
        await sleep(1000);
        const after = (await admin.exists('/elections/c645')).cversion;
        assert.equal(after, before, `the election's children changed ${after - before} times while idle`);
        await assertOneTrueLeader('c645', rest, clients.slice(1));
        await Promise.all(rest.map((e) => e.close()));
    });
    test('CURATOR-724: the election’s directory deleted under its participants: they join again and one leads', async () => {
        const clients = await Promise.all([0, 1].map(() => connect(server.connectString)));
        const [a, b] = clients.map((c, i) => new ZkLeaderElection(c, 'c724', { participantId: `p${i}` }));
        a.start();
        assert.equal(await a.whenLeader({ timeout: 5000 }), true);
        b.start();
        await eventually(async () => (await nodes('c724')).length === 2);
        const lost = nextEvent(a, 'notLeader');
        // At once (one multi), as a recovered ensemble without the path would show it.
        await admin.multi([
            ...(await nodes('c724')).map((n) => ({ op: 'delete', path: `/elections/c724/${n}` })),
            { op: 'delete', path: '/elections/c724' },
        ]);
        // The fault happened: the directory is gone, and the leader heard its node go.
        await lost;
        await eventually(async () => (await nodes('c724')).length === 2, 10_000, 'both joined again');
        await eventually(() => a.isLeader || b.isLeader, 10_000, 'a leader again');
        await assertOneTrueLeader('c724', [a, b], clients);
        await Promise.all([a.close(), b.close()]);
    });
});
//# sourceMappingURL=leader-regressions.test.js.map