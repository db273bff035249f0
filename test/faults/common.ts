/** Plumbing shared by the fault scenarios. */
import assert from 'node:assert/strict';
import type { ZkClient } from '../../src/index.js';
import { checkHistory, type HoldRecord } from '../../src/testing/exclusion-checker.js';
import { onCleanup } from '../helpers.js';
import type { Worker } from './harness.js';
import { FencedResource } from './resource.js';

/** Workers' session timeout, and how long after a holder's death the next grant may take. */
export const T = 2000;
export const GRANT_MARGIN = 4000;

export async function startResource(): Promise<FencedResource> {
  const r = await FencedResource.start();
  onCleanup(() => r.close());
  return r;
}

/** Every hold the workers reported, plus holds of killed workers rebuilt from their events. */
export function collectHolds(workers: readonly Worker[]): HoldRecord[] {
  const out: HoldRecord[] = [];
  for (const w of workers) {
    const finished = new Set(w.holds().map((h) => h.token));
    out.push(...w.holds());
    for (const e of w.events) {
      if (e.ev !== 'acquired' || finished.has(e.token!)) continue;
      // Killed while holding: the hold lasted until its loss was seen, or until the process died.
      const lost = w.events.find((x) => x.ev === 'lost' && x.token === e.token);
      const last = w.events[w.events.length - 1]!;
      out.push({
        worker: w.cfg.id,
        mode: w.cfg.kind === 'read' ? 'shared' : 'exclusive',
        token: e.token!,
        acquired: e.t!,
        released: lost?.t ?? w.killedAt ?? Math.max(last.at, e.t!),
        ...(lost ? { lostAt: lost.t! } : {}),
        writes: [],
        paused: w.pauses,
      });
    }
  }
  return out;
}

/** Asserts the checker finds nothing; returns its figures. */
export function assertClean(workers: readonly Worker[], resource: FencedResource) {
  const result = checkHistory(collectHolds(workers));
  assert.deepEqual(result.violations, [], 'mutual exclusion violated');
  assert.equal(resource.lostUpdates, 0, 'the resource saw a lost update');
  return result;
}

/**
 * Asserts nothing is left under the lock's directory, and that the directory itself is gone. An
 * empty directory counts as left behind: the scenarios make sure the last contender leaves rather
 * than dies (churn waits for killed workers' sessions to expire before stopping the others).
 */
export async function assertNoNodes(admin: ZkClient, name: string): Promise<void> {
  const children = await admin.getChildren(`/locks/${name}`).catch(() => null);
  assert.equal(children, null, `left under /locks/${name}: ${children === null ? '' : `[${children}]`}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const pick = <V>(xs: readonly V[]): V => xs[Math.floor(Math.random() * xs.length)]!;
