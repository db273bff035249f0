/**
 * Fault scenarios on a 3-node ensemble, the churn run, and the read/write lock under faults.
 * `ZK_SOAK_SECONDS` and `ZK_SOAK_PROCS` lengthen the churn run (npm run test:soak).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { monotonicNow, type ZkClient } from '../../src/index.js';
import { needsHarness, ZkTestCluster } from '../../src/testing/index.js';
import type { TestProxy, TestServer } from '../helpers.js';
import { connect, startProxy, startServer } from '../helpers.js';
import { assertClean, assertNoNodes, pick, sleep, startResource, T } from './common.js';
import type { WorkerConfig } from './fault-worker.js';
import { finish, report, startWorker, type Worker } from './harness.js';

describe('3-node ensemble', { skip: needsHarness() }, () => {
  test('4 SIGKILL the leader, then SIGSTOP the new one, under contention: exclusion holds, progress resumes', async () => {
    const resource = await startResource(); // fresh per scenario: tokens of another server are not comparable
    const cluster = await ZkTestCluster.start({ size: 3, tickTime: 200 });
    try {
      const admin = await connect(cluster.connectString, { sessionTimeout: 10_000 });
      const name = 'c4';
      const until = monotonicNow() + 22_000;
      const workers = [0, 1, 2, 3].map((i) =>
        startWorker({
          id: `W${i}`,
          connect: cluster.connectString,
          name,
          kind: 'mutex',
          until,
          holdMs: [10, 100],
          resource: resource.url,
          sessionTimeout: 4000,
        }),
      );
      await Promise.all(workers.map((w) => w.waitFor((e) => e.ev === 'acquired')));
      const killed = await cluster.leader();
      await killed!.kill();
      const tKill = monotonicNow();
      await cluster.waitForQuorum();
      await sleep(3000);
      const stopped = await cluster.leader();
      stopped!.pause();
      await sleep(3000);
      stopped!.resume();
      const tResume = monotonicNow();
      await killed!.restart();
      const stuck = await finish(workers, 60_000);
      assert.deepEqual(stuck, []);
      const r = assertClean(workers, resource);
      const after = workers.flatMap((w) => w.holds()).filter((h) => h.acquired > tResume).length;
      assert.ok(after > 0, 'progress resumed after the faults');
      await assertNoNodes(admin, name);
      report('scenario 4', {
        grants: r.grants,
        faults: 2,
        grantsAfterFaults: after,
        sinceKillMs: tResume - tKill,
        violations: r.violations.length,
      });
      await admin.close();
    } finally {
      await cluster.close();
    }
  });
});

describe('churn and read/write under faults', () => {
  let server: TestServer;
  let admin: ZkClient;
  before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
  });

  /** Runs `procs` workers through proxies for `seconds` while injecting random faults. */
  async function churn(name: string, kinds: WorkerConfig['kind'][], seconds: number, allowRestart: boolean) {
    const resource = await startResource();
    const until = monotonicNow() + seconds * 1000;
    const proxies: TestProxy[] = await Promise.all(kinds.map(() => startProxy(server.connectString)));
    const base = {
      name,
      resource: resource.url,
      sessionTimeout: T,
      holdMs: [5, 60] as [number, number],
      acquireTimeoutMs: [200, 4000] as [number, number],
    };
    const workers: Worker[] = kinds.map((kind, i) =>
      startWorker({ ...base, id: `W${i}`, kind, connect: proxies[i]!.connectString, until }),
    );
    const all = [...workers];
    const faults: Record<string, number> = { reset: 0, blackhole: 0, kill9: 0, pause: 0, restart: 0 };
    let lastFault = monotonicNow();
    while (monotonicNow() < until - 6000) {
      await sleep(800 + Math.random() * 1200);
      const i = Math.floor(Math.random() * workers.length);
      const menu = ['reset', 'blackhole', 'kill9', 'pause', ...(allowRestart ? ['restart'] : [])];
      const fault = pick(menu);
      faults[fault]!++;
      if (fault === 'reset') proxies[i]!.reset();
      else if (fault === 'blackhole') {
        proxies[i]!.blackhole();
        setTimeout(() => proxies[i]!.pass(), T * 1.5);
      } else if (fault === 'kill9') {
        workers[i]!.kill('SIGKILL');
        workers[i] = startWorker({ ...workers[i]!.cfg, id: `${workers[i]!.cfg.id}'` });
        all.push(workers[i]!);
      } else if (fault === 'pause') {
        const w = workers[i]!;
        w.kill('SIGSTOP');
        setTimeout(() => w.kill('SIGCONT'), T + 1000);
      } else {
        await server.restart();
      }
      lastFault = monotonicNow();
    }
    await sleep(T * 1.5 + 200);
    for (const p of proxies) p.pass();
    const stuck = await finish(all, 90_000);
    assert.deepEqual(stuck, [], 'every worker finished');
    const r = assertClean(all, resource);
    await assertNoNodes(admin, name, faults.kill9! > 0);
    const afterFaults = all.flatMap((w) => w.holds()).filter((h) => h.acquired > lastFault + T * 1.5).length;
    assert.ok(afterFaults > 0, 'the lock is granted again once the faults stop');
    return { ...r, faults, afterFaults };
  }

  test('8 churn: many processes, random holds, random faults: checker clean', async () => {
    const seconds = Number(process.env.ZK_SOAK_SECONDS ?? 20);
    const procs = Number(process.env.ZK_SOAK_PROCS ?? 20);
    const r = await churn(
      'c8',
      Array.from({ length: procs }, () => 'mutex' as const),
      seconds,
      !needsHarness(), // restarting the server needs one started by the harness
    );
    report('scenario 8', {
      procs,
      seconds,
      grants: r.grants,
      fenced: r.fenced,
      ...r.faults,
      violations: r.violations.length,
    });
  });

  test('9 the read/write lock under the same faults: readers may overlap, never a writer', async () => {
    const kinds: WorkerConfig['kind'][] = ['read', 'read', 'read', 'write', 'write', 'read', 'write', 'read'];
    const r = await churn('c9', kinds, 15, false);
    report('scenario 9', { grants: r.grants, ...r.faults, violations: r.violations.length });
  });
});
