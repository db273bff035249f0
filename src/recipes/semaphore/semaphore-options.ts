/**
 * What a semaphore takes: its options and an acquire's, checked at the API's edge with the bad
 * value named, and the shared count node's encoding (Curator's SharedCount: a 4-byte big-endian int).
 */
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration } from '../../client/timers.js';
import type { Logger } from '../../client/types.js';
import { INT32 } from '../counters/encoding.js';

export interface ZkSemaphoreBaseOptions {
  /** Parent of the semaphore's directory (default '/semaphores'); the semaphore lives at `<root>/<name>`. */
  root?: string;
  /** Our lease nodes' data, shown by `participants()` (default `<hostname>:<pid>`). */
  identifier?: string;
  logger?: Logger;
  /**
   * Watch each lease's node while held, so an operator's delete aborts the lease's `signal` at
   * once (a lost session is reported either way). Costs one request per lease. Default: off.
   */
  watchNode?: boolean;
}

/** A fixed maximum (every process must pass the same one), or one read from a shared count node. */
export type ZkSemaphoreOptions = ZkSemaphoreBaseOptions &
  (
    | { maxLeases: number; countPath?: undefined }
    | {
        /** A node holding the maximum as Curator's SharedCount does (4 bytes, big-endian). */
        countPath: string;
        /** With countPath: the value to create the node with when missing; a stored value that differs is an error. */
        maxLeases?: number;
      }
  );

export interface SemaphoreAcquireOptions {
  /** How many leases, all or none (default 1); at most the maximum. */
  leases?: number;
  /** ms to wait for all of them; undefined waits as long as it takes, 0 tries once. */
  timeout?: number;
  /** Aborting gives up (rejects with the signal's reason); no lease node is left behind. */
  signal?: AbortSignal;
}

/** A maximum of leases: a positive safe integer, or a TypeError naming the value and where it came from. */
export function checkMax(v: unknown, what = 'maxLeases'): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new TypeError(`${what} must be a positive integer, got ${describe(v)}`);
  }
  return v;
}

export function normalizeAcquire(arg: number | SemaphoreAcquireOptions | undefined): {
  leases: number;
  timeout: number | undefined;
  signal: AbortSignal | undefined;
} {
  if (arg !== undefined && typeof arg !== 'number' && (arg === null || typeof arg !== 'object')) {
    throw new TypeError(`expected a timeout in ms or an options object, got ${describe(arg)}`);
  }
  const opts: SemaphoreAcquireOptions = typeof arg === 'object' ? arg : { timeout: arg };
  let timeout = opts.timeout;
  if (timeout !== undefined) {
    checkDuration('timeout', timeout, { zero: true, infinite: true });
    if (timeout === Number.POSITIVE_INFINITY) timeout = undefined;
  }
  const leases = opts.leases ?? 1;
  if (typeof leases !== 'number' || !Number.isSafeInteger(leases) || leases < 1) {
    throw new TypeError(`leases must be a positive integer, got ${describe(leases)}`);
  }
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
  }
  opts.signal?.throwIfAborted();
  return { leases, timeout, signal: opts.signal };
}

/** Checks the count path, if any; the maximum itself is checked by checkMax. */
export function checkCountPath(path: unknown): string {
  if (typeof path !== 'string') throw new TypeError(`countPath must be a path, got ${describe(path)}`);
  validatePath(path, 'countPath');
  return path;
}

/** Curator's SharedCount encoding (counters/encoding.ts): exactly 4 bytes, a big-endian signed int. */
export function encodeCount(n: number): Buffer {
  return INT32.encode(n);
}

/** The maximum stored in a count node; a node of another length is a CounterFormatError. */
export function decodeCount(path: string, data: Buffer): number {
  return checkMax(INT32.decode(path, data), `the count stored in ${path}`);
}
