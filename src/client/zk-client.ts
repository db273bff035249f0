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
import { EventEmitter, setMaxListeners } from 'node:events';
import pRetry from 'p-retry';
import {
  AuthFailedError,
  ChrootMissingError,
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
import { after, at, checkDuration, deadlineAfter, msUntil, sleep, type Timer } from './timers.js';
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
import { type PathWatch, SessionWatches, type WatchKind } from './watches.js';
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
}

const CREATE_MODES: readonly CreateMode[] = [
  'persistent',
  'ephemeral',
  'persistent-sequential',
  'ephemeral-sequential',
];

const MAX_DATA = 1024 * 1024;

interface Pending {
  fail(err: Error): void;
}

/** Per-session bookkeeping: everything here belongs to one wire client. */
class Session {
  readonly pending = new Set<Pending>();
  readonly watches: SessionWatches;
  /** Aborted when the session ends or close() begins: everything that depends on it listens here. */
  readonly ending = new AbortController();
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
    logger: Logger,
  ) {
    this.watches = new SessionWatches((e) => logger.error('[zk-recipes] a watcher threw', e));
    // Every hold of the session listens for its end: thousands of listeners are normal here.
    setMaxListeners(0, this.ending.signal);
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
  private watchdog: Timer | undefined;
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
    this.sessionTimeoutRequested = checkSessionTimeout(options.sessionTimeout ?? 10_000);
    this.connectTimeout = checkDuration('connectTimeout', options.connectTimeout ?? 15_000, {
      infinite: true,
    });
    this.requestTimeoutOption =
      options.requestTimeout === undefined
        ? undefined
        : checkDuration('requestTimeout', options.requestTimeout, { infinite: true });
    this.safetyMarginOption =
      options.safetyMargin === undefined
        ? undefined
        : checkDuration('safetyMargin', options.safetyMargin, { zero: true });
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

  /** @internal How many one-shot watches of callers wait on the current session (for leak checks). */
  get pendingWatches(): number {
    return this.session?.watches.size ?? 0;
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
    const timeout =
      opts.timeout === undefined
        ? this.connectTimeout
        : checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
    if (this._state === 'closed') throw this.closedError('the client is closed');
    opts.signal?.throwIfAborted();
    if (this._state === 'connected') return;
    if (!this.session) this.startSession();
    const firstConnect = this._state === 'connecting';
    await new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        timer.clear();
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
      const timer = after(timeout, () =>
        giveUp(
          new ConnectTimeoutError(
            `no ZooKeeper session at ${this.connectString} within ${timeout} ms (is a server running there?)`,
          ),
        ),
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
    this.setState('closed');
    this.stopWatchdog();
    const err = this.closedError('the client was closed');
    // Whoever depends on the session (a held lock) is told before its nodes are deleted.
    s?.ending.abort(err);
    const last = live
      ? [...this.closingTasks].map((t) => runTask(() => t(this.lastRequests(s, deadline))))
      : [];
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
            return await this.removeIfEmpty(s, path, { timeout: left });
          } catch (e) {
            if (!(e instanceof ConnectionLossError)) throw e;
          }
          // Queued by the wire client until it reconnects; the pause only guards against a
          // wire client that fails requests at once (closed) turning this into a busy loop.
          await sleep(Math.min(20, left));
        }
      },
    };
  }

  /** Resolves once `s` is connected or over, or at `deadline`: closeSession needs a connection. */
  private async reconnectedWithin(s: Session, deadline: number): Promise<void> {
    while (!s.ended && !s.wire.connected && monotonicNow() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = at(deadline, resolve);
        this.closingWake = () => {
          timer.clear();
          resolve();
        };
      });
      this.closingWake = undefined;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * @internal The current session's end: aborted (with SessionExpiredError, or ClientClosedError
   * at close()) before anyone else can be granted what the session held. Undefined without a session.
   */
  get sessionSignal(): AbortSignal | undefined {
    return this.session?.ending.signal;
  }

  /**
   * @internal Aborted when the current connection stops being usable (suspended, lost, closed):
   * a request that only makes sense on a working connection (a release's delete, which then
   * goes on in the background) waits no longer than that.
   */
  get connectionSignal(): AbortSignal {
    return this.connection.signal;
  }

  /** A ClientClosedError that says why the client closed, when it closed by itself. */
  private closedError(message: string): ClientClosedError {
    if (!this.closeReason) return new ClientClosedError(message);
    return new ClientClosedError(`${message}: ${this.closeReason.message}`, { cause: this.closeReason });
  }

  private setState(next: ClientState): void {
    const prev = this._state;
    if (prev === next || prev === 'closed') return;
    this._state = next;
    if (next === 'connected') {
      this.connection = new AbortController();
      setMaxListeners(0, this.connection.signal); // one per request in flight that uses it
    } else if (prev === 'connected')
      this.connection.abort(new ConnectionLossError(`the connection to ZooKeeper is ${next}`));
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
        spinDelay: Math.max(MIN_RETRY_MS, Math.min(250, this.sessionTimeoutRequested / 10)),
        auth: this.auth,
        onState: (state) => this.onWireState(s, state),
        onError: (e) => this.logger.warn(`[zk-recipes] ${e.message}`),
      }),
      this.sessionTimeoutRequested,
      this.logger,
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
        this.scheduleWatchdog();
        if (this.auth.length === 0) {
          for (const w of [...this.connectWaiters]) w.resolve();
          break;
        }
        // The server checks credentials after the handshake and, if it rejects them, says so
        // and drops the connection: connect() resolves once a request made it through.
        this.send<Stat | null>(s, '/', (w, cb) => w.exists('/', undefined, cb)).then(
          () => {
            if (s === this.session && !s.ended) for (const w of [...this.connectWaiters]) w.resolve();
          },
          () => {}, // authFailed rejects the waiters; a connection loss waits for the next connect
        );
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
        const schemes = [...new Set(this.auth.map((a) => a.scheme))].join(', ');
        this.closeReason = new AuthFailedError(
          `authentication failed: the server rejected the credentials (scheme ${schemes}); an unknown scheme is rejected too`,
        );
        for (const w of [...this.connectWaiters]) w.reject(this.closeReason);
        this.logger.error(`[zk-recipes] ${this.closeReason.message}; closing the client`);
        void this.close();
        break;
      }
      default:
        break;
    }
  }

  private lastSessionId: string | undefined;
  private _connects = 0;
  /** Why the client closed by itself (rejected credentials), for the errors of later calls. */
  private closeReason: Error | undefined;
  private connection = abortedController();

  private suspend(reason: string): void {
    this.logger.warn(`[zk-recipes] suspended: ${reason}`);
    this.setState('suspended');
    this.emit('suspended');
  }

  /** The session is over (or must be presumed over): tell everyone, then open a new one. */
  private sessionLost(s: Session, reason: string): void {
    if (s.ended) return;
    const id = s.id ?? '0';
    const err = new SessionExpiredError(`session 0x${id} ended: ${reason}`);
    s.ending.abort(err); // holds first: nothing else may act on the session's end before them
    this.logger.warn(`[zk-recipes] session 0x${id} lost: ${reason}`);
    this.setState('lost');
    this.emit('lost', id);
    this.endSession(s, err);
    s.wire.dispose();
    this.emit('expired', id);
    if (this._state !== 'closed') this.startSession();
  }

  private endSession(s: Session, err: Error): void {
    s.ended = true;
    s.ending.abort(err);
    for (const p of [...s.pending]) p.fail(err);
    s.watches.endAll();
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
    this.watchdog = at(Math.max(next, now + 1), () => this.onWatchdog(), { unref: true });
  }

  private stopWatchdog(): void {
    this.watchdog?.clear();
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
    this.send<Stat | null>(s, '/', (w, cb) => w.exists('/', undefined, cb), {
      timeout: Math.max(1, (2 * s.negotiatedTimeout) / 3),
    })
      .catch(() => {})
      .finally(() => {
        s.heartbeatInFlight = false;
        if (s === this.session) this.scheduleWatchdog();
      });
  }

  // ── Requests ───────────────────────────────────────────────────────────────

  private liveSession(): Session {
    if (this._state === 'closed') throw this.closedError('the client is closed');
    const s = this.session;
    if (!s) throw new ClientClosedError('the client is not connected: call connect() first');
    return s;
  }

  /**
   * Sends one request on session `s`; it settles within `call.timeout` (at most requestTimeout)
   * whatever the network does, or at once when `call.signal` aborts. `onAnswer` runs inside
   * the wire's callback, before any later reply or notification is handled.
   */
  private send<T>(
    s: Session,
    path: string,
    issue: (wire: WireSession, cb: (r: WireResult<T>) => void) => void,
    call: CallOptions = {},
    onAnswer?: (value: T) => void,
  ): Promise<T> {
    const signal = call.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const timeout = Math.min(call.timeout ?? this.requestTimeout, this.requestTimeout);
    return new Promise<T>((resolve, reject) => {
      const sentAt = monotonicNow();
      let settled = false;
      const settle = () => {
        settled = true;
        timer.clear();
        signal?.removeEventListener('abort', onAbort);
        s.pending.delete(entry);
      };
      const entry: Pending = {
        fail: (err) => {
          if (settled) return;
          settle();
          reject(err);
        },
      };
      const onAbort = () => entry.fail(signal!.reason);
      const timer = after(timeout, () =>
        entry.fail(new OperationTimeoutError(`no answer within ${Math.round(timeout)} ms`, { path })),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      s.pending.add(entry);
      issue(s.wire, (r) => {
        if (settled) return;
        if ((r.ok || r.answered) && sentAt > s.lastAnsweredSentAt) s.lastAnsweredSentAt = sentAt;
        if (!r.ok) return entry.fail(r.error);
        settle();
        onAnswer?.(r.value);
        resolve(r.value);
      });
    });
  }

  /**
   * A read, retried (it is idempotent) when its outcome is unknown, within the call's one
   * deadline: `call.timeout` bounds all attempts together, and the signal stops them.
   */
  private read<T>(call: CallOptions, run: (call: CallOptions) => Promise<T>): Promise<T> {
    this.liveSession(); // not connected or closed: say so at once, not after retries
    if (!this.retry) return run(call);
    const policy = this.retry;
    const deadline = deadlineAfter(call.timeout);
    const attemptCall = (): CallOptions =>
      deadline === Number.POSITIVE_INFINITY ? call : { signal: call.signal, timeout: msUntil(deadline) };
    const retryable = (e: unknown) =>
      isRetryableReadError(e) && this._state !== 'closed' && msUntil(deadline) > 0 && !call.signal?.aborted;
    // The first attempt runs outside p-retry: answers are the common case, and p-retry's
    // bookkeeping per call was a visible share of a busy client's CPU.
    return run(call).catch((first: unknown) => {
      if (!retryable(first)) throw first;
      let firstSeen = false;
      const attempt = () => {
        if (firstSeen) return run(attemptCall());
        firstSeen = true;
        return Promise.reject(first);
      };
      return pRetry(attempt, {
        retries: policy.retries ?? 3,
        minTimeout: policy.minTimeout ?? 50,
        maxTimeout: policy.maxTimeout ?? 1000,
        factor: policy.factor ?? 2,
        ...(deadline === Number.POSITIVE_INFINITY ? {} : { maxRetryTime: msUntil(deadline) }),
        ...(call.signal ? { signal: call.signal } : {}),
        shouldRetry: ({ error }) => retryable(error),
        onFailedAttempt: ({ error, attemptNumber }) => {
          // Only failures that will be retried are worth a line: NoNode and the like are answers.
          if (retryable(error)) {
            this.logger.debug(
              `[zk-recipes] read attempt ${attemptNumber} failed: ${error.message}; retrying`,
            );
          }
        },
      });
    });
  }

  /**
   * One read on the live session, with `watch` (if any) set by it. The watch is added when the
   * read is answered and removed when `call.signal` aborts (see watches.ts).
   */
  private watchedRead<T>(
    kind: WatchKind,
    path: string,
    watch: Watcher | undefined,
    call: CallOptions,
    issue: (
      wire: WireSession,
      wireWatch: PathWatch['wire'] | undefined,
      cb: (r: WireResult<T>) => void,
    ) => void,
  ): Promise<T> {
    const s = this.liveSession();
    if (!watch) return this.send(s, path, (w, cb) => issue(w, undefined, cb), call);
    const pw = s.watches.pathWatch(kind, path);
    const signal = call.signal;
    return this.send(
      s,
      path,
      (w, cb) => issue(w, pw.wire, cb),
      call,
      () => {
        if (!signal) return void s.watches.add(pw, watch);
        const onAbort = () => remove();
        const remove = s.watches.add(pw, (e) => {
          signal.removeEventListener('abort', onAbort);
          watch(e);
        });
        signal.addEventListener('abort', onAbort, { once: true });
      },
    );
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
    if (!CREATE_MODES.includes(mode)) throw new TypeError(`unknown create mode ${describe(mode)}`);
    const acl = opts.acl ?? this.defaultAcl;
    checkCall(opts);
    return this.send(this.liveSession(), path, (w, cb) => w.create(path, data, acl, mode, cb), opts);
  }

  /** Deletes a node; `version` -1 (default) matches any version. */
  delete(path: string, version = -1, opts: CallOptions = {}): Promise<void> {
    validatePath(path);
    checkVersion(version);
    checkCall(opts);
    return this.send<void>(this.liveSession(), path, (w, cb) => w.remove(path, version, cb), opts);
  }

  /** The node's Stat, or null when it does not exist (a watch then fires on its creation). */
  exists(path: string, opts: ReadOptions = {}): Promise<Stat | null> {
    validatePath(path);
    const watch = checkWatch(opts);
    return this.read(opts, (call) =>
      this.watchedRead<Stat | null>('exists', path, watch, call, (wire, ww, cb) => wire.exists(path, ww, cb)),
    );
  }

  getData(path: string, opts: ReadOptions = {}): Promise<{ data: Buffer; stat: Stat }> {
    validatePath(path);
    const watch = checkWatch(opts);
    return this.read(opts, (call) =>
      this.watchedRead<{ data: Buffer; stat: Stat }>('data', path, watch, call, (wire, ww, cb) =>
        wire.getData(path, ww, cb),
      ),
    );
  }

  getChildren(path: string, opts: ReadOptions = {}): Promise<string[]> {
    validatePath(path);
    const watch = checkWatch(opts);
    return this.read(opts, (call) =>
      this.watchedRead<{ children: string[]; stat: Stat }>('child', path, watch, call, (wire, ww, cb) =>
        wire.getChildren(path, ww, cb),
      ).then((r) => r.children),
    );
  }

  setData(path: string, data: Buffer, version = -1, opts: CallOptions = {}): Promise<Stat> {
    validatePath(path);
    checkData(data, false);
    checkVersion(version);
    checkCall(opts);
    return this.send<Stat>(this.liveSession(), path, (w, cb) => w.setData(path, data, version, cb), opts);
  }

  /** Runs the operations atomically. A failure rejects with the failing op's typed error (its `opIndex` set). */
  multi(ops: readonly Op[], opts: CallOptions = {}): Promise<OpResult[]> {
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
    checkCall(opts);
    return this.send<OpResult[]>(
      this.liveSession(),
      ops[0]?.path ?? '/',
      (w, cb) => w.multi(ops, this.defaultAcl, cb),
      opts,
    );
  }

  /**
   * Creates `path` and its missing parents as persistent nodes. All creates are sent at once
   * (ZooKeeper answers a session's requests in order), so this costs one round trip. A missing
   * chroot rejects with ChrootMissingError.
   */
  async mkdirp(path: string, opts: { acl?: readonly Acl[] } & CallOptions = {}): Promise<void> {
    validatePath(path);
    const prefixes: string[] = [];
    for (let p = path; p !== '/'; p = parentPath(p)) prefixes.unshift(p);
    const results = await Promise.allSettled(prefixes.map((p) => this.create(p, undefined, opts)));
    for (const r of results) {
      if (r.status === 'rejected' && !(r.reason instanceof NodeExistsError)) {
        // The top-level create cannot fail with NoNode unless the chroot itself is missing.
        if (r.reason instanceof NoNodeError && r.reason.path === prefixes[0])
          throw this.chrootMissing(r.reason, `cannot create ${path}: `);
        throw r.reason;
      }
    }
  }

  /**
   * @internal Says why a NoNode of a path that should exist was answered: when the chroot is
   * missing, a ChrootMissingError naming it; otherwise `err` itself.
   */
  async explainNoNode(err: NoNodeError, call: CallOptions = {}): Promise<NoNodeError> {
    if (!parseConnectString(this.connectString).chroot) return err;
    const root = await this.exists('/', call).catch(() => undefined);
    return root === null ? this.chrootMissing(err) : err;
  }

  private chrootMissing(cause: NoNodeError, context = ''): NoNodeError {
    const chroot = parseConnectString(this.connectString).chroot;
    if (!chroot) return cause;
    return new ChrootMissingError(
      `${context}the chroot ${chroot} of the connect string does not exist (create it first)`,
      { path: chroot, cause },
    );
  }

  /** Deletes the node when it has no children; false when it is not empty or already gone. */
  async deleteIfEmpty(path: string, opts: CallOptions = {}): Promise<boolean> {
    validatePath(path);
    checkCall(opts);
    return this.removeIfEmpty(this.liveSession(), path, opts);
  }

  private async removeIfEmpty(s: Session, path: string, call: CallOptions): Promise<boolean> {
    try {
      await this.send<void>(s, path, (w, cb) => w.remove(path, -1, cb), call);
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
  let timer: Timer | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = after(ms, resolve);
  });
  return Promise.race([Promise.allSettled(promises).then(() => {}), bound]).finally(() => timer?.clear());
}

