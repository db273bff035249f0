/**
 * ZkLeaderElection: leader election on ZooKeeper, node-compatible with Curator's LeaderLatch.
 *
 *   const election = new ZkLeaderElection(client, 'scheduler', { participantId: 'host-a' });
 *   election.start();                                   // latch style
 *   if (await election.whenLeader({ timeout: 10_000 })) work(election.fencingToken, election.signal);
 *   await election.close();
 *
 *   await election.run(async (signal) => schedule(signal), { requeue: true }); // selector style
 *
 * Participants are EPHEMERAL_SEQUENTIAL children of `<root>/<name>` (`_c_<uuid>-latch-<seq>`,
 * data = the participant id); the lowest leads and each watches the one ahead. The queue
 * (recipes/queue) runs the algorithm, as for the locks; a term is a Hold on the head of the
 * queue. See docs/leader.md.
 */
import { EventEmitter } from 'node:events';
import { parseConnectString } from '../../client/connect-string.js';
import { leaderEvent } from '../../client/diagnostics.js';
import { describe, joinPath } from '../../client/paths.js';
import { at, deadlineAfter } from '../../client/timers.js';
import { ClientClosedError, ElectionUsageError } from '../../errors.js';
import { validateLockName } from '../locks/lock-options.js';
import { ContenderQueue } from '../queue/contender-queue.js';
import { checkBoolean, checkParticipantId, checkRoot, checkRunOptions, checkWhenLeaderOptions, } from './election-options.js';
import { LATCH } from './kind.js';
import { Term } from './term.js';
const NOT_LEADER = AbortSignal.abort(new ElectionUsageError('not the leader'));
const NOTHING = new Set();
/**
 * One participant of a leader election. Latch style: `start()`, `isLeader`, `whenLeader()`,
 * the `leader`/`notLeader` events, `close()`. Selector style: `run(fn, { requeue })`.
 * See docs/leader.md.
 */
