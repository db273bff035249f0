/**
 * The session state machine behind ZkClient: one trustworthy session at a time, its states and
 * events, connect() and close(). Liveness is the watchdog's (liveness.ts); requests are the
 * session's (session.ts); the API is ZkClient's.
 *
 *   idle ──connect()──▶ connecting ──▶ connected ◀──reconnected── suspended
 *                                         │  no answer for 2/3 T      │ validUntil passed,
 *                                         └──────────────▶────────────┘ or server says expired
 *                                                                     ▼
 *                                         connected ◀── new session ── lost
 *   close() from any state ─▶ closed
 */
import { setMaxListeners } from 'node:events';
import { AuthFailedError, ClientClosedError, ConnectionLossError, ConnectTimeoutError, OperationTimeoutError, SessionExpiredError, } from '../errors.js';
import { monotonicNow } from './clock.js';
import { stateChange } from './diagnostics.js';
import { MIN_RETRY_MS, Watchdog } from './liveness.js';
import { ProtocolWire } from './protocol/connection.js';
import { retrying } from './retry.js';
import { Session } from './session.js';
import { after, at, msUntil, settledBy } from './timers.js';
import { WireSession } from './wire.js';
const WIRES = {
    'node-zookeeper-client': (connectString, opts) => new WireSession(connectString, opts),
    'built-in': (connectString, opts) => new ProtocolWire(connectString, opts),
};
export class SessionKeeper {
    client;
    connectString;
    settings;
    emit;
    _state = 'idle';
    _session;
    watchdog;
    connectWaiters = new Set();
    closingTasks = new Set();
    closing;
    /** While close() waits for a suspended session's connection: called on the wire's news. */
    closingWake;
    lastSessionId;
    /** The wire's last complaint since the last connect (a failed TLS handshake), for ConnectTimeoutError. */
    lastWireError;
    /** Why the client closed by itself (rejected credentials), for the errors of later calls. */
    closeReason;
    connection = abortedController();
    connects = 0;
    constructor(
    /** The ZkClient this keeper works for (named in diagnostics messages). */
    client, connectString, settings, emit) {
        this.client = client;
        this.connectString = connectString;
        this.settings = settings;
        this.emit = emit;
        this.watchdog = new Watchdog(this);
    }
    get state() {
        return this._state;
    }
    get session() {
        return this._session;
    }
    get logger() {
        return this.settings.logger;
    }
    /** Monotonic ms until which the current session certainly lives; 0 without a live session. */
    get validUntil() {
        const s = this._session;
        if (!s || s.ended || s.id === undefined || (this._state !== 'connected' && this._state !== 'suspended'))
            return 0;
        const margin = this.settings.safetyMargin ?? Math.min(1000, s.negotiatedTimeout * 0.1);
        return s.lastAnsweredSentAt + s.negotiatedTimeout - margin;
    }
    get requestTimeout() {
        return this.settings.requestTimeout ?? this._session?.negotiatedTimeout ?? this.settings.sessionTimeout;
    }
    /** Aborted when the current connection stops being usable (suspended, lost, closed). */
    get connectionSignal() {
        return this.connection.signal;
    }
    /** The session requests go to; throws at once when there is none or the client is closed. */
    liveSession() {
        if (this._state === 'closed')
            throw this.closedError('the client is closed');
        const s = this._session;
        if (!s)
            throw new ClientClosedError('the client is not connected: call connect() first');
        return s;
    }
    /** A ClientClosedError that says why the client closed, when it closed by itself. */
    closedError(message) {
        if (!this.closeReason)
            return new ClientClosedError(message);
        return new ClientClosedError(`${message}: ${this.closeReason.message}`, { cause: this.closeReason });
    }
    async connect(timeout, signal) {
        if (this._state === 'closed')
            throw this.closedError('the client is closed');
        signal?.throwIfAborted();
        if (this._state === 'connected')
            return;
        if (!this._session)
            this.startSession();
        const firstConnect = this._state === 'connecting';
        await new Promise((resolve, reject) => {
            let timer;
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
                reject: (e) => {
                    cleanup();
                    reject(e);
                },
            };
            const giveUp = (err) => {
                waiter.reject(err);
                // Nobody else waits for a first session that never came: stop dialling.
                if (firstConnect && this._state === 'connecting' && this.connectWaiters.size === 0)
                    this.resetToIdle();
            };
            const onAbort = () => giveUp(signal.reason);
            timer = after(timeout, () => {
                const last = this.lastWireError;
                const why = last ? `; last error: ${last.message}` : ' (is a server running there?)';
                giveUp(new ConnectTimeoutError(`no ZooKeeper session at ${this.connectString} within ${timeout} ms${why}`, last ? { cause: last } : undefined));
            });
            this.connectWaiters.add(waiter);
            signal?.addEventListener('abort', onAbort, { once: true });
        });
    }
    /**
     * Ends the session (our ephemeral nodes go at once) and stops everything; see ZkClient.close.
     */
    close() {
        if (this.closing)
            return this.closing;
        const s = this._session;
        const live = s !== undefined &&
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
            ? [...this.closingTasks].map((t) => runTask(() => t(this.lastRequests(s, deadline))))
            : [];
        for (const w of [...this.connectWaiters])
            w.reject(err);
        this.closing = (async () => {
            if (s) {
                if (last.length > 0)
                    await settledBy(Promise.allSettled(last), deadline);
                if (live)
                    await this.reconnectedWithin(s, deadline);
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
    /** Requests on `s` while it closes: a connection loss is retried (sent once reconnected) until `deadline`. */
    lastRequests(s, deadline) {
        const last = (what, path, request) => retrying(() => {
            if (s.ended || msUntil(deadline) <= 0)
                throw new OperationTimeoutError(`close() gave up ${what} ${path}`, { path });
            return request(msUntil(deadline));
        }, {
            // Queued by the wire client until it reconnects; the pause only guards against a
            // wire client that fails requests at once (closed) turning this into a busy loop.
            policy: { retries: Number.POSITIVE_INFINITY, minTimeout: 20, maxTimeout: 20, factor: 1 },
            deadline,
            again: (e) => e instanceof ConnectionLossError,
        });
        return {
            deleteIfEmpty: (path) => last('deleting', path, (timeout) => s.deleteIfEmpty(path, { timeout })),
            getChildren: (path) => last('reading', path, (timeout) => s.childrenOf(path, { timeout })),
        };
    }
    /** Resolves once `s` is connected or over, or at `deadline`: closeSession needs a connection. */
    async reconnectedWithin(s, deadline) {
        while (!s.ended && !s.wire.connected && monotonicNow() < deadline) {
            await new Promise((resolve) => {
                const timer = at(deadline, resolve);
                this.closingWake = () => {
                    timer.clear();
                    resolve();
                };
            });
            this.closingWake = undefined;
        }
    }
    setState(next) {
        const prev = this._state;
        if (prev === next || prev === 'closed')
            return;
        this._state = next;
        if (next === 'connected') {
            this.connection = new AbortController();
            setMaxListeners(0, this.connection.signal); // one per request in flight that uses it
        }
        else if (prev === 'connected') {
            this.connection.abort(new ConnectionLossError(`the connection to ZooKeeper is ${next}`));
        }
        this.logger.debug(`[zk-recipes] client ${prev} -> ${next}`);
        if (stateChange.hasSubscribers)
            stateChange.publish({ client: this.client, state: next, previous: prev, sessionId: this._session?.id });
        this.emit('state', next, prev);
    }
    resetToIdle() {
        const s = this._session;
        if (s) {
            s.end(new ConnectTimeoutError('connect gave up'));
            s.wire.dispose();
        }
        this._session = undefined;
        this.watchdog.stop();
        this.setState('idle');
    }
    startSession() {
        this.lastWireError = undefined;
        const requested = this.settings.sessionTimeout;
        const s = new Session(WIRES[this.settings.wire](this.connectString, {
            sessionTimeout: requested,
            // Wait after a full round of failed servers; short so a restarted server is found quickly.
            spinDelay: Math.max(MIN_RETRY_MS, Math.min(250, requested / 10)),
            auth: this.settings.auth,
            tls: this.settings.tls,
            onState: (state) => this.onWireState(s, state),
            onAlive: (sentAt) => s.heardBack(sentAt),
            onError: (e) => {
                this.lastWireError = e;
                this.logger.warn(`[zk-recipes] ${e.message}`);
            },
        }), requested, this.logger);
        this._session = s;
        if (this._state === 'idle')
            this.setState('connecting');
        s.wire.connect();
        this.watchdog.schedule();
    }
    onWireState(s, state) {
        if (s !== this._session || s.ended)
            return; // a replaced wire client's late news
        if (this._state === 'closed') {
            // close() is finishing this session: no events any more, only what close() waits for.
            if (state === 'expired')
                s.end(new SessionExpiredError('the session expired while closing'));
            this.closingWake?.();
            return;
        }
        switch (state) {
            case 'connected':
                this.connected(s);
                return;
            case 'disconnected':
                s.dialStartedAt = monotonicNow();
                if (this._state === 'connected')
                    this.suspend('connection dropped');
                return;
            case 'expired':
                this.sessionLost(s, 'the server reported the session expired');
                return;
            case 'authFailed': {
                const schemes = [...new Set(this.settings.auth.map((a) => a.scheme))].join(', ');
                this.closeReason = new AuthFailedError(`authentication failed: the server rejected the credentials (scheme ${schemes}); an unknown scheme is rejected too`);
                for (const w of [...this.connectWaiters])
                    w.reject(this.closeReason);
                this.logger.error(`[zk-recipes] ${this.closeReason.message}; closing the client`);
                void this.close();
                return;
            }
            default:
                return;
        }
    }
    connected(s) {
        this.connects += 1;
        this.lastWireError = undefined;
        s.negotiatedTimeout = s.wire.negotiatedTimeout;
        s.lastAnsweredSentAt = Math.max(s.lastAnsweredSentAt, s.dialStartedAt);
        const id = s.wire.sessionId;
        if (s.id === id) {
            this.setState('connected');
            this.logger.info(`[zk-recipes] reconnected to session 0x${id}`);
            this.emit('reconnected', id);
        }
        else {
            const previous = this.lastSessionId;
            s.id = id;
            this.lastSessionId = id;
            this.setState('connected');
            this.logger.info(`[zk-recipes] session 0x${id} established (timeout ${s.negotiatedTimeout} ms)`);
            this.emit('connected', id, previous);
        }
        this.watchdog.schedule();
        if (this.settings.auth.length === 0) {
            for (const w of [...this.connectWaiters])
                w.resolve();
            return;
        }
        // The server checks credentials after the handshake and, if it rejects them, says so and
        // drops the connection: connect() resolves once a request made it through.
        s.send('exists', '/', (w, cb) => w.exists('/', undefined, cb), {
            timeout: this.requestTimeout,
        }).then(() => {
            if (s === this._session && !s.ended)
                for (const w of [...this.connectWaiters])
                    w.resolve();
        }, () => { });
    }
    suspend(reason) {
        this.logger.warn(`[zk-recipes] suspended: ${reason}`);
        this.setState('suspended');
        this.emit('suspended');
        this.watchdog.schedule(); // the loss at the safe deadline, unless the wire comes back first
    }
    /** The session is over (or must be presumed over): tell everyone, then open a new one. */
    sessionLost(s, reason) {
        // Once: a hold's signal read while the holds are being told looks at the deadline again.
        if (s.ended || s.ending.signal.aborted)
            return;
        const id = s.id ?? '0';
        const err = new SessionExpiredError(`session 0x${id} ended: ${reason}`);
        s.ending.abort(err); // holds first: nothing else may act on the session's end before them
        this.logger.warn(`[zk-recipes] session 0x${id} lost: ${reason}`);
        this.setState('lost');
        this.emit('lost', id);
        s.end(err);
        s.wire.dispose();
        if (this._state !== 'closed')
            this.startSession();
    }
}
function runTask(task) {
    try {
        return task().catch(() => { });
    }
    catch {
        return Promise.resolve();
    }
}
function abortedController() {
    const c = new AbortController();
    c.abort(new ConnectionLossError('not connected to ZooKeeper'));
    return c;
}
//# sourceMappingURL=session-keeper.js.map