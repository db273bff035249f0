/**
 * The semaphore under faults, with separate worker processes (fault-worker.ts, kind 'semaphore')
 * and the exclusion checker counting holders: never more than the maximum at once, unless a
 * holder was told first or was stopped. At the end no lease or mutex node is left. Each test
 * first proves its fault happened.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { monotonicNow } from '../../src/index.js';
import { needsHarness } from '../../src/testing/index.js';
import { connect, eventually, startProxy, startServer } from '../helpers.js';
import { assertClean, assertNoNodes, GRANT_MARGIN, sleep, startResource, T } from './common.js';
import { finish, foreignNodes, grantAfter, report, startWorker, stop } from './harness.js';
const MAX = 2;
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
/**
 * Runs 4 workers on semaphore `name` (maximum 2; through proxies when given; W0 holding for
 * `firstHoldMs` when given), applies `fault` once all have held, stops them once a lease has
 * been granted after the fault's end (its return), and checks the history and the nodes.
 */
async function scenario(name, fault, { proxies, firstHoldMs } = {}) {
    const resource = await startResource();
    const config = (i) => ({
        id: `W${i}`,
        connect: proxies?.[i]?.connectString ?? server.connectString,
        name,
        kind: 'semaphore',
        maxLeases: MAX,
        holdMs: (i === 0 && firstHoldMs ? [firstHoldMs, firstHoldMs] : [50, 400]),
        resource: resource.url,
        sessionTimeout: T,
    });
    const workers = [0, 1, 2, 3].map((i) => startWorker(config(i)));
    const all = [...workers];
    let stuck = [];
    let recoveryMs = 0;
    let foreign = [];
    try {
        await Promise.all(workers.map((w) => w.waitFor((e) => e.ev === 'acquired', 30_000, 'a first lease')));
        const tEnd = await fault(workers, all);
        recoveryMs = await grantAfter(all, tEnd, T + GRANT_MARGIN);
        // Nodes of a dead or replaced session go when the server expires it; then the last worker
        // out removes the directories.
        await eventually(async () => {
            foreign = (await foreignNodes(admin, `/semaphores/${name}/leases`, all)).concat(await foreignNodes(admin, `/semaphores/${name}/locks`, all));
            return foreign.length === 0;
        }, T + GRANT_MARGIN, 'nodes of dead sessions gone').catch(() => { }); // asserted below
    }
    finally {
        for (const p of proxies ?? [])
            p.pass();
        stop(all);
        stuck = await finish(all, 60_000);
    }
    assert.deepEqual(stuck, [], 'every worker finished');
    assert.deepEqual(foreign, [], 'nodes of sessions no live worker has, before the stop');
    const r = assertClean(all, resource, { maxHolders: MAX });
    await assertNoNodes(admin, name, 'semaphore');
    return { grants: r.grants, recoveryMs };
}
/** A worker that holds a lease now (waits for one). */
async function aHolder(workers) {
    return ((await eventually(() => {
        const i = workers.findIndex((w) => w.holding);
        return i >= 0 ? i + 1 : undefined;
    }, 20_000, 'a holder')) - 1);
}
describe('semaphore under faults (at most 2 holders)', () => {
    test('a holder partitioned away past its session: told before its place is given away, never more than 2', async () => {
        const proxies = await Promise.all([0, 1, 2, 3].map(() => startProxy(server.connectString)));
        const r = await scenario('s-partition', async (workers) => {
            // W0 holds each lease for longer than a session: cut it off while it holds one.
            const cut = workers[0];
            await eventually(() => cut.holding, 30_000, 'W0 holds');
            const token = [...cut.events].reverse().find((e) => e.ev === 'acquired').token;
            proxies[0].blackhole();
            // The fault happened: the cut-off holder lost its lease (told by its own client).
            await cut.waitFor((e) => e.ev === 'lost' && e.token === token, 3 * T, 'the cut-off holder told');
            await sleep(T);
            proxies[0].pass();
            return monotonicNow();
        }, { proxies, firstHoldMs: 4 * T });
        report('semaphore partition', { ...r });
    });
    test('a holder killed with -9: its lease frees when its session expires, never more than 2', async () => {
        const r = await scenario('s-kill', async (workers, all) => {
            const i = await aHolder(workers);
            const victim = workers[i];
            victim.kill('SIGKILL');
            assert.equal(await victim.exited, null, 'died of a signal');
            workers[i] = startWorker({ ...victim.cfg, id: `${victim.cfg.id}'` });
            all.push(workers[i]);
            return monotonicNow();
        });
        report('semaphore kill -9', { ...r });
    });
    test('the server restarted while leases are held and waited for: never more than 2', {
        skip: needsHarness(),
    }, async () => {
        const r = await scenario('s-restart', async (workers) => {
            await aHolder(workers);
            await server.restart(); // resolves once it serves again
            return monotonicNow();
        });
        report('semaphore restart', { ...r });
    });
});
//# sourceMappingURL=semaphore.test.js.map