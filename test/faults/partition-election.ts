/**
 * ZkLeaderElection under partitions inside the ensemble (run in a network namespace of its own by
 * partitions.test.ts): never two leaders at once (a term is an exclusive hold for the checker),
 * fencing on the resource, and a final read of the election's directory (nothing left).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { monotonicNow } from '../../src/index.js';
import { eventually } from '../helpers.js';
import { assertClean, GRANT_MARGIN, sleep, startResource } from './common.js';
import { finish, foreignNodes, grantAfter, report, stop, type Worker } from './harness.js';
import {
  assertNothingLeft,
  electionParticipant,
  healAndWait,
  PARTITION_SAFETY_MARGIN,
  type Partitioned,
  startPartitioned,
  PARTITION_T as T,
  waitLeaderAmong,
  waitNotServing,
} from './partition-setup.js';
import type { FencedResource } from './resource.js';

let p: Partitioned;
before(async () => {
  p = await startPartitioned();
});

const dir = (name: string) => `/elections/${name}`;
const children = (name: string) => p.admin.getChildren(dir(name)).catch(() => [] as string[]);

describe('partitions inside the ensemble: leader election', () => {
  test('the leader stranded on a follower that is isolated: it is told before another participant leads', async () => {
    const resource = await startResource();
    const name = 'e1';
    const leader = await p.cluster.leaderIndex();
    const m = (leader + 1) % 3;
    const majority = [0, 1, 2].filter((i) => i !== m);
    const base = participantBase(name, resource);
    const workers: Worker[] = [];
    try {
      const l = await electionParticipant(p, [m], {
        ...base,
        id: 'e1-L',
        iterations: 1,
        holdMs: [60_000, 60_000],
      });
      workers.push(l);
      await l.waitFor((e) => e.ev === 'acquired', 30_000, 'L leads');
      for (const id of ['e1-R1', 'e1-R2']) {
        workers.push(
          await electionParticipant(p, majority, { ...base, id, iterations: 2, holdMs: [50, 200] }),
        );
      }
      await eventually(async () => (await children(name)).length >= 3, 60_000, '3 participants');
      const fault = await p.nemesis.isolate(m);
      const stoppedServingMs = await waitNotServing(p.cluster.members[m]!, fault.at);
      const lost = await l.waitFor((e) => e.ev === 'lost', 30_000, 'loss seen by L');
      const next = await Promise.race(
        workers.slice(1).map((w) => w.waitFor((e) => e.ev === 'acquired', 30_000, 'a new leader')),
      );
      assert.ok(
        lost.t! < next.t!,
        `L told at +${Math.round(lost.t! - fault.at)} ms, a new leader at +${Math.round(next.t! - fault.at)} ms`,
      );
      const stuck = await finish(workers, 60_000);
      await healAndWait(p);
      assert.deepEqual(stuck, [], 'every participant finished');
      const r = assertClean(workers, resource);
      await assertNothingLeft(p, dir(name));
      report('partition E1 stranded leader', {
        terms: r.grants,
        stoppedServingMs,
        toldBeforeNextLeaderMs: next.t! - lost.t!,
        violations: 0,
      });
    } finally {
      stop(workers);
      if (p.nemesis.faulted) await healAndWait(p);
    }
  });

  test('the ZooKeeper leader isolated while participants take turns: never two leaders, a leader after the heal', async () => {
    const resource = await startResource();
    const name = 'e2';
    const base = participantBase(name, resource);
    const workers = await Promise.all(
      ['e2-P0', 'e2-P1', 'e2-P2', 'e2-P3'].map((id) =>
        electionParticipant(p, [0, 1, 2], { ...base, id, holdMs: [50, 400] }),
      ),
    );
    try {
      await grantAfter(workers, monotonicNow() - 1, 30_000);
      const zkLeader = await p.nemesis.isolateLeader();
      const tFault = p.nemesis.events.at(-1)!.at;
      const stoppedServingMs = await waitNotServing(p.cluster.members[zkLeader]!, tFault);
      const electedMs = await waitLeaderAmong(
        p,
        [0, 1, 2].filter((i) => i !== zkLeader),
        tFault,
      );
      await sleep(T);
      const healed = await healAndWait(p);
      const recoveryMs = await grantAfter(workers, healed, T + GRANT_MARGIN);
      let foreign: string[] = [];
      await eventually(
        async () => {
          foreign = await foreignNodes(p.admin, dir(name), workers);
          return foreign.length === 0;
        },
        2 * T + GRANT_MARGIN,
        'nodes of dead sessions gone',
      ).catch(() => {});
      stop(workers);
      const stuck = await finish(workers, 60_000);
      assert.deepEqual(stuck, [], 'every participant finished');
      assert.deepEqual(foreign, [], 'nodes of sessions no live participant has, 2T + margin after the heal');
      const r = assertClean(workers, resource);
      await assertNothingLeft(p, dir(name));
      report('partition E2 ZooKeeper leader isolated', {
        terms: r.grants,
        stoppedServingMs,
        electedMs,
        recoveryMs,
        violations: 0,
      });
    } finally {
      stop(workers);
      if (p.nemesis.faulted) await healAndWait(p);
    }
  });
});

/** What every participant of election `name` shares. */
function participantBase(name: string, resource: FencedResource) {
  return {
    name,
    kind: 'mutex' as const,
    resource: resource.url,
    sessionTimeout: T,
    safetyMargin: PARTITION_SAFETY_MARGIN,
  };
}
