/**
 * What a lock takes: its options, checked at the API's edge with the bad value named, and how
 * another lock kind (the read/write lock's sides) plugs its rules into ZkLock.
 */
import { hostname } from 'node:os';
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration } from '../../client/timers.js';
import type { Logger } from '../../client/types.js';
import type { ContenderKind } from '../queue/contenders.js';
import type { Hold } from '../queue/hold.js';

export interface ZkLockOptions {
  /** Parent of all lock directories (default '/locks'); created when missing. */
  root?: string;
  /** Stored as our node's data and shown by `contenders()` (default `<hostname>:<pid>`). */
  identifier?: string;
  /** Defaults to the client's logger. */
  logger?: Logger;
  /**
   * Remove the lock's directory once no contender is left in it (default true). Set false when
   * Kazoo processes use the same lock: a Kazoo Lock object checks its path only once and fails
   * with NoNodeError once the directory is gone.
   */
  cleanupParent?: boolean;
  /**
   * ms the directory stays after this process's last contender left it (default 1000), so a
   * lock used again soon does not pay to remove and re-create it; 0 removes it right behind
   * the release. close() removes the ones still waiting. See docs/locks.md.
   */
  cleanupDelay?: number;
  /**
   * Watch our own node while held, so a forced acquire by another process or an operator's
   * delete aborts `signal` at once, and Curator's Revoker reaches `revocationRequested`.
   * Costs one request per acquire and one notification per release. Default: on when the
   * lock has a `revocationRequested` listener at acquire time, off otherwise (a lost session
   * is reported either way).
   */
  watchNode?: boolean;
}

export interface AcquireOptions {
  /** ms to wait; undefined waits as long as it takes, 0 tries once without queueing. */
  timeout?: number;
  /** Aborting gives up (the acquire rejects with the signal's reason) and leaves the queue. */
  signal?: AbortSignal;
  /** ms the hold may last without `renew()`; past it the library releases and aborts `signal`. */
  lease?: number;
  /** Delete the nodes ahead of ours (their holders' signals abort) and take the lock. */
  force?: boolean;
}

export interface Participant {
  path: string;
  identifier: string;
  mode: 'exclusive' | 'shared';
  sequence: number;
}

/** @internal How a lock kind plugs into ZkLock (the read/write lock uses it). */
export interface LockRules {
  kind: ContenderKind;
  /** Throws when this acquire must be refused at once (an upgrade). */
  check?(): void;
  /** Node names of our own task that must not block this acquire. */
  ignore?(): ReadonlySet<string>;
  /** Grant without waiting (a downgrade). */
  grantAtOnce?(): boolean;
  /** Deletes a released hold's node (default: at once). */
  removeNode?(hold: Hold): Promise<void>;
}

/**
 * @internal The key under which another lock kind (the read/write lock's sides) hands its rules to
 * the ZkLock it builds, in the options: kept out of the public constructor and options type.
 */
export const LOCK_RULES = Symbol('zk-recipes.lockRules');
/** @internal ZkLockOptions with the rules of a lock kind. */
export type KindOptions = ZkLockOptions & { [LOCK_RULES]?: LockRules };

const MAX_NAME = 1000;

let processIdentifier: string | undefined;
/** `<hostname>:<pid>`, computed once: os.hostname() is a system call, and locks are made per use. */
export function defaultIdentifier(): string {
  processIdentifier ??= `${hostname()}:${process.pid}`;
  return processIdentifier;
}

/** A queue's name (a lock's, an election's): one path segment; `what` names it in the error. */
export function validateLockName(name: unknown, what = 'lock name'): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`${what} must be a non-empty string, got ${describe(name)}`);
  }
  if (name.includes('/')) throw new TypeError(`${what} ${JSON.stringify(name)} must not contain '/'`);
  if (name.includes('\0')) throw new TypeError(`${what} ${JSON.stringify(name)} must not contain NUL`);
  if (name === '.' || name === '..') throw new TypeError(`${what} ${JSON.stringify(name)} is not allowed`);
  if (name.length > MAX_NAME) {
    throw new TypeError(`${what} is ${name.length} characters; the limit is ${MAX_NAME}`);
  }
  validatePath(`/${name}`, what);
}

export function normalizeOptions(arg: number | AcquireOptions | undefined): AcquireOptions {
  if (arg !== undefined && typeof arg !== 'number' && (arg === null || typeof arg !== 'object')) {
    throw new TypeError(`expected a timeout in ms or an options object, got ${describe(arg)}`);
  }
  const opts: AcquireOptions = typeof arg === 'object' ? { ...arg } : { timeout: arg };
  if (opts.timeout !== undefined) {
    checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
    if (opts.timeout === Number.POSITIVE_INFINITY) opts.timeout = undefined;
  }
  if (opts.lease !== undefined) checkDuration('lease', opts.lease);
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
  }
  opts.signal?.throwIfAborted();
  return opts;
}
