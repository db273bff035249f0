/**
 * A contender process of the fault suite. It takes the lock over and over; while holding it does
 * a read-modify-write on the fenced resource, and logs the hold as a JSON line on stdout:
 *   {"ev":"ready"} {"ev":"acquired",...} {"ev":"hold","record":HoldRecord} {"ev":"done"}
 *   {"ev":"session","session":"<ephemeralOwner>"} (also in "ready": the session its nodes belong to)
 * Config: one JSON argument (WorkerConfig). SIGTERM: it gives up a pending acquire, ends a hold, leaves.
 */
import { monotonicNow, ZkClient, ZkLock, ZkReadWriteLock } from '../../src/index.js';
import type { HoldRecord, WriteAttempt } from '../../src/testing/exclusion-checker.js';

export interface WorkerConfig {
  id: string;
  connect: string;
  name: string;
  kind: 'mutex' | 'read' | 'write';
  /** Stop after this many holds... */
  iterations?: number;
  /** ...or at this monotonic time; without either, at SIGTERM (see harness.ts, stop()). */
  until?: number;
  holdMs: [number, number];
  /** Random acquire timeout range; undefined waits as long as it takes. */
  acquireTimeoutMs?: [number, number];
  /** Probability that an acquire is aborted at a random moment. */
  abortChance?: number;
  resource: string;
  sessionTimeout: number;
  /** Write even after the lock was lost, like a process that was paused and does not know. */
  ignoreSignal?: boolean;
  /** The client's safetyMargin (default: the client's own). */
  safetyMargin?: number;
}

const cfg = JSON.parse(process.argv[2]!) as WorkerConfig;
const emit = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const rand = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const client = new ZkClient(cfg.connect, {
  sessionTimeout: cfg.sessionTimeout,
  connectTimeout: 60_000,
  ...(cfg.safetyMargin === undefined ? {} : { safetyMargin: cfg.safetyMargin }),
});
await client.connect();
const lock =
  cfg.kind === 'mutex'
    ? new ZkLock(client, cfg.name, { identifier: cfg.id })
    : new ZkReadWriteLock(client, cfg.name, { identifier: cfg.id })[
        cfg.kind === 'read' ? 'readLock' : 'writeLock'
      ];
// Its sessions, so that the test can tell a node of a live worker from a leaked or dead one.
emit({ ev: 'ready', pid: process.pid, session: String(client.sessionOwner) });
client.on('connected', () => emit({ ev: 'session', session: String(client.sessionOwner) }));

// The grant's own time, taken where the lock grants (its 'acquired' event, in the same tick as
// the grant): a SIGSTOP between the grant and the code after `await acquire()` must not move the
// hold's start past the pause (the checker excuses a stopped holder only for grants made while it
// was stopped, so a start recorded after the pause would look like a grant beside another holder).
let grantedAt = 0;
// The token too: a hold lost between the grant and the code after `await acquire()` (a partition
// that ends the session at that moment) has no `lock.fencingToken` any more.
let grantedToken = 0n;
lock.on('acquired', (info) => {
  grantedAt = monotonicNow();
  grantedToken = info.fencingToken;
});

let holds = 0;
let stopping = false;
// SIGTERM: finish the current hold, or give up the current acquire at once, then leave.
const stop = new AbortController();
process.on('SIGTERM', () => {
  stopping = true;
  stop.abort(new Error('stopped'));
});

while (
  !stopping &&
  (cfg.iterations === undefined || holds < cfg.iterations) &&
  (cfg.until === undefined || monotonicNow() < cfg.until)
) {
  const timeout = cfg.acquireTimeoutMs ? rand(cfg.acquireTimeoutMs) : undefined;
  const ac = new AbortController();
  let abortTimer: NodeJS.Timeout | undefined;
  if (cfg.abortChance && Math.random() < cfg.abortChance) {
    abortTimer = setTimeout(() => ac.abort(new Error('random abort')), Math.random() * 300);
  }
  let ok = false;
  try {
    ok = await lock.acquire({ timeout, signal: AbortSignal.any([ac.signal, stop.signal]) });
  } catch (e) {
    emit({ ev: 'acquire-failed', reason: String((e as Error).message) });
    if (client.state === 'closed') break;
    continue;
  } finally {
    clearTimeout(abortTimer);
  }
  if (!ok) {
    emit({ ev: 'timeout' });
    continue;
  }
  holds++;
  const acquired = grantedAt;
  const token = grantedToken.toString();
  const signal = lock.signal;
  let lostAt: number | undefined;
  const onLost = () => {
    lostAt = monotonicNow();
    emit({ ev: 'lost', token, t: lostAt, reason: String(signal.reason?.message) });
  };
  if (signal.aborted)
    onLost(); // lost before this code ran (a pause right after the grant)
  else signal.addEventListener('abort', onLost);
  emit({ ev: 'acquired', token, t: acquired });
  const writes: WriteAttempt[] = [];
  try {
    const { value } = (await (await fetch(`${cfg.resource}/value`)).json()) as { value: number };
    await sleep(rand(cfg.holdMs));
    if (cfg.kind !== 'read' && (cfg.ignoreSignal || !signal.aborted)) {
      const t = monotonicNow();
      const res = await fetch(`${cfg.resource}/write`, {
        method: 'POST',
        body: JSON.stringify({ token, prev: value, next: value + 1 }),
      });
      writes.push({ t, result: ((await res.json()) as { result: WriteAttempt['result'] }).result });
    }
  } catch (e) {
    emit({ ev: 'resource-error', reason: String(e) });
  }
  const released = lostAt ?? monotonicNow();
  const record: HoldRecord = {
    worker: cfg.id,
    mode: cfg.kind === 'read' ? 'shared' : 'exclusive',
    token,
    acquired,
    released,
    writes,
    ...(lostAt === undefined ? {} : { lostAt }),
  };
  emit({ ev: 'hold', record });
  await lock.release().catch((e) => emit({ ev: 'release-failed', reason: String(e) }));
}
await client.close();
emit({ ev: 'done' });
