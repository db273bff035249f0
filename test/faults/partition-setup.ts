/**
 * Plumbing of the partition scenarios (partition-scenarios.ts), which run inside a network namespace
 * of their own: a 3-member ensemble on its own addresses under a NetworkNemesis, contenders that
 * connect from their own addresses, and the proofs that a fault took effect.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monotonicNow, type ZkClient } from '../../src/index.js';
import type { HoldRecord } from '../../src/testing/exclusion-checker.js';
import { NetworkNemesis, ZkTestCluster, type ZkTestClusterMember } from '../../src/testing/index.js';
import { connect, eventually, onCleanup } from '../helpers.js';
import { GRANT_MARGIN, sleep } from './common.js';
import type { WorkerConfig } from './fault-worker.js';
import { startWorker, Worker } from './harness.js';

/** The ensemble's tickTime and syncLimit (ZkTestCluster's defaults). */
export const TICK = 200;
export const SYNC_LIMIT = 5;
/**
 * How long a member cut off from the leader may go on answering its clients (pings included) before
 * it notices: its read from the leader times out after syncLimit ticks (and the leader may have
 * heard its last touch half a tick before the cut; the server's own delays come on top). A client's
 * safe deadline had to leave that much before the session timeout while every answer counted (issue
 * 20's finding, fixed: partition-holder.ts's regression test runs with the default margin). Kept
 * for the other scenarios, whose figures were measured with it. Here: syncLimit + 3 ticks.
 */
export const PARTITION_SAFETY_MARGIN = (SYNC_LIMIT + 3) * TICK;
/** The contenders' session timeout: long enough that the margin above leaves most of it. */
export const PARTITION_T = 4000;

export interface Partitioned {
  nemesis: NetworkNemesis;
  cluster: ZkTestCluster;
  /** From 127.0.0.1, which no cut touches; a long session, so that it outlives the faults. */
  admin: ZkClient;
}

/** Starts the nemesis and the ensemble (closed when the test file ends). */
export async function startPartitioned(): Promise<Partitioned> {
  const nemesis = await NetworkNemesis.start({ size: 3 });
  onCleanup(() => nemesis.close());
  const cluster = await ZkTestCluster.start({
    ...nemesis.clusterOptions(),
    tickTime: TICK,
    syncLimit: SYNC_LIMIT,
  });
  onCleanup(() => cluster.close());
  nemesis.attach(cluster);
  const admin = await connect(cluster.connectString, { sessionTimeout: 20_000 });
  return { nemesis, cluster, admin };
}

/**
 * A contender process connected to `members` only, from its own address (a nemesis client named
 * after it, so that split() and cutClient() can name it).
 */
export async function contender(
  p: Partitioned,
  members: readonly number[],
  cfg: Omit<WorkerConfig, 'connect' | 'sessionTimeout'> & { sessionTimeout?: number },
): Promise<Worker> {
  const { gid } = await p.nemesis.client(cfg.id);
  const connect = members.map((i) => p.cluster.members[i]!.connectString).join(',');
  return startWorker(
    { sessionTimeout: PARTITION_T, safetyMargin: PARTITION_SAFETY_MARGIN, ...cfg, connect },
    { gid },
  );
}

/** A busy-holder.ts process (reads every 50 ms while it holds) on `members`, from its own address. */
export function busyHolder(
  p: Partitioned,
  members: readonly number[],
  cfg: Omit<WorkerConfig, 'connect'>,
): Promise<Worker> {
  return scriptWorker(p, 'busy-holder.js', members, cfg);
}

/** An election-worker.ts process (a ZkLeaderElection participant) on `members`, from its own address. */
export function electionParticipant(
  p: Partitioned,
  members: readonly number[],
  cfg: Omit<WorkerConfig, 'connect'>,
): Promise<Worker> {
  return scriptWorker(p, 'election-worker.js', members, cfg);
}

async function scriptWorker(
  p: Partitioned,
  file: string,
  members: readonly number[],
  cfg: Omit<WorkerConfig, 'connect'>,
): Promise<Worker> {
  const { gid } = await p.nemesis.client(cfg.id);
  const full = { ...cfg, connect: members.map((i) => p.cluster.members[i]!.connectString).join(',') };
  const script = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return new Worker(
    full,
    spawn(process.execPath, [script, JSON.stringify(full)], { stdio: ['ignore', 'pipe', 'pipe'], gid }),
  );
}

