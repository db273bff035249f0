/**
 * Partition scenarios under contention, run inside a network namespace of their own by
 * partitions.test.ts: the leader isolated, a 2|1 split with contenders on both sides, flapping
 * partitions. Contenders loop (random holds, random acquire timeouts) on a mutex and on a
 * read/write lock at once. Each fault is proven first (`srvr`), and each scenario ends with the
 * exclusion checker, fencing on the resources, a grant after the last heal and a final read of the
 * tree (nothing left).
 */
import assert from 'node:assert/strict';
import { before, describe, type TestContext, test } from 'node:test';
import { monotonicNow } from '../../src/index.js';
import { eventually } from '../helpers.js';
import { assertClean, collectHolds, GRANT_MARGIN, sleep, startResource } from './common.js';
import type { WorkerConfig } from './fault-worker.js';
import { finish, foreignNodes, grantAfter, report, stop, type Worker } from './harness.js';
import {
  assertNothingLeft,
  contender,
  healAndWait,
  type Partitioned,
  startPartitioned,
  PARTITION_T as T,
  toldBeforeGrantMargins,
  waitLeaderAmong,
  waitNotServing,
} from './partition-setup.js';
import type { FencedResource } from './resource.js';

let p: Partitioned;
before(async () => {
  p = await startPartitioned();
});

interface Lock {
  name: string;
  resource: FencedResource;
  workers: Worker[];
}

/** Contenders on `name`: one per entry of `placement` (the members each connects to), kinds in turn. */
async function contenders(
  name: string,
  kinds: readonly WorkerConfig['kind'][],
  placement: readonly (readonly number[])[],
): Promise<Lock> {
  const resource = await startResource();
  const workers = await Promise.all(
    placement.map((members, i) =>
      contender(p, members, {
        id: `${name}-W${i}`,
        name,
        kind: kinds[i % kinds.length]!,
        resource: resource.url,
        holdMs: [20, 150],
        acquireTimeoutMs: [500, 6000],
      }),
    ),
  );
  return { name, resource, workers };
}

/**
 * Waits until no node of a dead session is left (sessions the cuts ended expire on the server up to
 * T after their client gave them up), stops every contender, then the checker, fencing and the
 * final read for each lock. Returns the grants and the smallest told-before-grant margin of a lost
 * hold (Infinity when none was lost).
 */
async function settle(locks: readonly Lock[], t: TestContext) {
  const all = locks.flatMap((l) => l.workers);
  const foreign: Record<string, string[]> = {};
  for (const l of locks) {
    await eventually(
      async () => {
        foreign[l.name] = await foreignNodes(p.admin, `/locks/${l.name}`, l.workers);
        return foreign[l.name]!.length === 0;
      },
      2 * T + GRANT_MARGIN,
      'nodes of dead sessions gone',
    ).catch(() => {}); // asserted below, once the workers are stopped
  }
  stop(all);
  const stuck = await finish(all, 60_000);
  assert.deepEqual(stuck, [], 'every worker finished');
  let grants = 0;
  const margins: number[] = [];
  for (const l of locks) {
    assert.deepEqual(
      foreign[l.name],
      [],
      `${l.name}: nodes of sessions no live worker has, 2T + margin after the heal`,
    );
    grants += assertClean(l.workers, l.resource).grants;
    margins.push(...toldBeforeGrantMargins(collectHolds(l.workers)));
    await assertNothingLeft(p, `/locks/${l.name}`, t);
  }
  return { grants, lostHolds: margins.length, minToldBeforeGrantMs: Math.min(...margins) };
}

const ALL = [0, 1, 2];
const MUTEX: WorkerConfig['kind'][] = ['mutex'];
const RW: WorkerConfig['kind'][] = ['write', 'read', 'write', 'read'];

