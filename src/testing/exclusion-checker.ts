/**
 * A mutual-exclusion checker (Jepsen-style, on one machine), used by the fault suite and the demo,
 * and usable for testing your own use of a lock.
 *
 * Workers log each hold on the monotonic clock shared by all processes; the fenced resource
 * logs every write it accepted or refused. The checker reports every violation it finds.
 */

export interface WriteAttempt {
  /** Monotonic ms when the write was sent. */
  t: number;
  result: 'ok' | 'stale' | 'lost-update';
}

export interface HoldRecord {
  worker: string;
  mode: 'exclusive' | 'shared';
  token: string;
  acquired: number;
  /** When the hold ended for the holder: release() called, or its signal aborted. */
  released: number;
  /** When the holder's signal aborted, if it did. */
  lostAt?: number;
  writes: WriteAttempt[];
  /** Intervals during which the holder's process was stopped (SIGSTOP) by the test. */
  paused?: [number, number][];
}

export interface CheckResult {
  violations: string[];
  grants: number;
  fenced: number;
  lostUpdates: number;
}

/**
 * Fails on: two holds that overlap (a writer beside anyone), unless the earlier holder was told
 * before the later was granted, or its process was stopped at that moment (no lock can tell a
 * stopped process anything) and fencing refused every write it made after that grant; a lost
 * update; a fencing-token regression between consecutive exclusive grants.
 */
export function checkHistory(holds: readonly HoldRecord[]): CheckResult {
  const violations: string[] = [];
  const sorted = [...holds].sort((a, b) => a.acquired - b.acquired);
  let fenced = 0;
  let lostUpdates = 0;
  for (const h of sorted) {
    for (const w of h.writes) {
      if (w.result === 'stale') fenced++;
      if (w.result === 'lost-update') {
        lostUpdates++;
        violations.push(`lost update by ${h.worker} (token ${h.token}) at ${w.t.toFixed(1)}`);
      }
    }
  }
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.acquired >= a.released) continue; // no overlap (sorted by acquired, so b starts after a)
      if (a.mode === 'shared' && b.mode === 'shared') continue;
      const toldInTime = a.lostAt !== undefined && a.lostAt <= b.acquired;
      const stoppedAtGrant = a.paused?.some(([from, to]) => from <= b.acquired && b.acquired <= to) ?? false;
      const fencedOff = a.writes.filter((w) => w.t >= b.acquired).every((w) => w.result === 'stale');
      if (!toldInTime && !(stoppedAtGrant && fencedOff)) {
        violations.push(
          `${a.worker} (token ${a.token}, ${a.mode}) and ${b.worker} (token ${b.token}, ${b.mode}) held at once ` +
            `from ${b.acquired.toFixed(1)} to ${Math.min(a.released, b.released).toFixed(1)}`,
        );
      }
    }
  }
  const exclusive = sorted.filter((h) => h.mode === 'exclusive');
  for (let i = 1; i < exclusive.length; i++) {
    const prev = exclusive[i - 1]!;
    const cur = exclusive[i]!;
    if (BigInt(cur.token) <= BigInt(prev.token)) {
      violations.push(
        `fencing token regressed: ${cur.worker} got ${cur.token} after ${prev.worker} got ${prev.token}`,
      );
    }
  }
  return { violations, grants: holds.length, fenced, lostUpdates };
}
