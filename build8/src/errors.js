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
};
const codeNames = new Map(Object.entries(ZkCode).map(([name, code]) => [code, name]));
/** The name of a ZooKeeper result code, or `UNKNOWN(<code>)` for a code this library does not know. */
export function zkCodeName(code) {
    return codeNames.get(code) ?? `UNKNOWN(${code})`;
}
/** Base class of every error that carries a ZooKeeper result code. */
export class ZkError extends Error {
    name = 'ZkError';
    code;
    codeName;
    path;
    constructor(code, message, opts = {}) {
        const codeName = zkCodeName(code);
        super(message ?? `${codeName}${opts.path ? ` at ${opts.path}` : ''}`, { cause: opts.cause });
        this.code = code;
        this.codeName = codeName;
        this.path = opts.path;
    }
}
/** The connection dropped before the answer came: the request may or may not have been applied. */
export class ConnectionLossError extends ZkError {
    name = 'ConnectionLossError';
    constructor(message, opts) {
        super(ZkCode.CONNECTION_LOSS, message, opts);
    }
}
/** The session ended (expired, presumed expired, or replaced) before the request was answered. */
export class SessionExpiredError extends ZkError {
    name = 'SessionExpiredError';
    constructor(message, opts) {
        super(ZkCode.SESSION_EXPIRED, message, opts);
    }
}
/** No answer within the request's deadline: the request may or may not have been applied. */
export class OperationTimeoutError extends ZkError {
    name = 'OperationTimeoutError';
    constructor(message, opts) {
        super(ZkCode.OPERATION_TIMEOUT, message, opts);
    }
}
export class NoNodeError extends ZkError {
    name = 'NoNodeError';
    constructor(message, opts) {
        super(ZkCode.NO_NODE, message, opts);
    }
}
export class NodeExistsError extends ZkError {
    name = 'NodeExistsError';
    constructor(message, opts) {
        super(ZkCode.NODE_EXISTS, message, opts);
    }
}
export class NotEmptyError extends ZkError {
    name = 'NotEmptyError';
    constructor(message, opts) {
        super(ZkCode.NOT_EMPTY, message, opts);
    }
}
export class BadVersionError extends ZkError {
    name = 'BadVersionError';
    constructor(message, opts) {
        super(ZkCode.BAD_VERSION, message, opts);
    }
}
export class NoAuthError extends ZkError {
    name = 'NoAuthError';
    constructor(message, opts) {
        super(ZkCode.NO_AUTH, message, opts);
    }
}
export class AuthFailedError extends ZkError {
    name = 'AuthFailedError';
    constructor(message, opts) {
        super(ZkCode.AUTH_FAILED, message, opts);
    }
}
export class InvalidAclError extends ZkError {
    name = 'InvalidAclError';
    constructor(message, opts) {
        super(ZkCode.INVALID_ACL, message, opts);
    }
}
export class NoChildrenForEphemeralsError extends ZkError {
    name = 'NoChildrenForEphemeralsError';
    constructor(message, opts) {
        super(ZkCode.NO_CHILDREN_FOR_EPHEMERALS, message, opts);
    }
}
/**
 * The server does not know the operation (UNIMPLEMENTED, code -6): it is older than the release
 * that introduced it, or (createTTL) runs without `zookeeper.extendedTypesEnabled=true`.
 */
