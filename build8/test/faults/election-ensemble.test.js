/**
 * Leader election and the semaphore on a 3-node ensemble whose leader server is killed, with
 * separate worker processes (fault-worker.ts, kinds 'leader' and 'semaphore') and the exclusion
 * checker: never two leaders (never more holders than the semaphore's maximum), and a grant
 * again once the ensemble has a new quorum.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { monotonicNow } from '../../src/index.js';
import { needsHarness, ZkTestCluster } from '../../src/testing/index.js';
import { connect } from '../helpers.js';
import { assertClean, assertNoNodes, GRANT_MARGIN, startResource } from './common.js';
import { finish, grantAfter, report, startWorker, stop } from './harness.js';
const CASES = [
    { kind: 'leader', name: 'e-ensemble', workers: 3, what: 'never two leaders, and a leader again' },
    {
        kind: 'semaphore',
        name: 's-ensemble',
        workers: 4,
        maxLeases: 2,
        what: 'never more than 2 holders of a semaphore of 2, and a grant again',
    },
];
describe('leader election and the semaphore on a 3-node ensemble', { skip: needsHarness() }, () => {
    for (const c of CASES)
        test(`${c.kind}: the ensemble’s leader killed (SIGKILL): ${c.what}`, async () => {
            const resource = await startResource(); // fresh: tokens of another server are not comparable
            const cluster = await ZkTestCluster.start({ size: 3, tickTime: 200 });
            try {
                const clusterAdmin = await connect(cluster.connectString, { sessionTimeout: 10_000 });
                const name = c.name;
                const sessionTimeout = 4000;
                const workers = Array.from({ length: c.workers }, (_, i) => startWorker({
                    id: `W${i}`,
                    connect: cluster.connectString,
                    name,
                    kind: c.kind,
                    ...('maxLeases' in c ? { maxLeases: c.maxLeases } : {}),
                    holdMs: [50, 300],
                    resource: resource.url,
                    sessionTimeout,
                }));
                let stuck = [];
                let recoveryMs = 0;
                let killedMode = '';
                try {
                    await Promise.all(workers.map((w) => w.waitFor((e) => e.ev === 'acquired', 30_000, 'a first term')));
                    const killed = await cluster.leader();
                    assert.ok(killed, 'the ensemble has a leader');
                    killedMode = (await killed.mode()) ?? '';
                    await killed.kill();
                    assert.equal(killed.running, false, 'the ensemble’s leader is dead');
                    await cluster.waitForQuorum();
                    const next = await cluster.leader();
                    assert.ok(next && next !== killed, 'another server leads the ensemble');
                    recoveryMs = await grantAfter(workers, monotonicNow(), sessionTimeout + GRANT_MARGIN);
                    await killed.restart();
                    await cluster.waitForQuorum();
                }
                finally {
                    stop(workers);
                    stuck = await finish(workers, 60_000);
                }
                assert.deepEqual(stuck, []);
                assert.equal(killedMode, 'leader');
                const r = assertClean(workers, resource, 'maxLeases' in c ? { maxHolders: c.maxLeases } : {});
                await assertNoNodes(clusterAdmin, name, c.kind);
                report(`${c.kind} ensemble leader kill`, { grants: r.grants, grantAfterQuorumMs: recoveryMs });
                await clusterAdmin.close();
            }
            finally {
                await cluster.close();
            }
        });
});
//# sourceMappingURL=election-ensemble.test.js.map