/**
 * ZkClient: one trustworthy ZooKeeper session at a time, on top of node-zookeeper-client.
 *
 * The wire client cannot tell when a connection silently died, so this class keeps its own
 * account: the send time of the latest request the server answered. ZooKeeper cannot expire
 * the session earlier than that send time + the negotiated session timeout, which gives
 * `validUntil`, the deadline until which our ephemeral nodes (and so our locks) certainly exist.
 *
 *   idle ──connect()──▶ connecting ──▶ connected ◀──reconnected── suspended
 *                                         │  no answer for 2/3 T      │ validUntil passed,
 *                                         └──────────────▶────────────┘ or server says expired
 *                                                                     ▼
 *                                         connected ◀── new session ── lost
 *   close() from any state ─▶ closed
 *
 * Usage:
 *   const client = new ZkClient('127.0.0.1:2181', { sessionTimeout: 10_000 });
 *   await client.connect();
 *   await client.create('/app', Buffer.from('x'));
 *   await client.close();
 */
import { EventEmitter } from 'node:events';
import pRetry from 'p-retry';
import {
  ClientClosedError,
  ConnectionLossError,
  ConnectTimeoutError,
  isRetryableReadError,
  NodeExistsError,
  NoNodeError,
  NotEmptyError,
  OperationTimeoutError,
  SessionExpiredError,
} from '../errors.js';
import { monotonicNow } from './clock.js';
import { parseConnectString } from './connect-string.js';
import { describe, parentPath, validatePath } from './paths.js';
import {
  type Acl,
  type CreateMode,
  type Logger,
  OPEN_ACL_UNSAFE,
  type Op,
  type OpResult,
  type Stat,
  silentLogger,
  type WatchEvent,
  type Watcher,
} from './types.js';
import { type WireResult, WireSession, type WireState } from './wire.js';

export type ClientState = 'idle' | 'connecting' | 'connected' | 'suspended' | 'lost' | 'closed';

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
}

export interface ZkClientEvents {
  state: [state: ClientState, previous: ClientState];
  /** A session was established (the first one, or a new one after expiry). */
  connected: [sessionId: string];
  /** No answer from the server for 2/3 of the session timeout, or the connection dropped. */
  suspended: [];
  /** Back on the same session after `suspended`. */
  reconnected: [sessionId: string];
  /** The session's safe deadline passed (or the server said it expired): ephemeral nodes are gone or going. */
  lost: [sessionId: string];
  /** The session ended; emitted once per session. */
  expired: [sessionId: string];
  /** A new session replaced `previous` (undefined for the first one): re-create what you own. */
  session: [sessionId: string, previous: string | undefined];
  closed: [];
}

export interface ReadOptions {
  /** A one-shot watch, called once with the node's next change or with `sessionEnded`. */
  watch?: Watcher;
}

export interface CreateOptions {
  mode?: CreateMode;
  acl?: readonly Acl[];
}

const MAX_DATA = 1024 * 1024;

interface Pending {
  fail(err: Error): void;
}

interface WatchEntry {
  fire(event: WatchEvent): void;
}

/** Per-session bookkeeping: everything here belongs to one wire client. */
class Session {
  readonly pending = new Set<Pending>();
  readonly watches = new Set<WatchEntry>();
  id: string | undefined;
  negotiatedTimeout: number;
  /** Send time of the latest request the server answered (the handshake counts). */
  lastAnsweredSentAt = Number.NEGATIVE_INFINITY;
  /** When the current connection attempt began: a handshake answered later was sent after this. */
  dialStartedAt: number;
  lastKickAt: number;
  heartbeatInFlight = false;
  ended = false;

  constructor(
    readonly wire: WireSession,
    requestedTimeout: number,
  ) {
    this.negotiatedTimeout = requestedTimeout;
    this.dialStartedAt = monotonicNow();
    this.lastKickAt = this.dialStartedAt;
  }
}

/**
 * One trustworthy ZooKeeper session at a time: liveness, a safe deadline (`validUntil`),
 * typed errors, bounded requests, and a fresh session after expiry. See docs/connection.md.
 *
 * ```ts
 * const client = new ZkClient('127.0.0.1:2181', { sessionTimeout: 10_000 });
 * await client.connect();
 * client.on('lost', () => console.warn('every lock of this client is gone'));
 * ```
 */
