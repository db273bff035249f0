/**
 * Fault scenarios on a 3-node ensemble, the churn run (locks, leader election and a semaphore
 * side by side), and the read/write lock under faults. `ZK_SOAK_SECONDS` and `ZK_SOAK_PROCS`
 * lengthen the churn run (npm run test:soak).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { monotonicNow } from '../../src/index.js';
import { needsHarness, ZkTestCluster } from '../../src/testing/index.js';
import { connect, eventually, startProxy, startServer } from '../helpers.js';
import { assertClean, assertNoNodesButKnownEmptyDir, GRANT_MARGIN, nodeDirs, pick, sleep, startResource, T, } from './common.js';
import { finish, foreignNodes, grantAfter, report, startWorker, stop } from './harness.js';
describe('3-node ensemble', { skip: needsHarness() }, () => {
    test('4 SIGKILL the leader, then SIGSTOP the new one, under contention: exclusion holds, progress resumes', async (t) => {
        const resource = await startResource(); // fresh per scenario: tokens of another server are not comparable
        const cluster = await ZkTestCluster.start({ size: 3, tickTime: 200 });
        try {
            const admin = await connect(cluster.connectString, { sessionTimeout: 10_000 });
            const name = 'c4';
            const sessionTimeout = 4000;
            // No end time: the workers contend until stop(), after the recovery has been measured.
            const workers = [0, 1, 2, 3].map((i) => startWorker({
                id: `W${i}`,
                connect: cluster.connectString,
                name,
                kind: 'mutex',
                holdMs: [10, 100],
                resource: resource.url,
                sessionTimeout,
            }));
            let stuck = [];
            let tEnd = 0;
            let recoveryMs = 0;
            try {
                await Promise.all(workers.map((w) => w.waitFor((e) => e.ev === 'acquired')));
                const killed = await cluster.leader();
                await killed.kill();
                const tKill = monotonicNow();
                await cluster.waitForQuorum();
                await sleep(3000);
                const stopped = await cluster.leader();
                assert.ok(stopped && stopped !== killed, 'a new leader was elected after the kill');
                stopped.pause();
                await sleep(3000);
                stopped.resume();
                await killed.restart();
                // The faults' effects end when the whole ensemble serves again.
                await cluster.waitForQuorum();
                tEnd = monotonicNow();
                recoveryMs = await grantAfter(workers, tEnd, sessionTimeout + GRANT_MARGIN);
                report('scenario 4 timing', { sinceKillMs: tEnd - tKill, grantAfterFaultsMs: recoveryMs });
            }
            finally {
                stop(workers);
                stuck = await finish(workers, 60_000);
            }
            assert.deepEqual(stuck, []);
            const r = assertClean(workers, resource);
            const after = workers.flatMap((w) => w.holds()).filter((h) => h.acquired > tEnd).length;
            await assertNoNodesButKnownEmptyDir(t, admin, name);
            report('scenario 4', {
                grants: r.grants,
                faults: 2,
                grantsAfterFaults: after,
                grantAfterFaultsMs: recoveryMs,
                violations: r.violations.length,
            });
            await admin.close();
        }
        finally {
            await cluster.close();
        }
    });
});
describe('churn and read/write under faults', () => {
    let server;
    let admin;
    before(async () => {
        server = await startServer();
        admin = await connect(server.connectString);
    });
    /**
     * Runs every group's workers through proxies while injecting random faults for `seconds`. Each
     * fault's effect has an end, recorded when it really happens: the proxy passes again, the process
     * is continued, the restarted server serves. Workers contend until the test stops them, after a
     * grant has come within the session timeout plus a margin of the last end, in every group.
     */
    async function churn(t, groups, seconds, allowRestart) {
        const resources = await Promise.all(groups.map(() => startResource()));
        const faultsUntil = monotonicNow() + seconds * 1000;
        const configs = groups.flatMap((g, gi) => g.kinds.map((kind) => ({
            name: g.name,
            kind,
            ...(g.maxLeases === undefined ? {} : { maxLeases: g.maxLeases }),
            resource: resources[gi].url,
        })));
        const proxies = await Promise.all(configs.map(() => startProxy(server.connectString)));
        const base = {
            sessionTimeout: T,
            holdMs: [5, 60],
            acquireTimeoutMs: [200, 4000],
        };
        const workers = configs.map((cfg, i) => startWorker({ ...base, ...cfg, id: `${cfg.kind[0]}${i}`, connect: proxies[i].connectString }));
        const all = [...workers];
        const ofGroup = (g) => all.filter((w) => w.cfg.name === g.name);
        const faults = { reset: 0, blackhole: 0, kill9: 0, pause: 0, restart: 0 };
        /** When each fault's effect ended (monotonic ms), or will. */
        const ends = [];
        let stuck = [];
        let recoveryMs = 0;
        let foreignAtStop = [];
        try {
            while (monotonicNow() < faultsUntil) {
                await sleep(800 + Math.random() * 1200);
                const i = Math.floor(Math.random() * workers.length);
                const menu = ['reset', 'blackhole', 'kill9', 'pause', ...(allowRestart ? ['restart'] : [])];
                const fault = pick(menu);
                faults[fault]++;
                if (fault === 'reset') {
                    proxies[i].reset(); // the client reconnects at once, on the same session
                    ends.push(Promise.resolve(monotonicNow()));
                }
                else if (fault === 'blackhole') {
                    const p = proxies[i];
                    p.blackhole();
                    ends.push(sleep(T * 1.5).then(() => {
                        p.pass();
                        return monotonicNow();
                    }));
                }
                else if (fault === 'kill9') {
                    // Its node goes when the server expires its session, within T: the grant bound covers that.
                    workers[i].kill('SIGKILL');
                    ends.push(Promise.resolve(monotonicNow()));
                    workers[i] = startWorker({ ...workers[i].cfg, id: `${workers[i].cfg.id}'` });
                    all.push(workers[i]);
                }
                else if (fault === 'pause') {
                    const w = workers[i];
                    w.kill('SIGSTOP');
                    ends.push(sleep(T + 1000).then(() => {
                        w.kill('SIGCONT');
                        return monotonicNow();
                    }));
                }
                else {
                    await server.restart(); // resolves once the server serves again
                    ends.push(Promise.resolve(monotonicNow()));
                }
            }
            const tEnd = Math.max(...(await Promise.all(ends)));
            for (const g of groups) {
                const took = await grantAfter(ofGroup(g), tEnd, T + GRANT_MARGIN).catch((e) => {
                    const last = ofGroup(g).map((w) => `${w.cfg.id}${w.alive ? '' : ' (dead)'}: ${JSON.stringify(w.events.slice(-4))}`);
                    throw new Error(`${g.name}: ${e.message}\n${last.join('\n')}`);
                });
                recoveryMs = Math.max(recoveryMs, took);
            }
            // Before the workers leave, the nodes of killed workers must be gone (their sessions
            // expired): then the last worker out removes the directory, and an empty one is a leak.
            await eventually(async () => {
                foreignAtStop = [];
                for (const g of groups) {
                    for (const dir of nodeDirs(g.name, g.kinds[0])) {
                        foreignAtStop.push(...(await foreignNodes(admin, dir, ofGroup(g))).map((n) => `${dir}/${n}`));
                    }
                }
                return foreignAtStop.length === 0;
            }, T + GRANT_MARGIN, 'nodes of dead sessions gone').catch(() => { }); // asserted below, once the workers are stopped
        }
        finally {
            for (const p of proxies)
                p.pass();
            stop(all);
            stuck = await finish(all, 90_000);
        }
        assert.deepEqual(stuck, [], 'every worker finished');
        assert.deepEqual(foreignAtStop, [], 'nodes of sessions no live worker has, before the stop');
        const checked = groups.map((g, gi) => assertClean(ofGroup(g), resources[gi], g.maxLeases === undefined ? {} : { maxHolders: g.maxLeases }));
        for (const g of groups)
            await assertNoNodesButKnownEmptyDir(t, admin, g.name, g.kinds[0]);
        const sum = (k) => checked.reduce((n, r) => n + r[k], 0);
        return {
            grants: sum('grants'),
            fenced: sum('fenced'),
            violations: checked.flatMap((r) => r.violations),
            byGroup: Object.fromEntries(groups.map((g, gi) => [`${g.name}Grants`, checked[gi].grants])),
            faults,
            recoveryMs,
        };
    }
    test('8 churn: many processes, random holds, random faults: checker clean', async (t) => {
        const seconds = Number(process.env.ZK_SOAK_SECONDS ?? 20);
        const procs = Number(process.env.ZK_SOAK_PROCS ?? 20);
        // A fifth of the processes take part in an election, a fifth share a semaphore of 2.
        const others = Math.max(2, Math.round(procs / 5));
        const some = (kind, n) => Array.from({ length: n }, () => kind);
        const r = await churn(t, [
            { name: 'c8', kinds: some('mutex', Math.max(2, procs - 2 * others)) },
            { name: 'c8-leader', kinds: some('leader', others) },
            { name: 'c8-semaphore', kinds: some('semaphore', others), maxLeases: 2 },
        ], seconds, !needsHarness());
        report('scenario 8', {
            procs,
            seconds,
            grants: r.grants,
            ...r.byGroup,
            fenced: r.fenced,
            ...r.faults,
            grantAfterFaultsMs: r.recoveryMs,
            violations: r.violations.length,
        });
    });
    test('9 the read/write lock under the same faults: readers may overlap, never a writer', async (t) => {
        const kinds = ['read', 'read', 'read', 'write', 'write', 'read', 'write', 'read'];
        const r = await churn(t, [{ name: 'c9', kinds }], 15, false);
        report('scenario 9', {
            grants: r.grants,
            ...r.faults,
            grantAfterFaultsMs: r.recoveryMs,
            violations: r.violations.length,
        });
    });
});
//# sourceMappingURL=churn.test.js.map