/**
 * Every error the library throws, in one place.
 *
 * ZooKeeper's own result codes map to one class each (`ZkError` subclasses), so callers
 * can tell them apart with `instanceof` or by `code`. Lock errors extend `LockError`.
 */

/** ZooKeeper's numeric result codes (server and client side), including those newer than 3.4. */
export const ZkCode = {
  OK: 0,
  SYSTEM_ERROR: -1,
  RUNTIME_INCONSISTENCY: -2,
  DATA_INCONSISTENCY: -3,
  CONNECTION_LOSS: -4,
  MARSHALLING_ERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATION_TIMEOUT: -7,
  BAD_ARGUMENTS: -8,
  NEW_CONFIG_NO_QUORUM: -13,
  RECONFIG_IN_PROGRESS: -14,
  UNKNOWN_SESSION: -12,
  API_ERROR: -100,
  NO_NODE: -101,
  NO_AUTH: -102,
  BAD_VERSION: -103,
  NO_CHILDREN_FOR_EPHEMERALS: -108,
  NODE_EXISTS: -110,
  NOT_EMPTY: -111,
  SESSION_EXPIRED: -112,
  INVALID_CALLBACK: -113,
  INVALID_ACL: -114,
  AUTH_FAILED: -115,
  SESSION_MOVED: -118,
  NOT_READ_ONLY: -119,
  EPHEMERAL_ON_LOCAL_SESSION: -120,
  NO_WATCHER: -121,
  REQUEST_TIMEOUT: -122,
  RECONFIG_DISABLED: -123,
  SESSION_CLOSED_REQUIRE_SASL_AUTH: -124,
  QUOTA_EXCEEDED: -125,
  THROTTLED_OP: -127,
} as const;

export type ZkCodeName = keyof typeof ZkCode;

const codeNames = new Map<number, ZkCodeName>(
  Object.entries(ZkCode).map(([name, code]) => [code, name as ZkCodeName]),
);

/** The name of a ZooKeeper result code, or `UNKNOWN(<code>)` for a code this library does not know. */
export function zkCodeName(code: number): string {
  return codeNames.get(code) ?? `UNKNOWN(${code})`;
}

export interface ZkErrorOptions {
  path?: string | undefined;
  cause?: unknown;
}

/** Base class of every error that carries a ZooKeeper result code. */
export class ZkError extends Error {
  override name = 'ZkError';
  readonly code: number;
  readonly codeName: string;
  readonly path: string | undefined;

  constructor(code: number, message?: string, opts: ZkErrorOptions = {}) {
    const codeName = zkCodeName(code);
    super(message ?? `${codeName}${opts.path ? ` at ${opts.path}` : ''}`, { cause: opts.cause });
    this.code = code;
    this.codeName = codeName;
    this.path = opts.path;
  }
}

/** The connection dropped before the answer came: the request may or may not have been applied. */
export class ConnectionLossError extends ZkError {
  override name = 'ConnectionLossError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.CONNECTION_LOSS, message, opts);
  }
}

/** The session ended (expired, presumed expired, or replaced) before the request was answered. */
export class SessionExpiredError extends ZkError {
  override name = 'SessionExpiredError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.SESSION_EXPIRED, message, opts);
  }
}

/** No answer within the request's deadline: the request may or may not have been applied. */
export class OperationTimeoutError extends ZkError {
  override name = 'OperationTimeoutError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.OPERATION_TIMEOUT, message, opts);
  }
}

export class NoNodeError extends ZkError {
  override name = 'NoNodeError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.NO_NODE, message, opts);
  }
}

export class NodeExistsError extends ZkError {
  override name = 'NodeExistsError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.NODE_EXISTS, message, opts);
  }
}

export class NotEmptyError extends ZkError {
  override name = 'NotEmptyError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.NOT_EMPTY, message, opts);
  }
}

export class BadVersionError extends ZkError {
  override name = 'BadVersionError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.BAD_VERSION, message, opts);
  }
}

export class NoAuthError extends ZkError {
  override name = 'NoAuthError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.NO_AUTH, message, opts);
  }
}

