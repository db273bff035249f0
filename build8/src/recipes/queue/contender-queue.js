/**
 * The one queue algorithm behind every kind of contender (Curator's LockInternals, in spirit):
 * create an EPHEMERAL_SEQUENTIAL node, read the queue, ask whether anything ahead blocks our
 * kind, otherwise watch the nearest blocker and look again when that node goes.
 *
 * Round trips are pipelined: the queue is read right behind our create, in one round trip; the
 * create's answer carries our node's czxid (the fencing token). An uncontended acquire+release
 * is three requests: create, getChildren, delete. A directory that may be missing is created in
 * front of our node instead, and the queue is read only if our node is not its first child.
 * Our node's create and delete are own-nodes.ts's; the directory's deferred removal is
 * directories.ts's.
 */
import { randomUUID } from 'node:crypto';
import { monotonicNow } from '../../client/clock.js';
import { lockEvent } from '../../client/diagnostics.js';
import { joinPath } from '../../client/paths.js';
import { at, deadlineAfter, msUntil, NO_LONGER_NEEDED } from '../../client/timers.js';
import { ChrootMissingError, isOutcomeUnknown, NoAuthError, NoNodeError, SessionExpiredError, } from '../../errors.js';
import { blockersAhead, decide, parseContender, sortContenders, } from './contenders.js';
import { QueueDirectories, REQUEST_GRACE_MS } from './directories.js';
import { OwnNode, OwnNodes, sessionWithin } from './own-nodes.js';
export { OwnNode };
export class ContenderQueue {
    dirs;
    nodes;
    client;
    dir;
    logger;
    cleanupDelay;
    constructor(config) {
        ({ client: this.client, dir: this.dir, logger: this.logger, cleanupDelay: this.cleanupDelay } = config);
        this.dirs = QueueDirectories.of(this.client);
        this.nodes = new OwnNodes(config, this.dirs);
    }
    /** Runs the recipe until we hold (our node), the timeout passes (null), or the signal aborts (throws). */
    async acquire(kind, opts) {
        const deadline = deadlineAfter(opts.timeout);
        // Every request of this acquire carries what is left of its one deadline (plus the grace a
        // try-lock needs to be answered at all), and its signal.
        const call = () => deadline === Number.POSITIVE_INFINITY
            ? { signal: opts.signal }
            : { timeout: msUntil(deadline) + REQUEST_GRACE_MS, signal: opts.signal };
        const uuid = randomUUID();
        const prefix = `_c_${uuid}${kind.marker}`;
        // A directory we remove when idle is likely missing unless we know better: create it in the
        // same round trip as our node. A kept directory is likely there: a NoNode creates it.
        let dirMayBeMissing = this.cleanupDelay !== undefined && !this.dirs.knownToExist(this.dir);
        this.dirs.enter(this.dir, this.cleanupDelay !== undefined);
        let node;
        let children;
        for (;;) {
            try {
                opts.signal?.throwIfAborted();
                if (!(await sessionWithin(this.client, deadline, opts.signal)))
                    return await this.giveUp(node);
                if (node && node.sessionOwner !== this.client.sessionOwner)
                    node = undefined; // gone with its session
                if (!node) {
                    if (opts.force)
                        await this.forceClear(kind, new Set(), -1, opts.ignore(), call);
                    const created = await this.nodes.create(prefix, uuid, deadline, call, dirMayBeMissing);
                    if (!created)
                        return await this.giveUp(undefined);
                    dirMayBeMissing = false;
                    ({ node, children } = created);
                    if (opts.grantAtOnce())
                        return node; // a downgrade: our task holds the write lock
                    // Sequence 0: no node was ever created in this directory before ours (the counter
                    // counts creations), and every later one comes behind us. We are first; nothing to read.
                    if (!children && parseContender(node.name)?.sequence === 0)
                        children = [node.name];
                }
                const queue = sortContenders(children ?? (await this.client.getChildren(this.dir, call())));
                children = undefined;
                const ourIndex = queue.findIndex((c) => c.name === node.name);
                if (ourIndex < 0) {
                    // Our node is gone (deleted by a forced acquire, or its session ended): queue again.
                    this.logger.debug(`[zk-recipes] ${node.path} vanished while waiting; queueing again`);
                    node = undefined;
                    continue;
                }
                // A node of ours from an earlier session or a lost create reply must not block us.
                const stale = queue.filter((c, i) => i < ourIndex && c.name.includes(uuid));
                if (stale.length > 0) {
                    await Promise.allSettled(stale.map((c) => this.client.delete(joinPath(this.dir, c.name), -1, call())));
                    continue;
                }
                const ignore = opts.ignore();
                if (opts.force &&
                    (await this.forceClear(kind, new Set([node.name]), ourIndex, ignore, call, queue))) {
                    continue;
                }
                const decision = decide(kind, queue, ourIndex, ignore);
                if (decision.held)
                    return node;
                if (opts.timeout === 0 || monotonicNow() >= deadline)
                    return await this.giveUp(node);
                // Nodes only join the queue behind us: when the node we wait for is the last one in our
                // way, its deletion hands us the lock, if our own node is still there (a forced acquire
                // may have deleted it). Watching our node too answers that without another read.
                const last = !opts.force && blockersAhead(kind, queue, ourIndex, ignore).length === 1;
                if (lockEvent.hasSubscribers)
                    lockEvent.publish({ event: 'queued', lock: this.dir, node: node.path });
                const woke = await this.waitGone(joinPath(this.dir, decision.watch.name), deadline, opts.signal, last ? node.path : undefined);
                // (a new session comes with a new connection, which waitGone already answers 'lookAgain' to)
                if (woke === 'handedOver' && this.client.state === 'connected')
                    return node;
            }
            catch (e) {
                // The caller's signal or deadline ended a request: leave the queue, whatever the request was.
                if (opts.signal?.aborted) {
                    await this.giveUp(node);
                    throw opts.signal.reason;
                }
                if (monotonicNow() >= deadline && isOutcomeUnknown(e))
                    return await this.giveUp(node);
                // A request caught by the end of our session, or a queue read of a directory removed
                // after our node was deleted: our node is gone, so queue again.
                const gone = e instanceof SessionExpiredError ||
                    (e instanceof NoNodeError && !(e instanceof ChrootMissingError));
                if (!gone || this.client.state === 'closed') {
                    await this.giveUp(node);
                    throw e instanceof NoNodeError ? await this.client.explainNoNode(e, call()) : e;
                }
                this.logger.debug(`[zk-recipes] ${this.dir}: ${e.message}; queueing again`);
                node = undefined;
            }
        }
    }
    /**
     * Forced acquire: deletes the nodes the predicate would wait for. Before our node exists
     * (ourIndex -1) this also proves we may delete here, so a NoAuth leaves nothing behind.
     * Returns true when it deleted (or, cut off by connection loss, may have deleted) something.
     */
    async forceClear(kind, own, ourIndex, ignore, call, known) {
        let queue = known;
        if (!queue) {
            try {
                queue = sortContenders(await this.client.getChildren(this.dir, call()));
            }
            catch (e) {
                if (e instanceof NoNodeError)
                    return false;
                throw e;
            }
        }
        const skip = new Set([...own, ...ignore]);
        const victims = blockersAhead(kind, queue, ourIndex < 0 ? queue.length : ourIndex, skip);
        if (victims.length === 0)
            return false;
        // Back of the queue first: a waiter whose node goes is told before its predecessor goes, so
        // it looks again instead of taking the lock handed over (see waitGone).
        const results = await Promise.allSettled([...victims].reverse().map((v) => this.client.delete(joinPath(this.dir, v.name), -1, call())));
        for (const r of results) {
            // A delete cut off by connection loss may or may not have happened: the next pass looks again.
            if (r.status === 'rejected' && !(r.reason instanceof NoNodeError) && !isOutcomeUnknown(r.reason)) {
                if (r.reason instanceof NoAuthError) {
                    throw new NoAuthError(`forced acquire needs DELETE permission on ${this.dir}`, {
                        path: this.dir,
                        cause: r.reason,
                    });
                }
                throw r.reason;
            }
        }
        this.logger.warn(`[zk-recipes] forced acquire removed ${victims.map((v) => v.name).join(', ')}`);
        return true;
    }
    /**
     * Resolves when `path` is gone or changed, the session ended, the deadline passed or the signal
     * aborted: 'handedOver' when `path` went while our node `own` (if given, watched too) was
     * still there, 'lookAgain' otherwise. On one connection ZooKeeper tells of changes in their
     * order, so a deletion of our node before `path`'s reaches us first; after a reconnect it
     * replays what the watches missed in no such order, so then we look again. A watch on our
     * node left over once we hold fires at our own release, into a settled promise.
     */
    waitGone(path, deadline, signal, own) {
        return new Promise((resolve) => {
            let done = false;
            let gone = false;
            // undefined until our node's read answers; without `own` there is nothing to hand over.
            let ownThere = own === undefined ? false : undefined;
            // Ends the reads and removes their watches once we stop waiting: a waiter that gave up
            // leaves nothing behind (the server's one watch per path stays until the node changes).
            const reads = new AbortController();
            const finish = (woke) => {
                if (done)
                    return;
                done = true;
                timer.clear();
                signal?.removeEventListener('abort', lookAgain);
                reads.abort(NO_LONGER_NEEDED);
                resolve(woke);
            };
            const lookAgain = () => finish('lookAgain');
            const connects = this.client.connects;
            const decide = () => {
                if (!gone || ownThere === undefined)
                    return;
                finish(ownThere && this.client.connects === connects ? 'handedOver' : 'lookAgain');
            };
            const timer = at(deadline, lookAgain);
            signal?.addEventListener('abort', lookAgain, { once: true });
            if (signal?.aborted)
                return lookAgain();
            // getData, not exists: an exists watch on a node already gone would stay registered.
            this.client
                .getData(path, {
                signal: reads.signal,
                watch: (e) => {
                    if (e.type !== 'nodeDeleted')
                        return lookAgain();
                    gone = true;
                    decide();
                },
            })
                .then(undefined, (e) => {
                if (!(e instanceof NoNodeError))
                    return lookAgain();
                gone = true;
                decide();
            });
            if (own !== undefined) {
                this.client.getData(own, { signal: reads.signal, watch: lookAgain }).then(() => {
                    ownThere ??= true;
                    decide();
                }, lookAgain);
            }
        });
    }
    /** Leaves the queue: deletes our node (if any); the directory is removed later if it is empty. */
    async giveUp(node) {
        if (node)
            await this.nodes.remove(node);
        else
            await this.nodes.leaveDir();
        return null;
    }
    /** Our node is gone with its session: it no longer counts in the directory. */
    forget(node) {
        this.nodes.forget(node);
    }
    /** Deletes our node (in the background when the connection is down) and leaves the directory. */
    remove(node) {
        return this.nodes.remove(node);
    }
    /** The queue in order: each contender's node path, identifier (node data) and mode. */
    async contenders() {
        let children;
        try {
            children = await this.client.getChildren(this.dir);
        }
        catch (e) {
            if (!(e instanceof NoNodeError))
                throw e;
            const why = await this.client.explainNoNode(e);
            if (why instanceof ChrootMissingError)
                throw why; // not "nobody holds it"
            return [];
        }
        const queue = sortContenders(children);
        const data = await Promise.all(queue.map((c) => this.client.getData(joinPath(this.dir, c.name)).then((r) => r.data.toString('utf8'), (e) => (e instanceof NoNodeError ? undefined : Promise.reject(e)))));
        return queue.flatMap((c, i) => data[i] === undefined
            ? []
            : [{ path: joinPath(this.dir, c.name), identifier: data[i], mode: c.mode, sequence: c.sequence }]);
    }
}
//# sourceMappingURL=contender-queue.js.map