export class ZkClient extends EventEmitter<ZkClientEvents> {
  readonly connectString: string;
  private readonly sessionTimeoutRequested: number;
  private readonly connectTimeout: number;
  private readonly requestTimeoutOption: number | undefined;
  private readonly retry: RetryPolicy | false;
  private readonly closingTasks = new Set<(last: ClosingSession) => Promise<unknown>>();
  private readonly safetyMarginOption: number | undefined;
  private readonly auth: readonly { scheme: string; credentials: string | Buffer }[];
  readonly defaultAcl: readonly Acl[];
  readonly logger: Logger;

  private _state: ClientState = 'idle';
  private session: Session | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private connectWaiters = new Set<{ resolve(): void; reject(e: Error): void }>();
  private closing: Promise<void> | undefined;
  /** While close() waits for a suspended session's connection: called on the wire's news. */
  private closingWake: (() => void) | undefined;

  constructor(connectString: string, options: ZkClientOptions = {}) {
    super();
    // Every held lock listens for the session's fate: thousands of listeners are normal here.
    this.setMaxListeners(0);
    parseConnectString(connectString); // throws a TypeError naming the bad part
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    this.connectString = connectString;
    this.sessionTimeoutRequested = positive('sessionTimeout', options.sessionTimeout ?? 10_000);
    this.connectTimeout = positive('connectTimeout', options.connectTimeout ?? 15_000);
    this.requestTimeoutOption =
      options.requestTimeout === undefined ? undefined : positive('requestTimeout', options.requestTimeout);
    this.safetyMarginOption =
      options.safetyMargin === undefined ? undefined : nonNegative('safetyMargin', options.safetyMargin);
    this.retry =
      options.retry === false ? false : { retries: 3, minTimeout: 50, maxTimeout: 1000, ...options.retry };
    this.auth = options.auth ?? [];
    for (const a of this.auth) {
      if (!a || typeof a.scheme !== 'string' || a.scheme === '') {
        throw new TypeError(`auth entries need a non-empty scheme, got ${describe(a?.scheme)}`);
      }
    }
    this.defaultAcl = options.acl ?? OPEN_ACL_UNSAFE;
    this.logger = options.logger ?? silentLogger;
  }

  // ── Session truth ──────────────────────────────────────────────────────────

  get state(): ClientState {
    return this._state;
  }

  /** Hex id of the current session, undefined before the first one. */
  get sessionId(): string | undefined {
    return this.session?.id;
  }

  /** The current session id as ZooKeeper's signed 64-bit value (a node's `ephemeralOwner`), undefined before the first session. */
  get sessionOwner(): bigint | undefined {
    const id = this.session?.id;
    return id === undefined ? undefined : BigInt.asIntN(64, BigInt(`0x${id}`));
  }

  /**
   * @internal How many connections to a server were established so far (new sessions and
   * reconnects alike). On one connection the server tells of changes in the order they happened;
   * after a reconnect it reports the changes a watch missed in the order the watches were set.
   */
  get connects(): number {
    return this._connects;
  }

  /** The session timeout the server granted, in ms. */
  get sessionTimeout(): number {
    return this.session?.negotiatedTimeout ?? this.sessionTimeoutRequested;
  }

  /**
   * Monotonic ms (see `monotonicNow()`) until which the current session certainly lives;
   * 0 when there is no live session. Nobody else can be granted a lock we hold before then.
   */
  get validUntil(): number {
    const s = this.session;
    if (!s || s.ended || s.id === undefined || (this._state !== 'connected' && this._state !== 'suspended'))
      return 0;
    return s.lastAnsweredSentAt + s.negotiatedTimeout - this.safetyMargin(s);
  }

  private safetyMargin(s: Session): number {
    return this.safetyMarginOption ?? Math.min(1000, s.negotiatedTimeout * 0.1);
  }

  private get requestTimeout(): number {
    return this.requestTimeoutOption ?? this.sessionTimeout;
  }