export class AuthFailedError extends ZkError {
  override name = 'AuthFailedError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.AUTH_FAILED, message, opts);
  }
}

export class InvalidAclError extends ZkError {
  override name = 'InvalidAclError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.INVALID_ACL, message, opts);
  }
}

export class NoChildrenForEphemeralsError extends ZkError {
  override name = 'NoChildrenForEphemeralsError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.NO_CHILDREN_FOR_EPHEMERALS, message, opts);
  }
}

export interface UnimplementedErrorOptions extends ZkErrorOptions {
  /** The operation the server refused, e.g. 'createTTL'. */
  operation?: string | undefined;
  /** The first ZooKeeper release whose server knows it, e.g. '3.6.0'. */
  since?: string | undefined;
}

/**
 * The server does not know the operation (UNIMPLEMENTED, code -6): it is older than the release
 * that introduced it, or (createTTL) runs without `zookeeper.extendedTypesEnabled=true`.
 */
export class UnimplementedError extends ZkError {
  override name = 'UnimplementedError';
  readonly operation: string | undefined;
  readonly since: string | undefined;
  constructor(message?: string, opts: UnimplementedErrorOptions = {}) {
    const { operation, since } = opts;
    const ttl = operation === 'createTTL' ? ' with zookeeper.extendedTypesEnabled=true' : '';
    const text =
      message ??
      (operation
        ? `the server does not implement ${operation}${opts.path ? ` (at ${opts.path})` : ''}: it needs ZooKeeper ${since ?? '3.5.0'} or later${ttl}`
        : undefined);
    super(ZkCode.UNIMPLEMENTED, text, opts);
    this.operation = operation;
    this.since = since;
  }
}

/** The server holds no watch of the kind asked for at the path (NO_WATCHER, code -121): removeWatches. */
export class NoWatcherError extends ZkError {
  override name = 'NoWatcherError';
  constructor(message?: string, opts?: ZkErrorOptions) {
    super(ZkCode.NO_WATCHER, message, opts);
  }
}

/**
 * The chosen wire backend cannot send this operation (node-zookeeper-client speaks only the
 * ZooKeeper 3.4 protocol); nothing was sent. Use `new ZkClient(connect, { wire: 'built-in' })`.
 */
export class UnsupportedOperationError extends Error {
  override name = 'UnsupportedOperationError';
  constructor(
    readonly operation: string,
    readonly backend: string,
  ) {
    super(
      `${operation} is not available on the ${backend} backend (it speaks only the ZooKeeper 3.4 protocol); create the client with { wire: 'built-in' }`,
    );
  }
}

/**
 * The chroot of the connect string does not exist, so nothing can be created under it. A
 * NoNodeError (that is what the server said), with `path` set to the chroot; a lock acquire
 * fails with it at once instead of queueing again and again.
 */
export class ChrootMissingError extends NoNodeError {
  override name = 'ChrootMissingError';
}

const byCode = new Map<number, new (message?: string, opts?: ZkErrorOptions) => ZkError>([
  [ZkCode.CONNECTION_LOSS, ConnectionLossError],
  [ZkCode.SESSION_EXPIRED, SessionExpiredError],
  [ZkCode.OPERATION_TIMEOUT, OperationTimeoutError],
  [ZkCode.NO_NODE, NoNodeError],
  [ZkCode.NODE_EXISTS, NodeExistsError],
  [ZkCode.NOT_EMPTY, NotEmptyError],
  [ZkCode.BAD_VERSION, BadVersionError],
  [ZkCode.NO_AUTH, NoAuthError],
  [ZkCode.AUTH_FAILED, AuthFailedError],
  [ZkCode.INVALID_ACL, InvalidAclError],
  [ZkCode.NO_CHILDREN_FOR_EPHEMERALS, NoChildrenForEphemeralsError],
  [ZkCode.UNIMPLEMENTED, UnimplementedError],
  [ZkCode.NO_WATCHER, NoWatcherError],
]);

/** The typed error for a ZooKeeper result code; codes without their own class become a plain `ZkError`. */
export function errorForCode(code: number, opts: ZkErrorOptions = {}): ZkError {
  const Ctor = byCode.get(code);
  return Ctor ? new Ctor(undefined, opts) : new ZkError(code, undefined, opts);
}

