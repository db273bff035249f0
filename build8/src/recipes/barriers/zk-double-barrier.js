/**
 * ZkDoubleBarrier: ZooKeeper's double barrier, on Curator DistributedDoubleBarrier's layout:
 *
 *   <path>/<uuid>   one EPHEMERAL node per member (Curator: UUID with dashes; Kazoo: 32 hex digits)
 *   <path>/ready    created by the member that sees memberCount members; everyone waits for it
 *
 * `enter()` resolves once memberCount members have entered (or `ready` already exists: late
 * members go through, as in Curator); `leave()` deletes our node and resolves once every member
 * node is gone, then deletes `ready`. Both reject with BarrierTimeoutError naming who is missing.
 * memberCount is a threshold, not a limit: more members may enter.
 *
 *   const round = new ZkDoubleBarrier(client, '/barriers/round-7', 3);
 *   await round.enter({ timeout: 30_000 });
 *   await compute();
 *   await round.leave({ timeout: 30_000 });
 */
import { randomUUID } from 'node:crypto';
import { describe, joinPath } from '../../client/paths.js';
import { BarrierTimeoutError, NodeExistsError, NoNodeError } from '../../errors.js';
import { defaultIdentifier } from '../locks/lock-options.js';
import { REQUEST_GRACE_MS } from '../queue/directories.js';
import { checkClient } from '../shared/call.js';
import { OwnEphemeral } from '../shared/own-ephemeral.js';
import { lookUntil } from '../shared/watch-loop.js';
import { checkBarrierPath, checkMemberCount, resolveWait, } from './barrier-options.js';
/** Curator's and Kazoo's name of the node that lets the members through. */
export const READY_NODE = 'ready';
/** The member nodes among a barrier directory's children. */
function memberNames(children) {
    return children.filter((c) => c !== READY_NODE).sort();
}
export class ZkDoubleBarrier {
    path;
    memberCount;
    /** Our member node's name (a UUID, as Curator's). */
    nodeName;
    identifier;
    client;
    node;
    readyPath;
    entered = false;
    constructor(client, path, memberCount, options = {}) {
        this.client = checkClient(client);
        this.path = checkBarrierPath(path);
        this.memberCount = checkMemberCount(memberCount);
        if (options === null || typeof options !== 'object') {
            throw new TypeError(`options must be an object, got ${describe(options)}`);
        }
        const identifier = options.identifier ?? defaultIdentifier();
        if (typeof identifier !== 'string')
            throw new TypeError(`identifier must be a string, got ${describe(identifier)}`);
        this.identifier = identifier;
        this.nodeName = randomUUID();
        this.node = new OwnEphemeral(client, joinPath(this.path, this.nodeName));
        this.readyPath = joinPath(this.path, READY_NODE);
    }
    /** Whether we are between a resolved `enter()` and `leave()`. */
    get isEntered() {
        return this.entered;
    }
    /**
     * Enters and waits until memberCount members have. On timeout or abort our node is removed
     * again (we were not let through) and the call rejects: BarrierTimeoutError says how many
     * members there were. A session lost while waiting: our node is created again on the next one.
     */
    async enter(opts) {
        if (this.entered)
            throw new Error(`already entered the double barrier ${this.path}: leave() first`);
        const wait = resolveWait(opts);
        const data = Buffer.from(this.identifier, 'utf8');
        let members = 0;
        let made = false;
        try {
            // Curator's order: a `ready` that exists before we join lets us through at once.
            const through = await lookUntil(this.client, async (watch, call) => {
                if (await this.client.exists(this.readyPath, { ...call, watch }))
                    return true;
                if (!made) {
                    await this.client.mkdirp(this.path, call);
                    made = true;
                }
                await this.node.ensure(data, call);
                members = memberNames(await this.client.getChildren(this.path, call)).length;
                if (members < this.memberCount)
                    return false;
                await this.client.create(this.readyPath, undefined, call).catch((e) => {
                    if (!(e instanceof NodeExistsError))
                        throw e;
                });
                return true;
            }, (ok) => ok, wait.deadline, wait.signal);
            if (!through) {
                throw new BarrierTimeoutError(`double barrier ${this.path}: ${members} of ${this.memberCount} members entered within ${wait.timeout} ms`);
            }
            // Let through by `ready` before our own look: make sure we are counted when leaving.
            await this.node.ensure(data, this.boundedCall(wait.signal));
            this.entered = true;
        }
        catch (e) {
            await this.node.remove(this.boundedCall()).catch(() => { });
            throw e;
        }
    }
    /**
     * Leaves: deletes our node and waits until every member has left, then deletes `ready`.
     * BarrierTimeoutError names the members still there (a member killed without leaving is there
     * until its session expires).
     */
    async leave(opts) {
        const wait = resolveWait(opts);
        this.entered = false;
        let left = [];
        const done = await lookUntil(this.client, async (watch, call) => {
            await this.node.remove(call);
            try {
                left = memberNames(await this.client.getChildren(this.path, { ...call, watch }));
            }
            catch (e) {
                if (!(e instanceof NoNodeError))
                    throw e;
                left = [];
            }
            return left.length === 0;
        }, (empty) => empty, wait.deadline, wait.signal);
        if (!done) {
            throw new BarrierTimeoutError(`double barrier ${this.path}: ${left.length} member(s) still in after ${wait.timeout} ms: ${left.join(', ')}`);
        }
        // Best effort, as every member does it: a `ready` left behind would let the next round through.
        await this.client.delete(this.readyPath, -1, this.boundedCall()).catch(() => { });
    }
    /** The member node names now (without `ready`). */
    async members(opts = {}) {
        try {
            return memberNames(await this.client.getChildren(this.path, opts));
        }
        catch (e) {
            if (e instanceof NoNodeError)
                return [];
            throw e;
        }
    }
    boundedCall(signal) {
        return { timeout: REQUEST_GRACE_MS, ...(signal && { signal }) };
    }
}
//# sourceMappingURL=zk-double-barrier.js.map