/**
 * One ZooKeeper session as this client keeps it: its wire client, the requests out on it, its
 * watches, what liveness needs to know (when the server last answered), and its end, as one
 * AbortSignal that everything depending on the session listens to.
 */
import { setMaxListeners } from 'node:events';
import { NoNodeError, NotEmptyError, OperationTimeoutError } from '../errors.js';
import { monotonicNow } from './clock.js';
import { requestEnd, requestStart } from './diagnostics.js';
import { after } from './timers.js';
import { SessionWatches } from './watches.js';
export class Session {
    wire;
    pending = new Set();
    watches;
    /** Callers' persistent watches (addWatch): each hears `sessionEnded` when the session ends. */
    persistent = new Set();
    /** Aborted when the session ends or close() begins: everything that depends on it listens here. */
    ending = new AbortController();
    id;
    negotiatedTimeout;
    /** Send time of the latest request the server answered (the handshake counts). */
    lastAnsweredSentAt = Number.NEGATIVE_INFINITY;
    /** When the current connection attempt began: a handshake answered later was sent after this. */
    dialStartedAt;
    lastKickAt;
    heartbeatInFlight = false;
    ended = false;
    constructor(wire, requestedTimeout, logger) {
        this.wire = wire;
        this.watches = new SessionWatches((e) => logger.error('[zk-recipes] a watcher threw', e));
        // Every hold of the session listens for its end: thousands of listeners are normal here.
        setMaxListeners(0, this.ending.signal);
        this.negotiatedTimeout = requestedTimeout;
        this.dialStartedAt = monotonicNow();
        this.lastKickAt = this.dialStartedAt;
    }
    /** The server answered something sent at `sentAt`: the session was alive then. */
    heardBack(sentAt) {
        if (sentAt > this.lastAnsweredSentAt)
            this.lastAnsweredSentAt = sentAt;
    }
    /** The session id as ZooKeeper's signed 64-bit value (a node's `ephemeralOwner`). */
    get owner() {
        return this.id === undefined ? undefined : BigInt.asIntN(64, BigInt(`0x${this.id}`));
    }
    /** The session is over: every request out fails with `err`, every watch hears `sessionEnded`. */
    end(err) {
        this.ended = true;
        this.ending.abort(err);
        for (const p of [...this.pending])
            p.fail(err);
        this.watches.endAll();
        for (const p of [...this.persistent])
            p.end();
    }
    /**
     * Sends one request; it settles within `timeout` whatever the network does, or at once when
     * `signal` aborts. `onAnswer` runs inside the wire's callback, before any later reply or
     * notification is handled.
     */
    send(op, path, issue, { timeout, signal }, onAnswer, watch = false) {
        if (signal?.aborted)
            return Promise.reject(signal.reason);
        // Observers (diagnostics.ts) see every request; the message is only built when one listens.
        const observed = requestStart.hasSubscribers || requestEnd.hasSubscribers
            ? { op, path, watch, sessionId: this.id ?? '0' }
            : undefined;
        if (observed)
            requestStart.publish(observed);
        return new Promise((resolve, reject) => {
            const sentAt = monotonicNow();
            let settled = false;
            const settle = (error) => {
                settled = true;
                timer.clear();
                signal?.removeEventListener('abort', onAbort);
                this.pending.delete(entry);
                // The start's message itself, completed: an observer pairs them by identity (a WeakMap).
                if (observed)
                    requestEnd.publish(Object.assign(observed, { durationMs: monotonicNow() - sentAt, error }));
            };
            const entry = {
                fail: (err) => {
                    if (settled)
                        return;
                    settle(err);
                    reject(err);
                },
            };
            const onAbort = () => entry.fail(signal.reason);
            const timer = after(timeout, () => entry.fail(new OperationTimeoutError(`no answer within ${Math.round(timeout)} ms`, { path })));
            signal?.addEventListener('abort', onAbort, { once: true });
            this.pending.add(entry);
            issue(this.wire, (r) => {
                if (settled)
                    return;
                if (r.ok || r.answered)
                    this.heardBack(sentAt);
                if (!r.ok)
                    return entry.fail(r.error);
                settle();
                onAnswer?.(r.value);
                resolve(r.value);
            });
        });
    }
    /** Deletes `path` when it has no children; false when it is not empty or already gone. */
    /** The children of `path`; none when it is gone. */
    async childrenOf(path, call) {
        try {
            const r = await this.send('getChildren', path, (w, cb) => w.getChildren(path, undefined, cb), call);
            return r.children;
        }
        catch (e) {
            if (e instanceof NoNodeError)
                return [];
            throw e;
        }
    }
    async deleteIfEmpty(path, call) {
        try {
            await this.send('delete', path, (w, cb) => w.remove(path, -1, cb), call);
            return true;
        }
        catch (e) {
            if (e instanceof NoNodeError || e instanceof NotEmptyError)
                return false;
            throw e;
        }
    }
    /**
     * One read, with `watch` (if any) set by it: the watch is added when the read is answered and
     * removed when `call.signal` aborts (see watches.ts).
     */
    read(kind, path, watch, call, issue) {
        const op = READ_OPS[kind];
        if (!watch)
            return this.send(op, path, (w, cb) => issue(w, undefined, cb), call);
        const pw = this.watches.pathWatch(kind, path);
        const signal = call.signal;
        const added = () => {
            if (!signal)
                return void this.watches.add(pw, watch);
            const onAbort = () => remove();
            const remove = this.watches.add(pw, (e) => {
                signal.removeEventListener('abort', onAbort);
                watch(e);
            });
            signal.addEventListener('abort', onAbort, { once: true });
        };
        return this.send(op, path, (w, cb) => issue(w, pw.wire, cb), call, added, true);
    }
}
const READ_OPS = { exists: 'exists', data: 'getData', child: 'getChildren' };
/** `call` with its timeout bounded by `requestTimeout` (the default when it has none). */
export function bounded(call, requestTimeout) {
    const timeout = Math.min(call.timeout ?? requestTimeout, requestTimeout);
    return call.signal ? { timeout, signal: call.signal } : { timeout };
}
//# sourceMappingURL=session.js.map