/**
 * True for errors after which a request's outcome is unknown (the connection dropped, or no answer
 * came in time): a read may simply be sent again; a write may or may not have happened.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  return err instanceof ConnectionLossError || err instanceof OperationTimeoutError;
}

/** @deprecated Use `isOutcomeUnknown`: the same test, named for what it means. */
export const isRetryableReadError = isOutcomeUnknown;

/** The client was closed (or closed while the call waited). */
export class ClientClosedError extends Error {
  override name = 'ClientClosedError';
}

/** `connect()` did not reach a server within its connect timeout. */
export class ConnectTimeoutError extends Error {
  override name = 'ConnectTimeoutError';
}

/** Base class of lock errors. */
export class LockError extends Error {
  override name = 'LockError';
}

/** `lock()` or `run()` did not acquire within the timeout. */
export class LockTimeoutError extends LockError {
  override name = 'LockTimeoutError';
}

/** A held lock was lost: the session ended, or our node was deleted by someone else. */
export class LockLostError extends LockError {
  override name = 'LockLostError';
}

/** The holder kept the lock past its lease without renewing; the library released it. */
export class LeaseExpiredError extends LockLostError {
  override name = 'LeaseExpiredError';
}

/** A release or renew by a task that does not hold the lock, or an upgrade from read to write. */
export class LockUsageError extends LockError {
  override name = 'LockUsageError';
}

/**
 * A term of leadership ended: lost (the session ended, our node was deleted) or given up
 * (`run()`'s function returned, `close()`); the reason of the election's `signal`.
 */
export class LeadershipLostError extends LockLostError {
  override name = 'LeadershipLostError';
}

/** An election used out of turn: start() twice, run() beside start(), whenLeader() before start() or after close(). */
export class ElectionUsageError extends LockUsageError {
  override name = 'ElectionUsageError';
}

// ── Counters, barriers (src/recipes/counters, src/recipes/barriers) ──

/** Base class of the counter recipes' errors (ZkSharedCount, ZkAtomicLong, ZkCounter). */
export class CounterError extends Error {
  override name = 'CounterError';
}

/** A counter node holds data that is not a value of its encoding; `path` and `data` say which and what. */
export class CounterFormatError extends CounterError {
  override name = 'CounterFormatError';
  constructor(
    message: string,
    readonly path: string,
    readonly data: Buffer,
  ) {
    super(message);
  }
}

/**
 * A change to a counter could not be confirmed: its request was sent, its answer lost, and the
 * session that would have shown whether it was applied ended first. The change may or may not
 * be in the counter; nothing was retried.
 */
export class CounterOutcomeUnknownError extends CounterError {
  override name = 'CounterOutcomeUnknownError';
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A counter change was not applied within its timeout (concurrent writers won every attempt, or no connection). */
export class CounterTimeoutError extends CounterError {
  override name = 'CounterTimeoutError';
}

/** A barrier's wait (`waitOnBarrier`, a double barrier's `enter` or `leave`) did not end within its timeout. */
export class BarrierTimeoutError extends Error {
  override name = 'BarrierTimeoutError';
}

// ── Tree cache and config watching (src/recipes/cache) ──
/** A ZkCache was closed (before its initial load finished, or start() after close()). */
export class CacheClosedError extends Error {
  override name = 'CacheClosedError';
}

/**
 * A consumer of a cache's async iterator fell further behind than its buffer: the events it had
 * buffered were delivered, later ones were not kept. Read the cache's state again.
 */
export class CacheOverflowError extends Error {
  override name = 'CacheOverflowError';
}

/** A config node's data could not be parsed (watchConfig): skipped, with `path` and the node's `version`. */
export class ConfigParseError extends Error {
  override name = 'ConfigParseError';
  constructor(
    message: string,
    readonly path: string,
    readonly version: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A ZkServiceDiscovery (or one of its providers) was closed, or used after close(). */
export class DiscoveryClosedError extends Error {
  override name = 'DiscoveryClosedError';
}