describe('partitions inside the ensemble: contention', () => {
  test('the ZooKeeper leader isolated under contention (mutex and read/write lock): clean history, grants after the heal', async (t) => {
    const locks = [
      await contenders('c1m', MUTEX, [ALL, ALL, ALL]),
      await contenders('c1rw', RW, [ALL, ALL, ALL, ALL]),
    ];
    const all = locks.flatMap((l) => l.workers);
    try {
      await grantAfter(all, monotonicNow() - 1, 30_000);
      const leader = await p.nemesis.isolateLeader();
      const tFault = p.nemesis.events.at(-1)!.at;
      const stoppedServingMs = await waitNotServing(p.cluster.members[leader]!, tFault);
      const electedMs = await waitLeaderAmong(
        p,
        ALL.filter((i) => i !== leader),
        tFault,
      );
      await sleep(T);
      const healed = await healAndWait(p);
      const recoveryMs = await grantAfter(all, healed, T + GRANT_MARGIN);
      const settled = await settle(locks, t);
      report('partition 4 leader isolated', {
        ...settled,
        stoppedServingMs,
        electedMs,
        recoveryMs,
        violations: 0,
      });
    } finally {
      stop(all);
      if (p.nemesis.faulted) await healAndWait(p);
    }
  });

  test('a 2|1 split with contenders on both sides (mutex and read/write lock): the majority goes on, the minority comes back after the heal', async (t) => {
    const leader = await p.cluster.leaderIndex();
    const m = (leader + 1) % 3;
    const majority = ALL.filter((i) => i !== m);
    // Two contenders of each lock on each side; the minority's connect only to m.
    const placement = [majority, [m], majority, [m]];
    const locks = [await contenders('c2m', MUTEX, placement), await contenders('c2rw', RW, placement)];
    const all = locks.flatMap((l) => l.workers);
    const side = (minority: boolean) => all.filter((_, i) => i % 2 === (minority ? 1 : 0));
    try {
      await grantAfter(all, monotonicNow() - 1, 30_000);
      const fault = await p.nemesis.split(
        [m, ...side(true).map((w) => w.cfg.id)],
        [...majority, ...side(false).map((w) => w.cfg.id)],
      );
      const stoppedServingMs = await waitNotServing(p.cluster.members[m]!, fault.at);
      await waitLeaderAmong(p, majority, fault.at);
      // The majority's contenders go on once the minority's sessions (and holds) are gone.
      const majorityGrantMs = await grantAfter(side(false), fault.at + T, T + GRANT_MARGIN);
      const healed = await healAndWait(p);
      const minorityBackMs = await grantAfter(side(true), healed, 2 * T + GRANT_MARGIN);
      const settled = await settle(locks, t);
      report('partition 5 split 2|1', {
        ...settled,
        stoppedServingMs,
        majorityGrantAfterExpiryMs: majorityGrantMs,
        minorityGrantAfterHealMs: minorityBackMs,
        violations: 0,
      });
    } finally {
      stop(all);
      if (p.nemesis.faulted) await healAndWait(p);
    }
  });

  test('flapping partitions (seeded random faults of every kind; ZK_PARTITION_FLAP_SECONDS, default 20)', async (t) => {
    const seconds = Number(process.env['ZK_PARTITION_FLAP_SECONDS'] ?? 20);
    const seed = Number(process.env['ZK_PARTITION_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    const locks = [
      await contenders('c3m', MUTEX, [ALL, ALL, ALL]),
      await contenders('c3rw', RW, [ALL, ALL, ALL, ALL]),
    ];
    const all = locks.flatMap((l) => l.workers);
    const before = p.nemesis.events.length;
    process.stdout.write(
      `partition 6 flapping: seed ${seed} (ZK_PARTITION_SEED=${seed} repeats the schedule)\n`,
    );
    try {
      await grantAfter(all, monotonicNow() - 1, 30_000);
      await p.nemesis.random({ seed, durationMs: seconds * 1000, faultMs: [500, 3000], healMs: [500, 2000] });
      const healed = await healAndWait(p);
      const recoveryMs = await grantAfter(all, healed, 2 * T + GRANT_MARGIN);
      const settled = await settle(locks, t);
      const kinds: Record<string, number> = {};
      for (const e of p.nemesis.events.slice(before))
        if (e.kind !== 'heal') kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      assert.ok(Object.keys(kinds).length > 0, 'the nemesis made faults');
      report('partition 6 flapping', {
        seconds,
        seed,
        ...settled,
        ...kinds,
        recoveryMs,
        violations: 0,
        nodesLeft: 0,
      });
    } finally {
      stop(all);
      if (p.nemesis.faulted) await healAndWait(p);
    }
  });
});
