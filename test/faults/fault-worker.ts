/**
 * A contender process of the fault suite. It takes the lock (or leadership of an election, or a
 * semaphore's lease) over and over; while holding it does a read-modify-write on the fenced
 * resource (not with a shared lock or a semaphore: several hold at once), and logs the hold as a
 * JSON line on stdout:
 *   {"ev":"ready"} {"ev":"acquired",...} {"ev":"hold","record":HoldRecord} {"ev":"done"}
 *   {"ev":"session","session":"<ephemeralOwner>"} (also in "ready": the session its nodes belong to)
 * Config: one JSON argument (WorkerConfig). SIGTERM: it gives up a pending acquire, ends a hold, leaves.
 */
import { monotonicNow } from '../../src/index.js';
import type { HoldRecord, WriteAttempt } from '../../src/testing/exclusion-checker.js';
import { type Contender, contender, type Kind } from './contenders.js';

export interface WorkerConfig {
  id: string;
  connect: string;
  name: string;
  kind: Kind;
  /** For kind 'semaphore': its maximum of leases. */
  maxLeases?: number;
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

const c: Contender = await contender(cfg);
const client = c.client;
// Its sessions, so that the test can tell a node of a live worker from a leaked or dead one.
emit({ ev: 'ready', pid: process.pid, session: String(client.sessionOwner) });
client.on('connected', () => emit({ ev: 'session', session: String(client.sessionOwner) }));
// When the client itself saw the connection go and the session end, for a violation's story.
for (const state of ['suspended', 'lost'] as const)
  client.on(state, () => emit({ ev: state, t: monotonicNow() }));

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
  let held: Awaited<ReturnType<Contender['acquire']>> = null;
  try {
    held = await c.acquire(timeout, AbortSignal.any([ac.signal, stop.signal]));
  } catch (e) {
    emit({ ev: 'acquire-failed', reason: String((e as Error).message) });
    if (client.state === 'closed') break;
    continue;
  } finally {
    clearTimeout(abortTimer);
  }
  if (!held) {
    emit({ ev: 'timeout' });
    continue;
  }
  holds++;
  const { acquired, signal } = held;
  const token = held.token.toString();
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
    const { value } = (await (await fetch(`${cfg.resource}/value?token=${token}`)).json()) as {
      value: number;
    };
    await sleep(rand(cfg.holdMs));
    // The signal reads the clock (docs/locks.md): after a stop, this runs before the library's timers.
    if (c.writes && (cfg.ignoreSignal || !signal.aborted)) {
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
    mode: c.mode,
    token,
    acquired,
    released,
    writes,
    ...(lostAt === undefined ? {} : { lostAt }),
  };
  emit({ ev: 'hold', record });
  signal.removeEventListener('abort', onLost); // a leader's signal aborts on giving up too
  await held.release().catch((e) => emit({ ev: 'release-failed', reason: String(e) }));
}
await client.close();
emit({ ev: 'done' });
