/** What an election takes: its options, checked at the API's edge with the bad value named. */
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration } from '../../client/timers.js';
import type { Logger } from '../../client/types.js';
import { defaultIdentifier } from '../locks/lock-options.js';

/** What a ZkLeaderElection takes. */
export interface ZkLeaderElectionOptions {
  /** Parent of all election directories (default '/elections'); created when missing. */
  root?: string;
  /**
   * Written into our node, as Curator's LeaderLatch writes its id; what `leader()` and
   * `participants()` show (default `<hostname>:<pid>`).
   */
  participantId?: string;
  /** Defaults to the client's logger. */
  logger?: Logger;
  /** Remove the election's directory once no participant is left in it (default true). */
  cleanupParent?: boolean;
}

/** What `whenLeader()` takes. */
export interface WhenLeaderOptions {
  /** ms to wait; undefined waits as long as it takes; the promise then resolves false. */
  timeout?: number;
  /** Aborting stops the wait (the promise rejects with the signal's reason); we stay in the election. */
  signal?: AbortSignal;
}

/** What `run()` takes. */
export interface RunOptions {
  /** Queue again once the function returned or threw, and run it again when next elected (until close()). */
  requeue?: boolean;
  /** Aborting leaves the election (ending a term in progress) and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * ZooKeeper refuses a request over jute.maxbuffer (1 MiB less one byte by default); our node's
 * create carries its path, ACL and header besides the id, so leave them 4 KiB.
 */
export const MAX_PARTICIPANT_ID_BYTES = 1024 * 1024 - 4096;

export function checkParticipantId(id: unknown): string {
  const value = id ?? defaultIdentifier();
  if (typeof value !== 'string')
    throw new TypeError(`participantId must be a string, got ${describe(value)}`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_PARTICIPANT_ID_BYTES) {
    throw new RangeError(
      `participantId is ${bytes} bytes (UTF-8); the limit is ${MAX_PARTICIPANT_ID_BYTES} (ZooKeeper's 1 MiB request limit, less room for the request's path and header)`,
    );
  }
  return value;
}

export function checkRoot(root: unknown): string {
  const value = root ?? '/elections';
  validatePath(value, 'root');
  return value;
}

export function checkBoolean(name: string, v: unknown): boolean | undefined {
  if (v !== undefined && typeof v !== 'boolean')
    throw new TypeError(`${name} must be a boolean, got ${describe(v)}`);
  return v;
}

export function checkSignal(v: unknown): AbortSignal | undefined {
  if (v !== undefined && !(v instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(v)}`);
  }
  return v;
}

function checkObject(what: string, v: unknown): Record<string, unknown> {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object')
    throw new TypeError(`${what} must be an options object, got ${describe(v)}`);
  return v as Record<string, unknown>;
}

/** whenLeader's options; a timeout of Infinity means none. */
export function checkWhenLeaderOptions(v: unknown): {
  timeout: number | undefined;
  signal: AbortSignal | undefined;
} {
  const o = checkObject('whenLeader() options', v);
  let timeout =
    o['timeout'] === undefined
      ? undefined
      : checkDuration('timeout', o['timeout'], { zero: true, infinite: true });
  if (timeout === Number.POSITIVE_INFINITY) timeout = undefined;
  return { timeout, signal: checkSignal(o['signal']) };
}

export function checkRunOptions(v: unknown): { requeue: boolean; signal: AbortSignal | undefined } {
  const o = checkObject('run() options', v);
  return { requeue: checkBoolean('requeue', o['requeue']) ?? false, signal: checkSignal(o['signal']) };
}
