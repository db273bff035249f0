/**
 * What a caller may pass to ZkClient and its requests, and the checks that refuse a bad value at
 * the earliest point, naming it. ZkClient keeps the resolved `ClientSettings`.
 */
import type { ConnectionOptions } from 'node:tls';
import { parseConnectString } from './connect-string.js';
import { describe } from './paths.js';
import { checkDuration } from './timers.js';
import {
  type Acl,
  type CreateMode,
  type Logger,
  OPEN_ACL_UNSAFE,
  silentLogger,
  type Watcher,
} from './types.js';

export interface RetryPolicy {
  /** Extra attempts for idempotent reads after a connection loss or timeout (default 3). */
  retries?: number;
  minTimeout?: number;
  maxTimeout?: number;
  factor?: number;
}

export interface ZkClientOptions {
  /** Requested session timeout in ms (default 10 000); the server may clamp it. */
  sessionTimeout?: number;
  /** How long `connect()` waits for the first session, in ms (default 15 000). */
  connectTimeout?: number;
  /** Deadline for each request, in ms (default: the session timeout). */
  requestTimeout?: number;
  /** Retry policy for idempotent reads; `false` disables retries. */
  retry?: RetryPolicy | false;
  /** Subtracted from the session deadline for clock-rate drift and event-loop lag (default: 10 % of T, at most 1 s). */
  safetyMargin?: number;
  logger?: Logger;
  /** Credentials sent on every (re)connect, e.g. `{ scheme: 'digest', credentials: 'user:pw' }`. */
  auth?: readonly { scheme: string; credentials: string | Buffer }[];
  /** Default ACL for created nodes (default: OPEN_ACL_UNSAFE). */
  acl?: readonly Acl[];
  /**
   * Which client speaks the protocol: 'built-in' (our own, the default) or
   * 'node-zookeeper-client' (the ZooKeeper 3.4 protocol only; see docs/connection.md). Absent,
   * the environment variable ZK_RECIPES_WIRE decides, if set.
   */
  wire?: WireBackend;
  /**
   * Speak TLS to the servers' `secureClientPort`: node:tls connection options (`ca`, `cert`,
   * `key`, `servername`, `rejectUnauthorized`, ...), or `true` to trust the system CAs. Only the
   * built-in wire speaks TLS: with `tls` set and no `wire` option it is chosen (whatever
   * ZK_RECIPES_WIRE says); `wire: 'node-zookeeper-client'` with `tls` is refused. See
   * docs/connection.md.
   */
  tls?: true | ConnectionOptions;
}

export type WireBackend = 'node-zookeeper-client' | 'built-in';
const WIRE_BACKENDS: readonly WireBackend[] = ['node-zookeeper-client', 'built-in'];

/** What every request takes: its own bound, and a way to stop waiting for it. */
export interface CallOptions {
  /**
   * ms to wait for the answer at most (the client's `requestTimeout` is the upper bound); past it
   * the call rejects with OperationTimeoutError. A deadline of the caller's becomes this.
   */
  timeout?: number;
  /**
   * Aborting rejects the call with the signal's reason, at once; a write's outcome on the server
   * is then unknown. It also removes the call's watch, which then never fires.
   */
  signal?: AbortSignal;
}

export interface ReadOptions extends CallOptions {
  /** A one-shot watch, called once with the node's next change or with `sessionEnded`. */
  watch?: Watcher;
}

export interface CreateOptions extends CallOptions {
  mode?: CreateMode;
  acl?: readonly Acl[];
  /** ms; required for the TTL modes (and refused for the others): removed once unchanged and childless that long. */
  ttl?: number;
}

/** ZkClientOptions, checked and with their defaults. */
export interface ClientSettings {
  readonly sessionTimeout: number;
  readonly connectTimeout: number;
  readonly requestTimeout: number | undefined;
  readonly retry: Required<RetryPolicy> | false;
  readonly safetyMargin: number | undefined;
  readonly logger: Logger;
  readonly auth: readonly { scheme: string; credentials: string | Buffer }[];
  readonly acl: readonly Acl[];
  readonly wire: WireBackend;
  readonly tls: ConnectionOptions | undefined;
}

/** No server grants less than two ticks; below this a session timeout is a mistake, not a choice. */
const MIN_SESSION_TIMEOUT = 100;
const MAX_DATA = 1024 * 1024;
const CREATE_MODES: readonly CreateMode[] = [
  'persistent',
  'ephemeral',
  'persistent-sequential',
  'ephemeral-sequential',
  'container',
  'persistent-with-ttl',
  'persistent-sequential-with-ttl',
];

/** EphemeralType.TTL's limit: the TTL shares ephemeralOwner's 64 bits with a marker byte. */
const MAX_TTL = 2 ** 40 - 1;

