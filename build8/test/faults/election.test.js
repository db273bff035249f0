/**
 * Leader election under faults, with separate worker processes (fault-worker.ts, kind 'leader':
 * one term per hold, a fenced write in each) and the exclusion checker: at most one leader at any
 * moment, unless the earlier one was told first or was stopped and fenced off. Each test first
 * proves its fault happened. The 3-node ensemble's case is in election-ensemble.test.ts.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { monotonicNow } from '../../src/index.js';
import { needsHarness, ZkTestServer } from '../../src/testing/index.js';
import { connect, eventually, onCleanup, startServer } from '../helpers.js';
import { assertClean, assertNoNodes, GRANT_MARGIN, sleep, startResource, T } from './common.js';
import { finish, grantAfter, report, startWorker, stop } from './harness.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
const participants = (name) => admin.getChildren(`/elections/${name}`).catch(() => []);
describe('leader election under faults', () => {
    test('a leader paused (SIGSTOP) past its session: the next is elected, the paused one’s late write is refused by its term’s fencing token', async () => {
        const resource = await startResource();
        const name = 'e-paused';
        const base = { name, kind: 'leader', resource: resource.url, sessionTimeout: T, iterations: 1 };
        // A holds long enough for B to start and queue on a loaded machine; it is paused well before.
        const a = startWorker({
            ...base,
            id: 'A',
            connect: server.connectString,
            holdMs: [6000, 6000],
            ignoreSignal: true,
        });
        await a.waitFor((e) => e.ev === 'acquired', 30_000, 'A leads');
        const b = startWorker({ ...base, id: 'B', connect: server.connectString, holdMs: [10, 10] });
        await eventually(async () => (await participants(name)).length === 2, 30_000, 'B in the election');
        a.kill('SIGSTOP');
        // The fault happened: B is elected only once A's session has expired on the server.
        const elected = await b.waitFor((e) => e.ev === 'acquired', 30_000, 'B elected');
        await b.waitFor((e) => e.ev === 'hold', 30_000, 'B’s term');
        a.kill('SIGCONT');
        const stuck = await finish([a, b], 30_000);
        assert.deepEqual(stuck, []);
        const aTerm = a.holds()[0];
        assert.ok(aTerm.acquired < elected.t && aTerm.released > elected.t, 'A still believed it led when B was elected');
        assert.ok(BigInt(aTerm.token) < BigInt(b.holds()[0].token), 'a later term has a greater token');
        assert.deepEqual(aTerm.writes.map((w) => w.result), ['stale'], 'A’s late write was fenced off');
        const r = assertClean([a, b], resource);
        await assertNoNodes(admin, name, 'leader');
        report('election paused leader', { grants: r.grants, fenced: r.fenced, violations: r.violations.length });
    });
    test('CURATOR-653/696: the server restarted, then down past every session: one leader at a time, and a leader again after each', {
        skip: needsHarness(),
    }, async () => {
        const resource = await startResource();
        const name = 'e-restart';
        // A server of its own: it is stopped for a while (the helpers' server only restarts).
        const own = await ZkTestServer.start({ tickTime: 200 });
        onCleanup(() => own.close());
        const ownAdmin = await connect(own.connectString);
        const workers = [0, 1, 2].map((i) => startWorker({
            id: `W${i}`,
            connect: own.connectString,
            name,
            kind: 'leader',
            holdMs: [50, 300],
            resource: resource.url,
            sessionTimeout: T,
        }));
        let stuck = [];
        const figures = {};
        try {
            await Promise.all(workers.map((w) => w.waitFor((e) => e.ev === 'acquired', 30_000, 'a first term')));
            await own.restart();
            figures.leaderAfterRestartMs = await grantAfter(workers, monotonicNow(), T + GRANT_MARGIN);
            // Down past every session: the clients declare their sessions lost and create new ones
            // when it is back; the old leader's node is only expired by the restarted server (CURATOR-696).
            const lostBefore = workers.flatMap((w) => w.events).filter((e) => e.ev === 'lost').length;
            const sessionsBefore = workers.map((w) => w.session);
            await own.stop();
            await sleep(2 * T);
            await own.start();
            const tBack = monotonicNow();
            figures.leaderAfterOutageMs = await grantAfter(workers, tBack, T + GRANT_MARGIN);
            // The fault happened: every worker is on a new session (the old ones were given up).
            await eventually(() => workers.every((w, i) => w.session !== sessionsBefore[i]), T + GRANT_MARGIN, 'new sessions after the outage');
            const lost = workers.flatMap((w) => w.events).filter((e) => e.ev === 'lost').length - lostBefore;
            const leading = workers.filter((w) => w.holding).length;
            figures.termsLostInOutage = lost;
            assert.ok(leading <= 1, `${leading} workers lead at once`);
        }
        finally {
            stop(workers);
            stuck = await finish(workers, 60_000);
        }
        assert.deepEqual(stuck, []);
        const r = assertClean(workers, resource);
        await assertNoNodes(ownAdmin, name, 'leader');
        report('election restarts', {
            grants: r.grants,
            fenced: r.fenced,
            ...figures,
            violations: r.violations.length,
        });
    });
});
//# sourceMappingURL=election.test.js.map