/** The member a contender's connection is on right now (`cons` lists each client's address), or -1. */
export async function memberOf(p: Partitioned, worker: Worker): Promise<number> {
  const { address } = await p.nemesis.client(worker.cfg.id);
  for (const m of p.cluster.members) {
    const cons = await m.fourLetter('cons').catch(() => '');
    if (cons.includes(`/${address}:`)) return m.index;
  }
  return -1;
}

/** Proof that a cut took effect: `srvr` on the member says it is not serving; ms since `since`. */
export async function waitNotServing(member: ZkTestClusterMember, since: number): Promise<number> {
  await eventually(
    async () => (await member.mode()) === undefined,
    30_000,
    `member ${member.index} not serving`,
  );
  return monotonicNow() - since;
}

/** Proof that the side `members` has a quorum of its own: one of them leads; ms since `since`. */
export async function waitLeaderAmong(
  p: Partitioned,
  members: readonly number[],
  since: number,
): Promise<number> {
  await eventually(
    async () => {
      const modes = await Promise.all(members.map((i) => p.cluster.members[i]!.mode()));
      return modes.includes('leader') && modes.every((m) => m === 'leader' || m === 'follower');
    },
    60_000,
    `a leader among members ${members}`,
  );
  return monotonicNow() - since;
}

/**
 * The final read of a lock's directory (`dir`, e.g. /locks/name): nothing left, the directory
 * included (as common.ts's assertNoNodes). When the directory is left, the message carries its
 * stat, to tell a directory never removed (created before the last node's) from one created again
 * afterwards (an empty directory was left now and then under load: see the report of issue 20).
 */
export async function assertNothingLeft(
  p: Partitioned,
  dir: string,
  t?: { todo(message?: string): void },
): Promise<void> {
  // A contender whose close() gave up at its bound (its connection down at the stop) leaves its
  // node to its session's expiry, T later (CI: a read node of the flapping scenario).
  const end = monotonicNow() + PARTITION_T + GRANT_MARGIN;
  while (monotonicNow() < end && (await p.admin.getChildren(dir).catch(() => [])).length > 0)
    await sleep(100);
  const children = await p.admin.getChildren(dir).catch(() => null);
  if (children === null) return;
  // Then its directory may stay, empty: the open finding docs/locks.md describes (as in churn).
  if (children.length === 0)
    t?.todo('finding (open): an empty lock directory left after every contender exited');
  const stat = await p.admin.exists(dir).catch(() => null);
  const why = stat
    ? `czxid=0x${stat.czxid.toString(16)} pzxid=0x${stat.pzxid.toString(16)} cversion=${stat.cversion} ctime=${stat.ctime} now=${Date.now()}`
    : 'gone by now';
  assert.fail(`left under ${dir}: [${children}] (${why})`);
}

/** Heals and waits until all three serve under one leader again. */
export async function healAndWait(p: Partitioned): Promise<number> {
  const healed = await p.nemesis.heal();
  await p.cluster.waitForQuorum(30_000);
  return healed.at;
}

/**
 * For each hold that was lost (told: `lostAt`), how long before the next conflicting grant it was
 * told (negative: after; the checker then reports a violation). The long run prints their minimum.
 */
export function toldBeforeGrantMargins(holds: readonly HoldRecord[]): number[] {
  const sorted = [...holds].sort((x, y) => x.acquired - y.acquired);
  const out: number[] = [];
  for (const h of sorted) {
    if (h.lostAt === undefined) continue;
    const next = sorted.find(
      (g) => g !== h && g.acquired > h.acquired && (g.mode === 'exclusive' || h.mode === 'exclusive'),
    );
    if (next) out.push(next.acquired - h.lostAt);
  }
  return out;
}

/** The first grant (an 'acquired' event) among `workers` after `since`, or undefined. */
export function firstGrantAfter(workers: readonly Worker[], since: number): number | undefined {
  let t: number | undefined;
  for (const w of workers)
    for (const e of w.events)
      if (e.ev === 'acquired' && e.t! > since && (t === undefined || e.t! < t)) t = e.t!;
  return t;
}
