/**
 * The session state machine behind ZkClient: one trustworthy session at a time, its states and
 * events, connect() and close(). Liveness is the watchdog's (liveness.ts); requests are the
 * session's (session.ts); the API is ZkClient's.
 *
 *   idle ──connect()──▶ connecting ──▶ connected ◀──reconnected── suspended
 *                                         │  connection silent/dropped │ validUntil passed,
 *                                         └──────────────▶────────────┘ or server says expired
 *                                                                     ▼
 *                                         connected ◀── new session ── lost
 *   close() from any state ─▶ closed
 */
import { setMaxListeners } from 'node:events';
import {
  AuthFailedError,
  ClientClosedError,
  ConnectionLossError,
  ConnectTimeoutError,
  SessionExpiredError,
} from '../errors.js';
import { monotonicNow } from './clock.js';
import { type ClosingTask, closingRequests } from './closing-session.js';
import { stateChange } from './diagnostics.js';
import type { ClientState, Emit } from './events.js';
import { MIN_RETRY_MS, Watchdog } from './liveness.js';
import type { ClientSettings } from './options.js';
import { ProtocolWire } from './protocol/connection.js';
import { Session } from './session.js';
import { after, at, settledBy, type Timer } from './timers.js';
import type { Stat } from './types.js';
import { WireSession } from './wire.js';
import type { WireFactory, WireState } from './wire-contract.js';

const WIRES: Record<ClientSettings['wire'], WireFactory> = {
  'node-zookeeper-client': (connectString, opts) => new WireSession(connectString, opts),
  'built-in': (connectString, opts) => new ProtocolWire(connectString, opts),
};

export class SessionKeeper {
  private _state: ClientState = 'idle';
  private _session: Session | undefined;
  readonly watchdog: Watchdog;
  private readonly connectWaiters = new Set<{ resolve(): void; reject(e: Error): void }>();
  readonly closingTasks = new Set<ClosingTask>();
  private closing: Promise<void> | undefined;
  /** While close() waits for a suspended session's connection: called on the wire's news. */
  private closingWake: (() => void) | undefined;
  private lastSessionId: string | undefined;
  /** The wire's last complaint since the last connect (a failed TLS handshake), for ConnectTimeoutError. */
  private lastWireError: Error | undefined;
  /** Why the client closed by itself (rejected credentials), for the errors of later calls. */
  private closeReason: Error | undefined;
  private connection = abortedController();
  connects = 0;

  constructor(
    /** The ZkClient this keeper works for (named in diagnostics messages). */
    private readonly client: object,
    private readonly connectString: string,
    private readonly settings: ClientSettings,
    private readonly emit: Emit,
  ) {
    this.watchdog = new Watchdog(this);
  }

  get state(): ClientState {
    return this._state;
  }

  get session(): Session | undefined {
    return this._session;
  }

  get logger() {
    return this.settings.logger;
  }

  /** Monotonic ms until which the current session certainly lives; 0 without a live session. */
  get validUntil(): number {
    const s = this._session;
    if (!s || s.ended || s.id === undefined || (this._state !== 'connected' && this._state !== 'suspended'))
      return 0;
    return s.lastAnsweredSentAt + s.negotiatedTimeout - this.margin(s);
  }

  private margin(s: Session): number {
    return this.settings.safetyMargin ?? Math.min(1000, s.negotiatedTimeout * 0.1);
  }

  get requestTimeout(): number {
    return this.settings.requestTimeout ?? this._session?.negotiatedTimeout ?? this.settings.sessionTimeout;
  }

  /** Aborted when the current connection stops being usable (suspended, lost, closed). */
  get connectionSignal(): AbortSignal {
    return this.connection.signal;
  }

  /** The session requests go to; throws at once when there is none or the client is closed. */
  liveSession(): Session {
    if (this._state === 'closed') throw this.closedError('the client is closed');
    const s = this._session;
    if (!s) throw new ClientClosedError('the client is not connected: call connect() first');
    return s;
  }