export class ZkLeaderElection extends EventEmitter {
    /** The election's name: one path segment under the root. */
    name;
    /** The election's directory: `<root>/<name>`. */
    path;
    /** What our node holds, and what `leader()` and `participants()` show for us. */
    participantId;
    client;
    queue;
    logger;
    /** How we take part, while we do: through start(), or through a run(). */
    style;
    /** Aborted to leave the election (close(), or run()'s end). */
    leaving;
    /** The latch's loop, or run()'s current wait for a term: what close() waits for. */
    participation;
    term;
    failure;
    closing;
    /** whenLeader() calls waiting: told when the election stops (closed or failed). */
    waiters = new Set();
    /**
     * @param client the session our participant node belongs to
     * @param name the election's name: one path segment under `root`
     * @param options root, participantId, logger, cleanupParent
     */
    constructor(client, name, options = {}) {
        super();
        if (!client || typeof client.create !== 'function') {
            throw new TypeError(`client must be a ZkClient, got ${describe(client)}`);
        }
        if (options === null || typeof options !== 'object') {
            throw new TypeError(`options must be an object, got ${describe(options)}`);
        }
        validateLockName(name, 'election name');
        this.path = joinPath(checkRoot(options.root), name);
        if (!parseConnectString(client.connectString).chroot && /^\/zookeeper(\/|$)/.test(this.path)) {
            throw new TypeError(`election path ${this.path} is inside /zookeeper, ZooKeeper's own system node: choose another root or name`);
        }
        this.name = name;
        this.participantId = checkParticipantId(options.participantId);
        const cleanupParent = checkBoolean('cleanupParent', options.cleanupParent) ?? true;
        this.client = client;
        this.logger = options.logger ?? client.logger;
        this.queue = new ContenderQueue({
            client,
            dir: this.path,
            data: Buffer.from(this.participantId, 'utf8'),
            logger: this.logger,
            cleanupDelay: cleanupParent ? 1000 : undefined,
        });
    }
    // ── Latch style ────────────────────────────────────────────────────────────
    /** Joins the election (in the background) and stays in it, across sessions, until close(). */
    start() {
        this.checkIdle('start()');
        this.style = 'latch';
        this.failure = undefined;
        const leaving = new AbortController();
        this.leaving = leaving;
        this.participation = (async () => {
            try {
                // A lost term (the session ended, our node was deleted) joins again at the back.
                while (!leaving.signal.aborted)
                    await (await this.elect(leaving.signal)).ended;
            }
            catch (e) {
                if (!leaving.signal.aborted)
                    this.fail(e);
            }
        })();
    }
    /** True while we lead (the term's signal has not aborted). */
    get isLeader() {
        return this.term?.active ?? false;
    }
    /** The current term's fencing token (our node's czxid), strictly greater every term; undefined when not leader. */
    get fencingToken() {
        return this.term?.active ? this.term.fencingToken : undefined;
    }
    /** Aborts when the current term ends: lost (before anyone else can be elected), or given up. Aborted when not leader. */
    get signal() {
        return this.term?.signal ?? NOT_LEADER;
    }
    /** Our node's path while we lead. */
    get nodePath() {
        return this.term?.active ? this.term.node : undefined;
    }
    /** Monotonic ms (see monotonicNow) until which our leadership is certain; 0 when not leader. */
    get validUntil() {
        return this.term?.validUntil ?? 0;
    }
    /**
     * Resolves true once we lead (at once if we do), false when `timeout` passed first; rejects
     * with the signal's reason when it aborts, and when the election stops (closed, or failed).
     */
    async whenLeader(options) {
        const { timeout, signal } = checkWhenLeaderOptions(options);
        signal?.throwIfAborted();
        if (this.isLeader)
            return true;
        if (this.closing)
            throw this.closedError('whenLeader()');
        if (this.failure)
            throw this.failure;
        if (!this.style)
            throw new ElectionUsageError(`whenLeader() on ${this.path} before start() or run()`);
        return new Promise((resolve, reject) => {
            const finish = (settle) => {
                timer.clear();
                signal?.removeEventListener('abort', onAbort);
                this.off('leader', onLeader);
                this.waiters.delete(onStop);
                settle();
            };
            const onLeader = () => finish(() => resolve(true));
            const onAbort = () => finish(() => reject(signal.reason));
            const onStop = (e) => finish(() => reject(e));
            const timer = at(deadlineAfter(timeout), () => finish(() => resolve(false)));
            this.on('leader', onLeader);
            this.waiters.add(onStop);
            signal?.addEventListener('abort', onAbort, { once: true });
        });
    }
    async run(fn, options) {
        if (typeof fn !== 'function')
            throw new TypeError(`fn must be a function, got ${describe(fn)}`);
        const { requeue, signal } = checkRunOptions(options);
        signal?.throwIfAborted();
        this.checkIdle('run()');
        this.style = 'run';
        const leaving = new AbortController();
        this.leaving = leaving;
        const stop = signal ? AbortSignal.any([leaving.signal, signal]) : leaving.signal;
        // The caller's signal ends a term in progress too.
        const onStop = () => void this.term?.resign('run() was stopped by its signal');
        signal?.addEventListener('abort', onStop, { once: true });
        try {
            for (;;) {
                let term;
                try {
                    const electing = this.elect(stop);
                    this.participation = electing;
                    term = await electing;
                }
                catch (e) {
                    if (requeue && leaving.signal.aborted && !signal?.aborted)
                        return undefined; // closed
                    throw e;
                }
                let result;
                try {
                    result = await fn(term.signal);
                }
                catch (e) {
                    if (!requeue)
                        throw e;
                    this.report(e, 'run() function failed; queueing again');
                }
                finally {
                    await term.resign('the function returned');
                }
                if (!requeue)
                    return result;
                if (signal?.aborted)
                    throw signal.reason;
                if (leaving.signal.aborted)
                    return undefined;
            }
        }
        finally {
            signal?.removeEventListener('abort', onStop);
            if (this.leaving === leaving) {
                leaving.abort();
                this.style = undefined;
                this.leaving = undefined;
                this.participation = undefined;
            }
        }
    }
    // ── Who leads ──────────────────────────────────────────────────────────────
    /** The current leader's participant id; undefined when nobody takes part. */
    async leader() {
        return (await this.participants())[0];
    }
    /** Every participant's id, in election order: the leader first. */
    async participants() {
        return (await this.queue.contenders()).map((c) => c.identifier);
    }
    /** Full paths of the participants' nodes, the leader's first. */
    async participantNodes() {
        return (await this.queue.contenders()).map((c) => c.path);
    }
    // ── Leaving ────────────────────────────────────────────────────────────────
    /**
     * Leaves the election: a term in progress ends (its signal aborts first, then our node is
     * deleted, handing leadership on), a wait for one gives up. A run() waiting for leadership
     * rejects (resolves, with requeue); one whose function runs resolves when it returns.
     */
    close() {
        this.closing ??= this.shutdown();
        return this.closing;
    }
    async shutdown() {
        const stopped = this.closedError('the election');
        this.leaving?.abort(stopped);
        await this.term?.resign('close() was called');
        await this.participation?.catch(() => { });
        for (const tell of [...this.waiters])
            tell(stopped);
        if (this.style === 'latch')
            this.style = undefined;
    }
    // ── Internals ──────────────────────────────────────────────────────────────
    /** Queues (again after a lost session, in the queue) until a term begins; rejects when `stop` aborts. */
    async elect(stop) {
        for (;;) {
            if (this.client.state === 'closed')
                throw new ClientClosedError(`cannot join ${this.path}: the client is closed`);
            const node = await this.queue.acquire(LATCH, {
                timeout: undefined,
                signal: stop,
                force: false,
                ignore: () => NOTHING,
                grantAtOnce: () => false,
            });
            if (!node)
                continue; // (only with a timeout, which we do not give)
            if (stop.aborted) {
                // Elected as we were told to leave: do not begin a term.
                await this.queue.remove(node);
                throw stop.reason;
            }
            const term = Term.begin({
                node,
                client: this.client,
                queue: this.queue,
                logger: this.logger,
                election: this.path,
                ended: (t, how, reason) => this.termEnded(t, how, reason),
            });
            if (!term)
                continue; // its session ended as it began: queue again on the next one
            this.term = term;
            this.logger.debug(`[zk-recipes] ${this.participantId} leads ${this.path} (fencing token ${term.fencingToken})`);
            publish('elected', this, term);
            this.emit('leader', { node: term.node, fencingToken: term.fencingToken });
            return term;
        }
    }
    termEnded(term, how, reason) {
        if (this.term === term)
            this.term = undefined;
        publish(how, this, term, how === 'lost' ? reason : undefined);
        this.emit('notLeader', { node: term.node, reason });
    }
    /** Participation stopped on an error that is not about the session: tell the waiters and the listeners. */
    fail(e) {
        this.failure = e;
        for (const tell of [...this.waiters])
            tell(e);
        // A client closed under us is a shutdown, not a fault: no error in the log for it.
        if (e instanceof ClientClosedError && this.listenerCount('error') === 0) {
            this.logger.debug(`[zk-recipes] left ${this.path}: ${e.message}`);
            return;
        }
        this.report(e, `left ${this.path}`);
    }
    report(e, what) {
        if (this.listenerCount('error') > 0)
            this.emit('error', e);
        else
            this.logger.error(`[zk-recipes] ${what}: ${e?.message ?? e}`, e);
    }
    checkIdle(call) {
        if (this.closing)
            throw this.closedError(call);
        if (this.style === 'latch')
            throw new ElectionUsageError(`${call} on ${this.path}: already started`);
        if (this.style === 'run')
            throw new ElectionUsageError(`${call} on ${this.path}: a run() is in progress`);
    }
    closedError(what) {
        return new ElectionUsageError(`${what}: the election ${this.path} was closed`);
    }
}
/** Tells diagnostics_channel observers (see diagnostics.ts); free when nobody listens. */
function publish(event, election, term, reason) {
    if (!leaderEvent.hasSubscribers)
        return;
    leaderEvent.publish({
        event,
        election: election.path,
        node: term.node,
        participantId: election.participantId,
        fencingToken: term.fencingToken,
        ...(reason ? { reason } : {}),
    });
}
//# sourceMappingURL=zk-leader-election.js.map