/**
 * Our own nodes in one queue directory, from their create to their delete. A create whose answer
 * is lost is resolved by looking for its uuid (Curator's protected mode), and one given up on is
 * swept in the background; a delete waits only while the connection works and goes on in the
 * background after that, while the node's session lives. So no node of ours is left to block
 * the queue, and nothing waits for a dead connection.
 */
import { monotonicNow } from '../../client/clock.js';
import { basename, joinPath } from '../../client/paths.js';
import { retrying, UNTIL_SESSION_ENDS } from '../../client/retry.js';
import { ConnectTimeoutError, isOutcomeUnknown, NoNodeError, SessionExpiredError } from '../../errors.js';
import { REQUEST_GRACE_MS } from './directories.js';
/** Our own contender node: its path, its session, and its creation zxid. */
export class OwnNode {
    path;
    sessionOwner;
    czxid;
    name;
    /** Set once the queue no longer counts this node in its directory. */
    left = false;
    constructor(path, sessionOwner, 
    /** The node's creation zxid: the fencing token. */
    czxid) {
        this.path = path;
        this.sessionOwner = sessionOwner;
        this.czxid = czxid;
        this.name = basename(path);
    }
}
/** Resolves true once `client` has a session, false when `deadline` passes first. */
export async function sessionWithin(client, deadline, signal) {
    if (client.state === 'connected')
        return true;
    const remaining = deadline - monotonicNow();
    if (remaining <= 0)
        return false;
    try {
        await client.connect({ signal, timeout: remaining });
        return true;
    }
    catch (e) {
        if (e instanceof ConnectTimeoutError)
            return false;
        throw e;
    }
}
export class OwnNodes {
    dirs;
    client;
    dir;
    data;
    logger;
    cleanupDelay;
    constructor(config, dirs) {
        this.dirs = dirs;
        ({
            client: this.client,
            dir: this.dir,
            data: this.data,
            logger: this.logger,
            cleanupDelay: this.cleanupDelay,
        } = config);
    }
    /**
     * Creates our node, with the queue read pipelined behind it. A lost reply is resolved by
     * looking for our uuid (Curator's protected mode): the create may have happened. When the
     * acquire gives up on a create whose outcome is unknown, the node is looked for and deleted
     * in the background (see sweep).
     */
    async create(prefix, uuid, deadline, call, dirMayBeMissing) {
        const path = joinPath(this.dir, prefix);
        for (;;) {
            call().signal?.throwIfAborted();
            if (!(await sessionWithin(this.client, deadline, call().signal)))
                return null;
            const owner = this.client.sessionOwner;
            // All sent before any answer comes back: ZooKeeper answers one session's requests in order.
            // A directory likely missing is likely new: our node will then have sequence 0 (first in
            // the queue), so the queue is read only when it has not (see acquire).
            const dir = dirMayBeMissing
                ? this.client.create(this.dir, undefined, call()).catch((e) => e)
                : undefined;
            const created = this.client.createWithZxid(path, this.data, {
                mode: 'ephemeral-sequential',
                ...call(),
            });
            const children = dirMayBeMissing
                ? undefined
                : this.client.getChildren(this.dir, call()).catch(() => undefined);
            try {
                const { path: ours, czxid } = await created;
                this.dirs.own(ours, owner);
                const node = new OwnNode(ours, owner, czxid);
                return { node, children: await children };
            }
            catch (e) {
                await Promise.all([children, dir]);
                if (e instanceof NoNodeError) {
                    await this.client.mkdirp(this.dir, call());
                    continue;
                }
                const unknown = isOutcomeUnknown(e) || call().signal?.aborted === true;
                if (!unknown && !(e instanceof SessionExpiredError))
                    throw e;
                if (unknown && (call().signal?.aborted || monotonicNow() >= deadline)) {
                    this.sweep(uuid, owner);
                    throw e;
                }
                const found = await this.findByUuid(uuid, call()).catch(() => undefined);
                if (found) {
                    const stat = await this.client.exists(found, call()).catch(() => undefined);
                    if (stat && stat.ephemeralOwner === this.client.sessionOwner) {
                        this.dirs.own(found, stat.ephemeralOwner);
                        return {
                            node: new OwnNode(found, stat.ephemeralOwner, stat.czxid),
                            children: undefined,
                        };
                    }
                    if (stat)
                        await this.client.delete(found, -1, call()).catch(() => { }); // an earlier session's node
                }
                if (monotonicNow() >= deadline) {
                    this.sweep(uuid, owner);
                    return null;
                }
            }
        }
    }
    /**
     * A create of ours with this uuid may still be applied (its answer was not waited for): find
     * its node and delete it, in the background, for as long as the session that sent it lives.
     * The read is queued behind the create on that session, so it sees the create if it happened.
     */
    sweep(uuid, owner) {
        const resolved = this.dirs.sweeping(this.dir, uuid, owner);
        void this.whileSessionLives(owner, async () => {
            const found = await this.findByUuid(uuid);
            if (found)
                await this.client.delete(found);
        }).finally(resolved);
    }
    /** Runs `attempt` in the background, again after each unknown outcome, while session `owner` lives. */
    whileSessionLives(owner, attempt) {
        const ending = this.client.sessionSignal;
        if (!ending || ending.aborted || this.client.sessionOwner !== owner)
            return Promise.resolve();
        return retrying(attempt, { policy: UNTIL_SESSION_ENDS, signal: ending }).catch(() => { });
    }
    async findByUuid(uuid, call = {}) {
        const children = await this.client.getChildren(this.dir, call);
        const name = children.find((c) => c.includes(uuid));
        return name === undefined ? undefined : joinPath(this.dir, name);
    }
    /** This process's contender left the directory (removed later if it is empty). */
    leaveDir() {
        return this.dirs.leave(this.dir, this.cleanupDelay);
    }
    /** Our node is gone with its session: it no longer counts in the directory. */
    forget(node) {
        if (node.left)
            return;
        node.left = true;
        void this.leaveDir();
    }
    /**
     * Deletes our node, and leaves the directory (removed later, or right behind the delete with
     * cleanupDelay 0, if that leaves it empty). It waits only while the connection works: when
     * the delete's outcome is unknown (the connection dropped, or is down already) it goes on in
     * the background for as long as the node's session lives, so no orphan blocks the queue and
     * a release never waits for a dead connection.
     */
    async remove(node) {
        const left = node.left;
        node.left = true;
        const del = this.deleteNode(node);
        const dirGone = left ? undefined : this.leaveDir();
        await del;
        await dirGone;
    }
    /** Deletes our node; when the outcome is unknown, goes on in the background (see remove). */
    async deleteNode(node) {
        try {
            await this.deleteOnce(node);
        }
        catch (e) {
            if (!isOutcomeUnknown(e)) {
                this.logger.error(`[zk-recipes] could not delete ${node.path}`, e);
                throw e;
            }
            this.logger.warn(`[zk-recipes] delete of ${node.path} failed (${e.message}); retrying in the background`);
            // Not awaited: the caller goes on; close() deletes what is still owned (directories.ts).
            void this.whileSessionLives(node.sessionOwner, () => this.deleteOnce(node)).then(() => {
                if (this.cleanupDelay !== undefined)
                    this.dirs.scheduleRemoval(this.dir, this.cleanupDelay);
            });
        }
    }
    /** One delete of our node, waiting only while the connection works, and at most the grace. */
    async deleteOnce(node) {
        if (node.sessionOwner !== this.client.sessionOwner || this.client.state === 'closed')
            return this.dirs.disown(node.path); // gone with its session
        try {
            await this.client.delete(node.path, -1, {
                signal: this.client.connectionSignal,
                timeout: REQUEST_GRACE_MS,
            });
        }
        catch (e) {
            if (!(e instanceof NoNodeError) && !(e instanceof SessionExpiredError))
                throw e;
        }
        this.dirs.disown(node.path);
    }
}
//# sourceMappingURL=own-nodes.js.map