export function resolveClientOptions(connectString: string, options: ZkClientOptions): ClientSettings {
  parseConnectString(connectString); // throws a TypeError naming the bad part
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object, got ${describe(options)}`);
  }
  const auth = options.auth ?? [];
  for (const a of auth) {
    if (!a || typeof a.scheme !== 'string' || a.scheme === '') {
      throw new TypeError(`auth entries need a non-empty scheme, got ${describe(a?.scheme)}`);
    }
  }
  return {
    sessionTimeout: checkSessionTimeout(options.sessionTimeout ?? 10_000),
    connectTimeout: checkDuration('connectTimeout', options.connectTimeout ?? 15_000, { infinite: true }),
    requestTimeout:
      options.requestTimeout === undefined
        ? undefined
        : checkDuration('requestTimeout', options.requestTimeout, { infinite: true }),
    safetyMargin:
      options.safetyMargin === undefined
        ? undefined
        : checkDuration('safetyMargin', options.safetyMargin, { zero: true }),
    retry:
      options.retry === false
        ? false
        : { retries: 3, minTimeout: 50, maxTimeout: 1000, factor: 2, ...options.retry },
    logger: options.logger ?? silentLogger,
    auth,
    acl: options.acl ?? OPEN_ACL_UNSAFE,
    ...checkWireAndTls(options.wire, options.tls),
  };
}

/** TLS options the client sets itself: the servers come from the connect string. */
const TLS_OWN = ['host', 'port', 'path', 'socket'] as const;

function checkWireAndTls(wire: unknown, tls: unknown): Pick<ClientSettings, 'wire' | 'tls'> {
  if (tls === undefined) return { wire: checkWire(wire), tls: undefined };
  if (tls !== true && (tls === null || typeof tls !== 'object' || Array.isArray(tls))) {
    throw new TypeError(
      `tls must be true (the system CAs) or an object of node:tls connection options (ca, cert, key, ...), got ${describe(tls)}`,
    );
  }
  const options: ConnectionOptions = tls === true ? {} : { ...(tls as ConnectionOptions) };
  for (const key of TLS_OWN) {
    if (options[key] !== undefined) {
      throw new TypeError(
        `tls.${key} must not be set (the servers come from the connect string), got ${describe(options[key])}`,
      );
    }
  }
  if (wire === undefined) return { wire: 'built-in', tls: options };
  const backend = checkWire(wire);
  if (backend !== 'built-in') {
    throw new TypeError(
      `the tls option needs the built-in wire: node-zookeeper-client cannot speak TLS; use wire: 'built-in' (or leave wire out)`,
    );
  }
  return { wire: backend, tls: options };
}

/** The option, else ZK_RECIPES_WIRE (so one test suite runs against either backend), else the default. */
function checkWire(v: unknown): WireBackend {
  if (v !== undefined) {
    if (WIRE_BACKENDS.includes(v as WireBackend)) return v as WireBackend;
    throw new TypeError(`wire must be 'node-zookeeper-client' or 'built-in', got ${describe(v)}`);
  }
  const env = process.env.ZK_RECIPES_WIRE;
  if (env === undefined || env === '') return 'built-in';
  if (WIRE_BACKENDS.includes(env as WireBackend)) return env as WireBackend;
  throw new TypeError(
    `the environment variable ZK_RECIPES_WIRE must be 'node-zookeeper-client' or 'built-in', got ${JSON.stringify(env)}`,
  );
}

function checkSessionTimeout(v: unknown): number {
  // The handshake carries it as a 32-bit int.
  if (typeof v === 'number' && v >= MIN_SESSION_TIMEOUT && v <= 2 ** 31 - 1) return v;
  throw new RangeError(
    `sessionTimeout must be a number of ms from ${MIN_SESSION_TIMEOUT} to ${2 ** 31 - 1} (ZooKeeper grants 2 to 20 ticks, 4 s to 40 s by default), got ${describe(v)}`,
  );
}

export function checkCreateMode(mode: unknown): CreateMode {
  if (!CREATE_MODES.includes(mode as CreateMode))
    throw new TypeError(`unknown create mode ${describe(mode)}`);
  return mode as CreateMode;
}

/** The ttl option: required for the TTL modes, refused for the others. */
export function checkTtl(mode: CreateMode, ttl: unknown): number | undefined {
  const wanted = mode.endsWith('-with-ttl');
  if (ttl === undefined) {
    if (wanted) throw new TypeError(`create mode '${mode}' needs a ttl option (ms), got none`);
    return undefined;
  }
  if (!wanted) throw new TypeError(`ttl is only for the TTL create modes, not for mode '${mode}'`);
  if (typeof ttl === 'number' && Number.isInteger(ttl) && ttl > 0 && ttl <= MAX_TTL) return ttl;
  throw new RangeError(`ttl must be an integer number of ms from 1 to ${MAX_TTL}, got ${describe(ttl)}`);
}

export function checkData(data: unknown, optional: boolean): void {
  if (data === undefined && optional) return;
  if (!Buffer.isBuffer(data)) throw new TypeError(`data must be a Buffer, got ${describe(data)}`);
  if (data.length > MAX_DATA) {
    throw new RangeError(`data is ${data.length} bytes; ZooKeeper's limit is ${MAX_DATA} bytes`);
  }
}

export function checkVersion(version: unknown, name = 'version'): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < -1 || version > 0x7fffffff) {
    throw new RangeError(`${name} must be an integer >= -1, got ${describe(version)}`);
  }
}

export function checkCall(opts: CallOptions): void {
  if (opts === null || typeof opts !== 'object')
    throw new TypeError(`options must be an object, got ${describe(opts)}`);
  if (opts.timeout !== undefined) checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal))
    throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
}

export function checkWatch(opts: ReadOptions): Watcher | undefined {
  checkCall(opts);
  const watch = opts.watch;
  if (watch !== undefined && typeof watch !== 'function')
    throw new TypeError(`watch must be a function, got ${describe(watch)}`);
  return watch;
}