/** How often a connection attempt that gets no handshake answer is restarted. */
function kickInterval(sessionTimeout: number): number {
  return Math.max(MIN_RETRY_MS * 4, sessionTimeout / 6);
}

/** The shortest pause between two connection attempts: a tiny session timeout must not become a dialling loop. */
const MIN_RETRY_MS = 50;
/** No server grants less than two ticks; below this a session timeout is a mistake, not a choice. */
const MIN_SESSION_TIMEOUT = 100;

function checkSessionTimeout(v: unknown): number {
  // The handshake carries it as a 32-bit int.
  if (typeof v === 'number' && v >= MIN_SESSION_TIMEOUT && v <= 2 ** 31 - 1) return v;
  throw new RangeError(
    `sessionTimeout must be a number of ms from ${MIN_SESSION_TIMEOUT} to ${2 ** 31 - 1} (ZooKeeper grants 2 to 20 ticks, 4 s to 40 s by default), got ${describe(v)}`,
  );
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

function checkWatch(opts: ReadOptions): Watcher | undefined {
  checkCall(opts);
  const watch = opts.watch;
  if (watch !== undefined && typeof watch !== 'function')
    throw new TypeError(`watch must be a function, got ${describe(watch)}`);
  return watch;
}

function checkCall(opts: CallOptions): void {
  if (opts === null || typeof opts !== 'object')
    throw new TypeError(`options must be an object, got ${describe(opts)}`);
  if (opts.timeout !== undefined) checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal))
    throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
}

function abortedController(): AbortController {
  const c = new AbortController();
  c.abort(new ConnectionLossError('not connected to ZooKeeper'));
  return c;
}