  /** A ClientClosedError that says why the client closed, when it closed by itself. */
  closedError(message: string): ClientClosedError {
    if (!this.closeReason) return new ClientClosedError(message);
    return new ClientClosedError(`${message}: ${this.closeReason.message}`, { cause: this.closeReason });
  }

  async connect(timeout: number, signal: AbortSignal | undefined): Promise<void> {
    if (this._state === 'closed') throw this.closedError('the client is closed');
    signal?.throwIfAborted();
    if (this._state === 'connected') return;
    if (!this._session) this.startSession();
    const firstConnect = this._state === 'connecting';
    await new Promise<void>((resolve, reject) => {
      let timer: Timer | undefined;
      const cleanup = () => {
        timer?.clear();
        signal?.removeEventListener('abort', onAbort);
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
      const onAbort = () => giveUp(signal!.reason);
      timer = after(timeout, () => {
        const last = this.lastWireError;
        const why = last ? `; last error: ${last.message}` : ' (is a server running there?)';
        giveUp(
          new ConnectTimeoutError(
            `no ZooKeeper session at ${this.connectString} within ${timeout} ms${why}`,
            last ? { cause: last } : undefined,
          ),
        );
      });
      this.connectWaiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Ends the session (our ephemeral nodes go at once) and stops everything; see ZkClient.close.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    const s = this._session;
    const live =
      s !== undefined &&
      s.id !== undefined &&
      !s.ended &&
      (this._state === 'connected' || this._state === 'suspended');
    const bound = Math.min(2000, this.requestTimeout);
    const deadline = monotonicNow() + bound;
    this.setState('closed');
    this.watchdog.stop();
    const err = this.closedError('the client was closed');
    // Whoever depends on the session (a held lock) is told before its nodes are deleted.
    s?.ending.abort(err);
    const last = live
      ? [...this.closingTasks].map((t) => runTask(() => t(closingRequests(s, deadline))))
      : [];
    for (const w of [...this.connectWaiters]) w.reject(err);
    this.closing = (async () => {
      if (s) {
        if (last.length > 0) await settledBy(Promise.allSettled(last), deadline);
        if (live) await this.reconnectedWithin(s, deadline);
        s.end(err);
        // What the bound has left, but a moment at least: a close that found the session
        // connected deserves its closeSession.
        await s.wire.closeSession(Math.max(deadline - monotonicNow(), Math.min(bound, 250)));
        s.wire.dispose();
      }
      this._session = undefined;
      this.emit('closed');
    })();
    return this.closing;
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

  private setState(next: ClientState): void {
    const prev = this._state;
    if (prev === next || prev === 'closed') return;
    this._state = next;
    if (next === 'connected') {
      this.connection = new AbortController();
      setMaxListeners(0, this.connection.signal); // one per request in flight that uses it
    } else if (prev === 'connected') {
      this.connection.abort(new ConnectionLossError(`the connection to ZooKeeper is ${next}`));
    }
    this.logger.debug(`[zk-recipes] client ${prev} -> ${next}`);
    if (stateChange.hasSubscribers)
      stateChange.publish({ client: this.client, state: next, previous: prev, sessionId: this._session?.id });
    this.emit('state', next, prev);
  }

  private resetToIdle(): void {
    const s = this._session;
    if (s) {
      s.end(new ConnectTimeoutError('connect gave up'));
      s.wire.dispose();
    }
    this._session = undefined;
    this.watchdog.stop();
    this.setState('idle');
  }

  private startSession(): void {
    this.lastWireError = undefined;
    const requested = this.settings.sessionTimeout;
    const s: Session = new Session(
      WIRES[this.settings.wire](this.connectString, {
        sessionTimeout: requested,
        // Wait after a full round of failed servers; short so a restarted server is found quickly.
        spinDelay: Math.max(MIN_RETRY_MS, Math.min(250, requested / 10)),
        auth: this.settings.auth,
        tls: this.settings.tls,
        onState: (state) => this.onWireState(s, state),
        onAlive: (sentAt) => s.heardBack(sentAt),
        // The wait for a ping round between follower and leader (tickTime/2, at most T/4 since
        // T >= 2 ticks): the margin, up to T/4 (docs/connection.md).
        onAnswer: (sentAt, answeredAt, viaLeader) =>
          s.answered(sentAt, answeredAt, viaLeader, Math.min(this.margin(s), s.negotiatedTimeout / 4)),
        onError: (e) => {
          this.lastWireError = e;
          this.logger.warn(`[zk-recipes] ${e.message}`);
        },
      }),
      requested,
      this.logger,
    );
    this._session = s;
    if (this._state === 'idle') this.setState('connecting');
    s.wire.connect();
    this.watchdog.schedule();
  }

  private onWireState(s: Session, state: WireState): void {
    if (s !== this._session || s.ended) return; // a replaced wire client's late news
    if (this._state === 'closed') {
      // close() is finishing this session: no events any more, only what close() waits for.
      if (state === 'expired') s.end(new SessionExpiredError('the session expired while closing'));
      this.closingWake?.();
      return;
    }
    switch (state) {
      case 'connected':
        this.connected(s);
        return;
      case 'disconnected':
        s.dialStartedAt = monotonicNow();
        s.connectionEnded();
        if (this._state === 'connected') this.suspend('connection dropped');
        return;
      case 'expired':
        this.sessionLost(s, 'the server reported the session expired');
        return;
      case 'authFailed': {
        const schemes = [...new Set(this.settings.auth.map((a) => a.scheme))].join(', ');
        this.closeReason = new AuthFailedError(
          `authentication failed: the server rejected the credentials (scheme ${schemes}); an unknown scheme is rejected too`,
        );
        for (const w of [...this.connectWaiters]) w.reject(this.closeReason);
        this.logger.error(`[zk-recipes] ${this.closeReason.message}; closing the client`);
        void this.close();
        return;
      }
      default:
        return;
    }
  }

  private connected(s: Session): void {
    this.connects += 1;
    this.lastWireError = undefined;
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
      this.emit('connected', id, previous);
    }
    this.watchdog.schedule();
    if (this.settings.auth.length === 0) {
      for (const w of [...this.connectWaiters]) w.resolve();
      return;
    }
    // The server checks credentials after the handshake and, if it rejects them, says so and
    // drops the connection: connect() resolves once a request made it through.
    s.send<Stat | null>('exists', '/', (w, cb) => w.exists('/', undefined, cb), {
      timeout: this.requestTimeout,
    }).then(
      () => {
        if (s === this._session && !s.ended) for (const w of [...this.connectWaiters]) w.resolve();
      },
      () => {}, // authFailed rejects the waiters; a connection loss waits for the next connect
    );
  }

  suspend(reason: string): void {
    this.logger.warn(`[zk-recipes] suspended: ${reason}`);
    this.setState('suspended');
    this.emit('suspended');
    this.watchdog.schedule(); // the loss at the safe deadline, unless the wire comes back first
  }

  /** The session is over (or must be presumed over): tell everyone, then open a new one. */
  sessionLost(s: Session, reason: string): void {
    // Once: a hold's signal read while the holds are being told looks at the deadline again.
    if (s.ended || s.ending.signal.aborted) return;
    const id = s.id ?? '0';
    const err = new SessionExpiredError(`session 0x${id} ended: ${reason}`);
    s.ending.abort(err); // holds first: nothing else may act on the session's end before them
    this.logger.warn(`[zk-recipes] session 0x${id} lost: ${reason}`);
    this.setState('lost');
    this.emit('lost', id);
    s.end(err);
    s.wire.dispose();
    if (this._state !== 'closed') this.startSession();
  }
}

function runTask(task: () => Promise<unknown>): Promise<unknown> {
  try {
    return task().catch(() => {});
  } catch {
    return Promise.resolve();
  }
}

function abortedController(): AbortController {
  const c = new AbortController();
  c.abort(new ConnectionLossError('not connected to ZooKeeper'));
  return c;
}