  /**
   * Resolves once a session is up (starting one if needed). The first connect rejects with
   * `ConnectTimeoutError` after `connectTimeout` and stops trying; later calls just wait.
   */
  async connect(opts: { signal?: AbortSignal; timeout?: number } = {}): Promise<void> {
    const timeout = opts.timeout === undefined ? this.connectTimeout : nonNegative('timeout', opts.timeout);
    if (this._state === 'closed') throw new ClientClosedError('the client is closed');
    opts.signal?.throwIfAborted();
    if (this._state === 'connected') return;
    if (!this.session) this.startSession();
    const firstConnect = this._state === 'connecting';
    await new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        this.connectWaiters.delete(waiter);
      };
      const waiter = {
        resolve: () => {
          cleanup();
          resolve();
        },
        reject: (e: Error) => {
          cleanup();
          reject(e);
        },
      };
      const giveUp = (err: Error) => {
        waiter.reject(err);
        // Nobody else waits for a first session that never came: stop dialling.
        if (firstConnect && this._state === 'connecting' && this.connectWaiters.size === 0)
          this.resetToIdle();
      };
      const onAbort = () => giveUp(opts.signal!.reason);
      const timer = setTimeout(
        () =>
          giveUp(
            new ConnectTimeoutError(
              `no ZooKeeper session at ${this.connectString} within ${timeout} ms (is a server running there?)`,
            ),
          ),
        timeout,
      );
      this.connectWaiters.add(waiter);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * @internal Runs `task` when close() begins, with the ending session's last requests: they
   * outlive a connection loss (close() waits for a suspended session to reconnect), within
   * the close's bound. The lock recipes flush their deferred deletes this way. Returns the
   * unregister function.
   */
  onClosing(task: (last: ClosingSession) => Promise<unknown>): () => void {
    this.closingTasks.add(task);
    return () => this.closingTasks.delete(task);
  }

  /**
   * Ends the session (our ephemeral nodes go at once) and stops everything. Idempotent, safe in
   * any state; settles within min(2 s, requestTimeout), plus 250 ms at most. A session that is
   * suspended rather than lost is given that long to reconnect, so that it ends now rather than
   * at its expiry.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    const s = this.session;
    const live =
      s !== undefined &&
      s.id !== undefined &&
      !s.ended &&
      (this._state === 'connected' || this._state === 'suspended');
    const bound = Math.min(2000, this.requestTimeout);
    const deadline = monotonicNow() + bound;
    const last = live
      ? [...this.closingTasks].map((t) => runTask(() => t(this.lastRequests(s, deadline))))
      : [];
    this.setState('closed');
    this.stopWatchdog();
    const err = new ClientClosedError('the client was closed');
    for (const w of [...this.connectWaiters]) w.reject(err);
    this.closing = (async () => {
      if (s) {
        if (last.length > 0) await settledWithin(last, deadline - monotonicNow());
        if (live) await this.reconnectedWithin(s, deadline);
        this.endSession(s, err);
        // What the bound has left, but a moment at least: a close that found the session
        // connected deserves its closeSession.
        await s.wire.closeSession(Math.max(deadline - monotonicNow(), Math.min(bound, 250)));
        s.wire.dispose();
      }
      this.session = undefined;
      this.emit('closed');
    })();
    return this.closing;
  }

  /** Requests on `s` while it closes: a connection loss is retried (sent once reconnected) until `deadline`. */
  private lastRequests(s: Session, deadline: number): ClosingSession {
    return {
      deleteIfEmpty: async (path) => {
        for (;;) {
          const left = deadline - monotonicNow();
          if (s.ended || left <= 0)
            throw new OperationTimeoutError(`close() gave up deleting ${path}`, { path });
          try {
            return await this.removeIfEmpty(s, path, left);
          } catch (e) {
            if (!(e instanceof ConnectionLossError)) throw e;
          }
          // Queued by the wire client until it reconnects; the pause only guards against a
          // wire client that fails requests at once (closed) turning this into a busy loop.
          await new Promise((r) => setTimeout(r, Math.min(20, left)));
        }
      },
    };
  }

