/** What the barriers take, checked at the API's edge with the bad value named. */
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration, deadlineAfter } from '../../client/timers.js';

/** How long a barrier call waits: `timeout` ms (undefined or Infinity: as long as it takes), and a signal. */
export interface BarrierWaitOptions {
  timeout?: number;
  /** Aborting stops the wait: the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ResolvedWait {
  deadline: number;
  timeout: number;
  signal: AbortSignal | undefined;
}

/** ms a barrier's own writes (set, remove) may take when the call gives no timeout. */
export const DEFAULT_WRITE_TIMEOUT = 30_000;

/**
 * A timeout in ms or the options (no timeout: `byDefault`); the signal is checked, and one
 * already aborted rejects at once.
 */
export function resolveWait(
  arg: number | BarrierWaitOptions | undefined,
  byDefault = Number.POSITIVE_INFINITY,
): ResolvedWait {
  if (arg !== undefined && typeof arg !== 'number' && (arg === null || typeof arg !== 'object')) {
    throw new TypeError(`expected a timeout in ms or an options object, got ${describe(arg)}`);
  }
  const opts: BarrierWaitOptions = typeof arg === 'object' ? arg : { timeout: arg };
  const timeout =
    opts.timeout === undefined
      ? byDefault
      : checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
  }
  opts.signal?.throwIfAborted();
  return { deadline: deadlineAfter(timeout), timeout, signal: opts.signal };
}

export function checkBarrierPath(path: unknown): string {
  validatePath(path, 'barrier path');
  if (path === '/') throw new TypeError('barrier path must not be "/"');
  return path;
}

/** A double barrier's member count: a positive safe integer. */
export function checkMemberCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(
      `memberCount must be a positive integer (how many members the barrier waits for), got ${describe(n)}`,
    );
  }
  return n;
}
