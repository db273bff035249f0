/**
 * A granted lock: our node at the head of the queue, watched until it is released or lost.
 *
 * Loss is detected from every direction and always reaches `signal` first:
 * - the client reports the session lost/expired/replaced/closed (before ZooKeeper can grant
 *   our lock to anyone else: the client's deadline has a safety margin);
 * - our node is deleted by someone else (a forced acquire), seen through its watch (when the
 *   lock asked for one: `watchNode`);
 * - after a reconnect our node is no longer ours (verified);
 * - the lease (when one was asked for) ran out without renew().
 */
import { monotonicNow } from '../../client/clock.js';
import { after, checkedOnRead } from '../../client/timers.js';
import { ClientClosedError, LeaseExpiredError, LockLostError, NoNodeError } from '../../errors.js';
/** Curator's Revoker writes this into the holder's node. */
export const REVOKE_MESSAGE = '__REVOKE__';
/**
 * One listener per client, not two per hold, for the connection's news a hold needs besides its
 * session's end: a suspension (told to the lock's owner) and a reconnection (the hold checks its
 * node is still ours).
 */
class ConnectionNews {
    static byClient = new WeakMap();
    holds = new Set();
    static of(client) {
        let news = ConnectionNews.byClient.get(client);
        if (!news) {
            const made = new ConnectionNews();
            client.on('suspended', () => {
                for (const h of [...made.holds])
                    h.suspended();
            });
            client.on('reconnected', () => {
                for (const h of [...made.holds])
                    void h.verify();
            });
            ConnectionNews.byClient.set(client, made);
            news = made;
        }
        return news;
    }
}
export class Hold {
    count = 1;
    fencingToken;
    acquiredAt = monotonicNow();
    controller = new AbortController();
    leaseMs;
    leaseDeadline = Number.POSITIVE_INFINITY;
    leaseTimer;
    unsubscribe = [];
    endListeners = [];
    ended = false;
    watchingNode = false;
    node;
    client;
    queue;
    logger;
    callbacks;
    constructor({ node, client, queue, logger, on, lease, watchNode }) {
        this.node = node;
        this.fencingToken = node.czxid;
        this.client = client;
        this.queue = queue;
        this.logger = logger;
        this.callbacks = on;
        if (lease !== undefined)
            this.renew(lease);
        checkedOnRead(this.controller.signal, () => this.checkDeadline());
        this.watch();
        if (watchNode)
            this.watchNode();
    }
    get signal() {
        return this.controller.signal;
    }
    /**
     * The deadline by the clock. A process that was stopped or whose event loop was blocked runs
     * the timers that came due meanwhile before any timer or socket of ours: a look at `signal`
     * from one of them must already see the hold gone (churn scenario 9's finding).
     * @internal
     */
    checkDeadline() {
        if (this.ended)
            return;
        const now = monotonicNow();
        if (now >= this.leaseDeadline)
            this.leaseExpired();
        else if (now >= this.client.validUntil)
            this.client.enforceDeadline();
    }
    get active() {
        return !this.ended;
    }
    get path() {
        return this.node.path;
    }
    /** Monotonic ms until which the hold is certain: the session's safe deadline, capped by the lease. */
    get validUntil() {
        if (this.ended)
            return 0;
        return Math.min(this.client.validUntil, this.leaseDeadline);
    }
    /** Extends the lease to `ms` from now (default: the lease asked for at acquire). */
    renew(ms) {
        const lease = ms ?? this.leaseMs;
        if (lease === undefined)
            return;
        this.leaseMs = lease;
        this.leaseDeadline = monotonicNow() + lease;
        this.leaseTimer?.clear();
        this.leaseTimer = after(lease, () => this.leaseExpired());
    }
    leaseExpired() {
        const lease = this.leaseMs;
        this.logger.warn(`[zk-recipes] lease of ${this.node.path} expired after ${lease} ms; releasing`);
        this.lose(new LeaseExpiredError(`the lease of ${lease} ms on ${this.node.path} expired without renew()`));
        void this.queue.remove(this.node).catch(() => { });
    }
    sessionLost(why = 'the ZooKeeper session was lost') {
        this.lose(new LockLostError(`lock ${this.node.path} lost: ${why}`));
    }
    watch() {
        // The session's end (lost, expired, closed) comes through its one signal, aborted before
        // anything else acts on it.
        const ending = this.client.sessionSignal;
        if (!ending || ending.aborted || this.client.sessionOwner !== this.node.sessionOwner) {
            this.sessionLost(ending?.reason instanceof ClientClosedError ? 'the client was closed' : undefined);
            return;
        }
        const onEnd = () => this.sessionLost(ending.reason instanceof ClientClosedError ? 'the client was closed' : undefined);
        ending.addEventListener('abort', onEnd, { once: true });
        const connection = ConnectionNews.of(this.client);
        connection.holds.add(this);
        this.unsubscribe.push(() => {
            ending.removeEventListener('abort', onEnd);
            connection.holds.delete(this);
        });
    }
    /**
     * Watches our node from now on (once): its deletion by someone else is a loss, a
     * `__REVOKE__` written into it (Curator's Revoker) a revocation request.
     */
    watchNode() {
        if (this.ended || this.watchingNode)
            return;
        this.watchingNode = true;
        this.readNode();
    }
    /** Reads our node with a watch: each answer checks it is still ours and whether a revocation was asked for. */
    readNode() {
        const path = this.node.path;
        const onEvent = (e) => {
            if (this.ended)
                return;
            if (e.type === 'nodeDeleted')
                this.lose(new LockLostError(`lock node ${path} was deleted by someone else`));
            else if (e.type === 'sessionEnded')
                this.sessionLost();
            else
                this.readNode(); // its data changed: read it, and watch again
        };
        this.client.getData(path, { watch: onEvent }).then(({ data, stat }) => {
            if (this.ended)
                return;
            if (stat.ephemeralOwner !== this.node.sessionOwner) {
                this.lose(new LockLostError(`lock node ${path} is no longer ours`));
            }
            else if (data.toString('utf8') === REVOKE_MESSAGE) {
                this.callbacks.revocationRequested(this);
            }
        }, (e) => {
            if (e instanceof NoNodeError)
                this.lose(new LockLostError(`lock node ${path} was deleted by someone else`));
            // other failures: the session's end is reported by the client events
        });
    }
    /** @internal The client is suspended: the hold is uncertain until it reconnects. */
    suspended() {
        this.callbacks.suspended(this);
    }
    /** @internal After a reconnect: is our node still there and still ours? */
    async verify() {
        try {
            const stat = await this.client.exists(this.node.path);
            if (!stat || stat.ephemeralOwner !== this.node.sessionOwner) {
                this.lose(new LockLostError(`lock node ${this.node.path} is no longer ours after reconnecting`));
            }
        }
        catch (e) {
            this.logger.debug(`[zk-recipes] could not verify ${this.node.path} after reconnect`, e);
        }
    }
    /** The lock is lost: abort the signal first, then tell the owner. */
    lose(reason) {
        if (this.ended)
            return;
        this.stop();
        this.queue.forget(this.node);
        this.logger.warn(`[zk-recipes] ${reason.message}`);
        this.controller.abort(reason);
        this.callbacks.lost(this, reason);
    }
    /**
     * Releases for good: stops watching and deletes the node (and the directory when empty),
     * or leaves the node to `removeNode` (a downgrade keeps it until the read hold ends).
     */
    async release(removeNode = (h) => h.removeNode()) {
        if (this.ended)
            return;
        this.stop();
        await removeNode(this);
    }
    removeNode() {
        return this.queue.remove(this.node);
    }
    /** Runs `fn` once when this hold ends (released or lost). */
    onEnd(fn) {
        if (this.ended)
            fn();
        else
            this.endListeners.push(fn);
    }
    stop() {
        this.ended = true;
        this.count = 0;
        this.leaseTimer?.clear();
        for (const u of this.unsubscribe.splice(0))
            u();
        for (const fn of this.endListeners.splice(0))
            fn();
    }
}
//# sourceMappingURL=hold.js.map