  /** Resolves once `s` is connected or over, or at `deadline`: closeSession needs a connection. */
  private async reconnectedWithin(s: Session, deadline: number): Promise<void> {
    while (!s.ended && !s.wire.connected && monotonicNow() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - monotonicNow());
        this.closingWake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.closingWake = undefined;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private setState(next: ClientState): void {
    const prev = this._state;
    if (prev === next || prev === 'closed') return;
    this._state = next;
    this.logger.debug(`[zk-recipes] client ${prev} -> ${next}`);
    this.emit('state', next, prev);
  }

  private resetToIdle(): void {
    const s = this.session;
    if (s) {
      this.endSession(s, new ConnectTimeoutError('connect gave up'));
      s.wire.dispose();
    }
    this.session = undefined;
    this.stopWatchdog();
    this.setState('idle');
  }

  private startSession(): void {
    const s: Session = new Session(
      new WireSession(this.connectString, {
        sessionTimeout: this.sessionTimeoutRequested,
        // Wait after a full round of failed servers; short so a restarted server is found quickly.
        spinDelay: Math.min(250, this.sessionTimeoutRequested / 10),
        auth: this.auth,
        onState: (state) => this.onWireState(s, state),
        onError: (e) => this.logger.warn(`[zk-recipes] ${e.message}`),
      }),
      this.sessionTimeoutRequested,
    );
    this.session = s;
    if (this._state === 'idle') this.setState('connecting');
    s.wire.connect();
    this.scheduleWatchdog();
  }

  private onWireState(s: Session, state: WireState): void {
    if (s !== this.session || s.ended) return; // a replaced wire client's late news
    if (this._state === 'closed') {
      // close() is finishing this session: no events any more, only what close() waits for.
      if (state === 'expired')
        this.endSession(s, new SessionExpiredError('the session expired while closing'));
      this.closingWake?.();
      return;
    }
    switch (state) {
      case 'connected': {
        this._connects += 1;
        s.negotiatedTimeout = s.wire.negotiatedTimeout;
        s.lastAnsweredSentAt = Math.max(s.lastAnsweredSentAt, s.dialStartedAt);
        const id = s.wire.sessionId;
        if (s.id === id) {
          this.setState('connected');
          this.logger.info(`[zk-recipes] reconnected to session 0x${id}`);
          this.emit('reconnected', id);
        } else {
          const previous = this.lastSessionId;
          s.id = id;
          this.lastSessionId = id;
          this.setState('connected');
          this.logger.info(`[zk-recipes] session 0x${id} established (timeout ${s.negotiatedTimeout} ms)`);
          this.emit('connected', id);
          this.emit('session', id, previous);
        }
        for (const w of [...this.connectWaiters]) w.resolve();
        this.scheduleWatchdog();
        break;
      }
      case 'disconnected':
        s.dialStartedAt = monotonicNow();
        if (this._state === 'connected') this.suspend('connection dropped');
        break;
      case 'expired':
        this.sessionLost(s, 'the server reported the session expired');
        break;
      case 'authFailed': {
        const err = new SessionExpiredError('authentication failed: the server rejected the credentials');
        for (const w of [...this.connectWaiters]) w.reject(err);
        this.logger.error('[zk-recipes] authentication failed; closing the client');
        void this.close();
        break;
      }
      default:
        break;
    }
  }

  private lastSessionId: string | undefined;
  private _connects = 0;

  private suspend(reason: string): void {
    this.logger.warn(`[zk-recipes] suspended: ${reason}`);
    this.setState('suspended');
    this.emit('suspended');
  }

  /** The session is over (or must be presumed over): tell everyone, then open a new one. */
  private sessionLost(s: Session, reason: string): void {
    if (s.ended) return;
    const id = s.id ?? '0';
    this.logger.warn(`[zk-recipes] session 0x${id} lost: ${reason}`);
    this.setState('lost');
    this.emit('lost', id);
    this.endSession(s, new SessionExpiredError(`session 0x${id} ended: ${reason}`));
    s.wire.dispose();
    this.emit('expired', id);
    if (this._state !== 'closed') this.startSession();
  }

  private endSession(s: Session, err: Error): void {
    s.ended = true;
    for (const p of [...s.pending]) p.fail(err);
    for (const w of [...s.watches]) w.fire({ type: 'sessionEnded', path: '' });
  }

  // ── Watchdog: heartbeat, suspension, deadline, stuck handshakes ───────────

  private scheduleWatchdog(): void {
    this.stopWatchdog();
    const s = this.session;
    if (!s || s.ended || this._state === 'closed') return;
    const now = monotonicNow();
    const T = s.negotiatedTimeout;
    let next: number;
    if (this._state === 'connected') {
      // Heartbeat after T/3 of silence; once it is out, wait for it until the suspension point.
      next = s.lastAnsweredSentAt + (s.heartbeatInFlight ? (2 * T) / 3 : T / 3);
    } else if (this._state === 'suspended') {
      next = Math.min(this.validUntil, s.lastKickAt + kickInterval(T));
    } else {
      next = s.lastKickAt + kickInterval(T);
    }
    this.watchdog = setTimeout(() => this.onWatchdog(), Math.max(1, next - now));
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private onWatchdog(): void {
    this.watchdog = undefined;
    const s = this.session;
    if (!s || s.ended || this._state === 'closed') return;
    const now = monotonicNow();
    const T = s.negotiatedTimeout;
    const silentFor = now - s.lastAnsweredSentAt;
    if (this._state === 'connected') {
      if (silentFor >= (2 * T) / 3) {
        this.suspend(`no answer from the server for ${Math.round(silentFor)} ms`);
        this.kick(s, now);
      } else if (silentFor >= T / 3 && !s.heartbeatInFlight) {
        this.heartbeat(s);
      }
    } else if (this._state === 'suspended' && s.id !== undefined && now >= this.validUntil) {
      this.sessionLost(s, `no answer within the session's safe deadline (${T} ms timeout)`);
      return;
    } else if (now - s.lastKickAt >= kickInterval(T)) {
      // A handshake can be swallowed by a silent network: kick again while not connected
      // (or while suspended on a connection that stays silent).
      if (!s.wire.connected || this._state === 'suspended') this.kick(s, now);
    }
    this.scheduleWatchdog();
  }

  private kick(s: Session, now: number): void {
    this.logger.debug('[zk-recipes] dropping the connection so the wire client reconnects');
    s.lastKickAt = now;
    s.dialStartedAt = now;
    s.wire.kick();
  }

  private heartbeat(s: Session): void {
    s.heartbeatInFlight = true;
    this.send<Stat | null>(
      s,
      '/',
      (w, cb) => w.exists('/', undefined, cb),
      Math.max(1, (2 * s.negotiatedTimeout) / 3),
    )
      .catch(() => {})
      .finally(() => {
        s.heartbeatInFlight = false;
        if (s === this.session) this.scheduleWatchdog();
      });
  }

  // ── Requests ───────────────────────────────────────────────────────────────

  private liveSession(): Session {
    if (this._state === 'closed') throw new ClientClosedError('the client is closed');
    const s = this.session;
    if (!s) throw new ClientClosedError('the client is not connected: call connect() first');
    return s;
  }

  /** Sends one request on session `s`; it settles within `timeout` whatever the network does. */
  private send<T>(
    s: Session,
    path: string,
    issue: (wire: WireSession, cb: (r: WireResult<T>) => void) => void,
    timeout = this.requestTimeout,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const sentAt = monotonicNow();
      let settled = false;
      const entry: Pending = {
        fail: (err) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          s.pending.delete(entry);
          reject(err);
        },
      };
      const timer = setTimeout(
        () => entry.fail(new OperationTimeoutError(`no answer within ${timeout} ms`, { path })),
        timeout,
      );
      s.pending.add(entry);
      issue(s.wire, (r) => {
        if (settled) return;
        if (r.ok || r.answered) {
          if (sentAt > s.lastAnsweredSentAt) s.lastAnsweredSentAt = sentAt;
        }
        if (r.ok) {
          settled = true;
          clearTimeout(timer);
          s.pending.delete(entry);
          resolve(r.value);
        } else {
          entry.fail(r.error);
        }
      });
    });
  }

  private read<T>(run: () => Promise<T>): Promise<T> {
    this.liveSession(); // not connected or closed: say so at once, not after retries
    if (!this.retry) return run();
    const policy = this.retry;
    // The first attempt runs outside p-retry: answers are the common case, and p-retry's
    // bookkeeping per call was a visible share of a busy client's CPU.
    return run().catch((first: unknown) => {
      if (!isRetryableReadError(first) || this._state === 'closed') throw first;
      let firstSeen = false;
      const attempt = () => {
        if (firstSeen) return run();
        firstSeen = true;
        return Promise.reject(first);
      };
      return this.retryRead(attempt, policy);
    });
  }

  private retryRead<T>(run: () => Promise<T>, policy: RetryPolicy): Promise<T> {
    return pRetry(run, {
      retries: policy.retries ?? 3,
      minTimeout: policy.minTimeout ?? 50,
      maxTimeout: policy.maxTimeout ?? 1000,
      factor: policy.factor ?? 2,
      shouldRetry: ({ error }) => isRetryableReadError(error) && this._state !== 'closed',
      onFailedAttempt: ({ error, attemptNumber }) => {
        // Only failures that will be retried are worth a line: NoNode and the like are answers.
        if (isRetryableReadError(error)) {
          this.logger.debug(`[zk-recipes] read attempt ${attemptNumber} failed: ${error.message}; retrying`);
        }
      },
    });
  }

  /** Registers a one-shot watch on session `s`; returns the wire callback and a cleanup for failed reads. */
  private watchEntry(s: Session, watch: Watcher | undefined) {
    if (!watch) return { wireWatch: undefined, drop() {} };
    if (typeof watch !== 'function') throw new TypeError(`watch must be a function, got ${describe(watch)}`);
    let fired = false;
    const entry: WatchEntry = {
      fire: (event) => {
        if (fired) return;
        fired = true;
        s.watches.delete(entry);
        try {
          watch(event);
        } catch (e) {
          this.logger.error('[zk-recipes] a watcher threw', e);
        }
      },
    };
    s.watches.add(entry);
    return { wireWatch: (e: WatchEvent) => entry.fire(e), drop: () => s.watches.delete(entry) };
  }

  /** Creates a node; resolves the created path (with the sequence suffix for sequential modes). */
  create(path: string, data?: Buffer, opts: CreateOptions = {}): Promise<string> {
    return this.createWithZxid(path, data, opts).then((r) => r.path);
  }

  /**
   * Like `create`, and also resolves the new node's czxid (the create's transaction id),
   * which costs no extra round trip. The lock recipes use it as the fencing token.
   */
  createWithZxid(
    path: string,
    data?: Buffer,
    opts: CreateOptions = {},
  ): Promise<{ path: string; czxid: bigint }> {
    validatePath(path);
    checkData(data, true);
    const mode = opts.mode ?? 'persistent';
    if (!['persistent', 'ephemeral', 'persistent-sequential', 'ephemeral-sequential'].includes(mode)) {
      throw new TypeError(`unknown create mode ${describe(mode)}`);
    }
    const acl = opts.acl ?? this.defaultAcl;
    return this.send(this.liveSession(), path, (w, cb) => w.create(path, data, acl, mode, cb));
  }

  /** Deletes a node; `version` -1 (default) matches any version. */
  delete(path: string, version = -1): Promise<void> {
    validatePath(path);
    checkVersion(version);
    return this.send<void>(this.liveSession(), path, (w, cb) => w.remove(path, version, cb));
  }

  /** The node's Stat, or null when it does not exist (a watch then fires on its creation). */
  exists(path: string, opts: ReadOptions = {}): Promise<Stat | null> {
    validatePath(path);
    return this.read(() => {
      const s = this.liveSession();
      const w = this.watchEntry(s, opts.watch);
      return this.send<Stat | null>(s, path, (wire, cb) => wire.exists(path, w.wireWatch, cb)).catch((e) => {
        w.drop();
        throw e;
      });
    });
  }

  getData(path: string, opts: ReadOptions = {}): Promise<{ data: Buffer; stat: Stat }> {
    validatePath(path);
    return this.read(() => {
      const s = this.liveSession();
      const w = this.watchEntry(s, opts.watch);
      return this.send<{ data: Buffer; stat: Stat }>(s, path, (wire, cb) =>
        wire.getData(path, w.wireWatch, cb),
      ).catch((e) => {
        w.drop();
        throw e;
      });
    });
  }

  getChildren(path: string, opts: ReadOptions = {}): Promise<string[]> {
    validatePath(path);
    return this.read(async () => {
      const s = this.liveSession();
      const w = this.watchEntry(s, opts.watch);
      try {
        const r = await this.send<{ children: string[]; stat: Stat }>(s, path, (wire, cb) =>
          wire.getChildren(path, w.wireWatch, cb),
        );
        return r.children;
      } catch (e) {
        w.drop();
        throw e;
      }
    });
  }

  setData(path: string, data: Buffer, version = -1): Promise<Stat> {
    validatePath(path);
    checkData(data, false);
    checkVersion(version);
    return this.send<Stat>(this.liveSession(), path, (w, cb) => w.setData(path, data, version, cb));
  }

  /** Runs the operations atomically. A failure rejects with the failing op's typed error (its `opIndex` set). */
  multi(ops: readonly Op[]): Promise<OpResult[]> {
    if (!Array.isArray(ops)) throw new TypeError(`ops must be an array, got ${describe(ops)}`);
    ops.forEach((op, i) => {
      if (!op || typeof op !== 'object')
        throw new TypeError(`ops[${i}] must be an object, got ${describe(op)}`);
      validatePath(op.path, `ops[${i}].path`);
      if (op.op === 'create') checkData(op.data, true);
      else if (op.op === 'setData') checkData(op.data, false);
      else if (op.op !== 'delete' && op.op !== 'check')
        throw new TypeError(`ops[${i}].op is unknown: ${describe(op)}`);
      if (op.op !== 'create') checkVersion(op.version ?? -1, `ops[${i}].version`);
    });
    return this.send<OpResult[]>(this.liveSession(), ops[0]?.path ?? '/', (w, cb) =>
      w.multi(ops, this.defaultAcl, cb),
    );
  }

  /**
   * Creates `path` and its missing parents as persistent nodes. All creates are sent at once
   * (ZooKeeper answers a session's requests in order), so this costs one round trip.
   */
  async mkdirp(path: string, opts: { acl?: readonly Acl[] } = {}): Promise<void> {
    validatePath(path);
    const prefixes: string[] = [];
    for (let p = path; p !== '/'; p = parentPath(p)) prefixes.unshift(p);
    const results = await Promise.allSettled(prefixes.map((p) => this.create(p, undefined, opts)));
    for (const r of results) {
      if (r.status === 'rejected' && !(r.reason instanceof NodeExistsError)) {
        const chroot = parseConnectString(this.connectString).chroot;
        if (r.reason instanceof NoNodeError && chroot && r.reason.path === prefixes[0]) {
          // The top-level create cannot fail with NoNode unless the chroot itself is missing.
          throw new NoNodeError(
            `cannot create ${path}: the chroot ${chroot} of the connect string does not exist (create it first)`,
            { path: chroot, cause: r.reason },
          );
        }
        throw r.reason;
      }
    }
  }

  /** Deletes the node when it has no children; false when it is not empty or already gone. */
  async deleteIfEmpty(path: string): Promise<boolean> {
    validatePath(path);
    return this.removeIfEmpty(this.liveSession(), path, this.requestTimeout);
  }

  private async removeIfEmpty(s: Session, path: string, timeout: number): Promise<boolean> {
    try {
      await this.send<void>(s, path, (w, cb) => w.remove(path, -1, cb), timeout);
      return true;
    } catch (e) {
      if (e instanceof NoNodeError || e instanceof NotEmptyError) return false;
      throw e;
    }
  }
}