export class UnimplementedError extends ZkError {
    name = 'UnimplementedError';
    operation;
    since;
    constructor(message, opts = {}) {
        const { operation, since } = opts;
        const ttl = operation === 'createTTL' ? ' with zookeeper.extendedTypesEnabled=true' : '';
        const text = message ??
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
    name = 'NoWatcherError';
    constructor(message, opts) {
        super(ZkCode.NO_WATCHER, message, opts);
    }
}
/**
 * The chosen wire backend cannot send this operation (node-zookeeper-client speaks only the
 * ZooKeeper 3.4 protocol); nothing was sent. Use `new ZkClient(connect, { wire: 'built-in' })`.
 */
export class UnsupportedOperationError extends Error {
    operation;
    backend;
    name = 'UnsupportedOperationError';
    constructor(operation, backend) {
        super(`${operation} is not available on the ${backend} backend (it speaks only the ZooKeeper 3.4 protocol); create the client with { wire: 'built-in' }`);
        this.operation = operation;
        this.backend = backend;
    }
}
/**
 * The chroot of the connect string does not exist, so nothing can be created under it. A
 * NoNodeError (that is what the server said), with `path` set to the chroot; a lock acquire
 * fails with it at once instead of queueing again and again.
 */
export class ChrootMissingError extends NoNodeError {
    name = 'ChrootMissingError';
}
const byCode = new Map([
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
export function errorForCode(code, opts = {}) {
    const Ctor = byCode.get(code);
    return Ctor ? new Ctor(undefined, opts) : new ZkError(code, undefined, opts);
}
/**
 * True for errors after which a request's outcome is unknown (the connection dropped, or no answer
 * came in time): a read may simply be sent again; a write may or may not have happened.
 */
export function isOutcomeUnknown(err) {
    return err instanceof ConnectionLossError || err instanceof OperationTimeoutError;
}
/** @deprecated Use `isOutcomeUnknown`: the same test, named for what it means. */
export const isRetryableReadError = isOutcomeUnknown;
/** The client was closed (or closed while the call waited). */
export class ClientClosedError extends Error {
    name = 'ClientClosedError';
}
/** `connect()` did not reach a server within its connect timeout. */
export class ConnectTimeoutError extends Error {
    name = 'ConnectTimeoutError';
}
/** Base class of lock errors. */
export class LockError extends Error {
    name = 'LockError';
}
/** `lock()` or `run()` did not acquire within the timeout. */
export class LockTimeoutError extends LockError {
    name = 'LockTimeoutError';
}
/** A held lock was lost: the session ended, or our node was deleted by someone else. */
export class LockLostError extends LockError {
    name = 'LockLostError';
}
/** The holder kept the lock past its lease without renewing; the library released it. */
export class LeaseExpiredError extends LockLostError {
    name = 'LeaseExpiredError';
}
/** A release or renew by a task that does not hold the lock, or an upgrade from read to write. */
export class LockUsageError extends LockError {
    name = 'LockUsageError';
}
/**
 * A term of leadership ended: lost (the session ended, our node was deleted) or given up
 * (`run()`'s function returned, `close()`); the reason of the election's `signal`.
 */
export class LeadershipLostError extends LockLostError {
    name = 'LeadershipLostError';
}
/** An election used out of turn: start() twice, run() beside start(), whenLeader() before start() or after close(). */
export class ElectionUsageError extends LockUsageError {
    name = 'ElectionUsageError';
}
// ── Counters, barriers (src/recipes/counters, src/recipes/barriers) ──
/** Base class of the counter recipes' errors (ZkSharedCount, ZkAtomicLong, ZkCounter). */
export class CounterError extends Error {
    name = 'CounterError';
}
/** A counter node holds data that is not a value of its encoding; `path` and `data` say which and what. */
export class CounterFormatError extends CounterError {
    path;
    data;
    name = 'CounterFormatError';
    constructor(message, path, data) {
        super(message);
        this.path = path;
        this.data = data;
    }
}
/**
 * A change to a counter could not be confirmed: its request was sent, its answer lost, and the
 * session that would have shown whether it was applied ended first. The change may or may not
 * be in the counter; nothing was retried.
 */
export class CounterOutcomeUnknownError extends CounterError {
    path;
    name = 'CounterOutcomeUnknownError';
    constructor(message, path, options) {
        super(message, options);
        this.path = path;
    }
}
/** A counter change was not applied within its timeout (concurrent writers won every attempt, or no connection). */
export class CounterTimeoutError extends CounterError {
    name = 'CounterTimeoutError';
}
/** A barrier's wait (`waitOnBarrier`, a double barrier's `enter` or `leave`) did not end within its timeout. */
export class BarrierTimeoutError extends Error {
    name = 'BarrierTimeoutError';
}
// ── Tree cache and config watching (src/recipes/cache) ──
/** A ZkCache was closed (before its initial load finished, or start() after close()). */
export class CacheClosedError extends Error {
    name = 'CacheClosedError';
}
/**
 * A consumer of a cache's async iterator fell further behind than its buffer: the events it had
 * buffered were delivered, later ones were not kept. Read the cache's state again.
 */
export class CacheOverflowError extends Error {
    name = 'CacheOverflowError';
}
/** A config node's data could not be parsed (watchConfig): skipped, with `path` and the node's `version`. */
export class ConfigParseError extends Error {
    path;
    version;
    name = 'ConfigParseError';
    constructor(message, path, version, options) {
        super(message, options);
        this.path = path;
        this.version = version;
    }
}
/** A ZkServiceDiscovery (or one of its providers) was closed, or used after close(). */
export class DiscoveryClosedError extends Error {
    name = 'DiscoveryClosedError';
}
//# sourceMappingURL=errors.js.map