/**
 * ZkGroupMember: group membership on one directory, one EPHEMERAL node per member:
 *
 *   <path>/<memberId>   data: the member's payload
 *
 * Curator GroupMember's layout (its member id is the node name), and by default Kazoo Party's
 * too: a member id of `<32 hex digits>__party__` with the identifier as data is what Kazoo's
 * Party creates and lists (it only counts children whose name holds `__party__`).
 *
 * While joined, our node is kept: created again on a new session after a session loss, and
 * after someone deleted it (as Curator's PersistentNode does). Membership is followed with a
 * children watch: `changes()` yields each new membership with who joined and who left, and a
 * joined member emits the same as `change` events.
 *
 *   const me = new ZkGroupMember(client, '/groups/workers', { data: 'host-a:8080' });
 *   await me.join();
 *   for await (const { members, joined, left } of me.changes({ signal })) rebalance(members);
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { describe, joinPath, validatePath } from '../../client/paths.js';
import { after } from '../../client/timers.js';
import { NoNodeError } from '../../errors.js';
import { REQUEST_GRACE_MS } from '../queue/directories.js';
import { checkClient } from '../shared/call.js';
import { OwnEphemeral } from '../shared/own-ephemeral.js';
import { lookEach, watchLoop } from '../shared/watch-loop.js';
/** Kazoo Party's marker in its members' node names. */
export const PARTY_MARKER = '__party__';
export class ZkGroupMember extends EventEmitter {
    path;
    memberId;
    data;
    client;
    logger;
    node;
    membership;
    constructor(client, path, options = {}) {
        super();
        this.client = checkClient(client);
        validatePath(path, 'group path');
        this.path = path;
        if (options === null || typeof options !== 'object') {
            throw new TypeError(`options must be an object, got ${describe(options)}`);
        }
        const id = options.memberId ?? `${randomUUID().replaceAll('-', '')}${PARTY_MARKER}`;
        if (typeof id !== 'string' || id === '' || id.includes('/') || id === '.' || id === '..') {
            throw new TypeError(`memberId must be a node name (non-empty, no '/'), got ${describe(id)}`);
        }
        validatePath(joinPath(path, id), 'member path');
        this.memberId = id;
        const data = options.data ?? Buffer.alloc(0);
        if (typeof data !== 'string' && !Buffer.isBuffer(data)) {
            throw new TypeError(`data must be a Buffer or a string, got ${describe(data)}`);
        }
        this.data = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        this.logger = options.logger ?? client.logger;
        this.node = new OwnEphemeral(client, joinPath(path, id));
    }
    /** Whether we are joined (between `join()` and `leave()`): our node is being kept. */
    get isJoined() {
        return this.membership !== undefined;
    }
    /**
     * Joins: creates our node (and the group's directory) and keeps it until `leave()`. A member id
     * held by another session rejects with NodeExistsError.
     */
    async join(opts = {}) {
        if (this.membership)
            throw new Error(`already a member of ${this.path} as ${this.memberId}`);
        await this.client.mkdirp(this.path, opts);
        await this.node.ensure(this.data, opts);
        const joined = new AbortController();
        this.membership = joined;
        void this.keep(joined.signal);
        void this.emitChanges(joined.signal);
    }
    /** Leaves: stops keeping our node and deletes it. Idempotent. */
    async leave(opts = {}) {
        this.membership?.abort();
        this.membership = undefined;
        await this.node.remove({ timeout: REQUEST_GRACE_MS, ...opts }).catch((e) => {
            if (this.client.state !== 'closed')
                throw e;
        });
    }
    /** Every member now: id to data (Curator's getCurrentMembers). */
    async members(opts = {}) {
        return this.read(undefined, opts);
    }
    /** The data of Kazoo Party's members as strings, as its `get_participants()` lists them. */
    async partyParticipants(opts = {}) {
        const all = await this.members(opts);
        return [...all].filter(([id]) => id.includes(PARTY_MARKER)).map(([, d]) => d.toString('utf8'));
    }
    /**
     * The membership now, then each change, until `signal` aborts or the loop breaks (joined or
     * not). Changes close together may come as one.
     */
    changes(opts = {}) {
        if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
            throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
        }
        let previous = new Map();
        const seen = lookEach(this.client, (watch, call) => this.read(watch, call), () => true, opts.signal);
        return (async function* () {
            for await (const members of seen) {
                const joined = [...members.keys()].filter((id) => !previous.has(id));
                const left = [...previous.keys()].filter((id) => !members.has(id));
                previous = members;
                if (joined.length > 0 || left.length > 0)
                    yield { members, joined, left };
            }
        })();
    }
    async emitChanges(signal) {
        try {
            for await (const change of this.changes({ signal }))
                this.emit('change', change);
        }
        catch (e) {
            if (!signal.aborted && this.client.state !== 'closed')
                this.report(e);
        }
    }
    /** Keeps our node while joined: an exists watch on it; gone or another session's, it is made again. */
    async keep(signal) {
        try {
            await watchLoop(this.client, async (watch, call) => {
                const stat = await this.client.exists(this.node.path, { ...call, watch });
                if (stat && stat.ephemeralOwner === this.client.sessionOwner)
                    return;
                if (signal.aborted)
                    return;
                if (await this.node.ensure(this.data, call)) {
                    this.logger.info(`[zk-recipes] group ${this.path}: ${this.memberId} joined again`);
                    this.emit('rejoined');
                }
            }, () => undefined, Number.POSITIVE_INFINITY, signal);
        }
        catch (e) {
            if (signal.aborted || this.client.state === 'closed')
                return; // a closed client keeps nothing
            this.report(e);
            // Not the connection (that is waited for): try again after a pause rather than give up.
            after(REQUEST_GRACE_MS, () => this.membership?.signal === signal && void this.keep(signal), {
                unref: true,
            });
        }
    }
    async read(watch, call) {
        let children;
        try {
            children = await this.client.getChildren(this.path, { ...call, ...(watch && { watch }) });
        }
        catch (e) {
            if (!(e instanceof NoNodeError))
                throw e;
            // No group yet: watch for its creation.
            if (watch && (await this.client.exists(this.path, { ...call, watch })))
                return this.read(watch, call);
            return new Map();
        }
        const data = await Promise.all(children.map((c) => this.client.getData(joinPath(this.path, c), call).then((r) => r.data, (e) => (e instanceof NoNodeError ? undefined : Promise.reject(e)))));
        const found = children.flatMap((c, i) => (data[i] === undefined ? [] : [[c, data[i]]]));
        return new Map(found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    report(err) {
        if (this.listenerCount('error') > 0)
            this.emit('error', err);
        else
            this.logger.error(`[zk-recipes] group ${this.path}:`, err);
    }
}
//# sourceMappingURL=zk-group-member.js.map