/** @internal What a closing task may still send on the session close() is ending. */
export interface ClosingSession {
  /** Deletes `path` when it has no children; false when it is not empty or already gone. */
  deleteIfEmpty(path: string): Promise<boolean>;
}

function runTask(task: () => Promise<unknown>): Promise<unknown> {
  try {
    return task().catch(() => {});
  } catch {
    return Promise.resolve();
  }
}

/** Waits until every promise settled or `ms` passed, whichever comes first. */
function settledWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([Promise.allSettled(promises).then(() => {}), bound]).finally(() =>
    clearTimeout(timer),
  );
}

/** How often a connection attempt that gets no handshake answer is restarted. */
function kickInterval(sessionTimeout: number): number {
  return sessionTimeout / 6;
}

function positive(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${name} must be a positive number of ms, got ${describe(v)}`);
  }
  return v;
}

function nonNegative(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${name} must be a non-negative number of ms, got ${describe(v)}`);
  }
  return v;
}

function checkData(data: unknown, optional: boolean): void {
  if (data === undefined && optional) return;
  if (!Buffer.isBuffer(data)) throw new TypeError(`data must be a Buffer, got ${describe(data)}`);
  if (data.length > MAX_DATA) {
    throw new RangeError(`data is ${data.length} bytes; ZooKeeper's limit is ${MAX_DATA} bytes`);
  }
}

function checkVersion(version: unknown, name = 'version'): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < -1 || version > 0x7fffffff) {
    throw new RangeError(`${name} must be an integer >= -1, got ${describe(version)}`);
  }
}
