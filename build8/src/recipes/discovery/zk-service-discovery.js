/**
 * ZkServiceDiscovery: service instances registered the way curator-x-discovery does it, so that
 * Java services registered through Curator and Node services registered here see each other.
 *
 * Layout: `<basePath>/<service name>/<instance id>`, a node holding the instance's JSON
 * (service-instance.ts): ephemeral for DYNAMIC instances (they go with the session), persistent
 * for STATIC and PERMANENT ones. The parents are created as needed (persistent).
 *
 * Writes of one instance id run one after another (register, update, unregister, the
 * re-registration after a session loss), so the node ends as the last of them says. A register
 * finding the node already there deletes it and creates it again, as Curator does: the node is
 * then owned by this session, and watchers see the change.
 */
import { EventEmitter } from 'node:events';
import { checkCall } from '../../client/options.js';
import { joinPath, parentPath, validatePath } from '../../client/paths.js';
import { retrying, UNTIL_SESSION_ENDS } from '../../client/retry.js';
import { deadlineAfter, msUntil } from '../../client/timers.js';
import { ZkClient } from '../../client/zk-client.js';
import { ClientClosedError, DiscoveryClosedError, isOutcomeUnknown, NodeExistsError, NoNodeError, SessionExpiredError, } from '../../errors.js';
import { buildInstance, checkSegment, parseInstance, serializeInstance, } from './service-instance.js';
import { ServiceProvider } from './service-provider.js';
/** A write is tried again after a connection's or a session's trouble: its outcome was unknown. */
const transient = (e) => isOutcomeUnknown(e) || e instanceof SessionExpiredError;
/**
 * Registers this process's service instances and finds others', in curator-x-discovery's
 * layout and JSON. See docs/discovery.md.
 *
 * ```ts
 * const discovery = new ZkServiceDiscovery(client, '/services');
 * await discovery.register({ name: 'api', address: '10.0.0.5', port: 8080 });
 * const api = discovery.provider('api', { strategy: 'round-robin' });
 * await api.start();
 * const target = api.getInstance();
 * ```
 */
export class ZkServiceDiscovery extends EventEmitter {
    client;
    basePath;
    /** Ours by id: what a new session must re-create, and what close() removes. */
    own = new Map();
    queues = new Map();
    providers = new Set();
    closing = new AbortController();
    closed;
    constructor(client, basePath) {
        super();
        this.client = client;
        if (!(client instanceof ZkClient))
            throw new TypeError(`client must be a ZkClient, got ${Object.prototype.toString.call(client)}`);
        validatePath(basePath, 'basePath');
        this.basePath = basePath;
        client.on('connected', this.onConnected);
    }
    /** The node of an instance: `<basePath>/<name>/<id>`. */
    pathOf(name, id) {
        return joinPath(joinPath(this.basePath, checkSegment(name, 'service name')), checkSegment(id, 'instance id'));
    }
    /** The instances this discovery registered (and keeps registered), by id. */
    registered() {
        return [...this.own.values()];
    }
    /**
     * Registers an instance (defaults: a random UUID id, now, DYNAMIC, enabled) and resolves the
     * instance as written. It stays registered, across session losses, until unregister() or
     * close(). Bounded by `timeout` (default: the session timeout); on a rejection the
     * instance is not kept, and a node the write may have left is removed in the background.
     */
    async register(input, opts = {}) {
        const instance = buildInstance(input);
        const data = serializeInstance(instance);
        checkCall(opts);
        this.throwIfClosed();
        const other = this.own.get(instance.id);
        if (other && other.name !== instance.name)
            throw new RangeError(`instance id ${JSON.stringify(instance.id)} is registered here for service ${JSON.stringify(other.name)}: unregister it first`);
        const call = this.callOf(opts);
        return this.serially(instance.id, async () => {
            try {
                await this.write(instance, data, call);
            }
            catch (e) {
                if (this.own.get(instance.id) === undefined)
                    this.removeInBackground(instance);
                throw e;
            }
            this.own.set(instance.id, instance);
            return instance;
        });
    }
    /**
     * Writes a new version of an instance this discovery registered (same id; Curator's
     * updateService). A RangeError when the id is not registered here.
     */
    async update(input, opts = {}) {
        const instance = buildInstance(input);
        const data = serializeInstance(instance);
        checkCall(opts);
        this.throwIfClosed();
        const current = this.own.get(instance.id);
        if (!current || current.name !== instance.name)
            throw new RangeError(`instance ${JSON.stringify(instance.id)} of service ${JSON.stringify(instance.name)} is not registered by this discovery`);
        const call = this.callOf(opts);
        return this.serially(instance.id, async () => {
            if (this.own.get(instance.id) !== current)
                throw new RangeError(`instance ${instance.id} changed meanwhile`);
            this.own.set(instance.id, instance); // a session loss meanwhile re-creates this version
            await retrying(async () => this.client.setData(this.pathOf(instance.name, instance.id), data, -1, call.request()), { policy: UNTIL_SESSION_ENDS, deadline: call.deadline, signal: call.signal }).catch((e) => {
                // The node went with a session: the re-registration writes this version.
                if (!(e instanceof NoNodeError))
                    throw e;
            });
            return instance;
        });
    }
    /** Removes an instance this discovery registered; false when the id is not registered here. */
    async unregister(id, opts = {}) {
        checkSegment(id, 'instance id');
        checkCall(opts);
        this.throwIfClosed();
        const instance = this.own.get(id);
        if (!instance)
            return false;
        const call = this.callOf(opts);
        return this.serially(id, async () => {
            if (this.own.get(id) !== instance)
                return false;
            this.own.delete(id);
            await this.remove(instance, call);
            return true;
        });
    }
    /** The names of the services registered under basePath (none when it does not exist). */
    async services(opts = {}) {
        checkCall(opts);
        return this.client.getChildren(this.basePath, opts).catch(emptyOnNoNode);
    }
    /**
     * The instances of a service, read from the server now (Curator's queryForInstances), sorted
     * by id. Nodes whose data is not a discovery document are skipped with a warning.
     */
    async instances(name, opts = {}) {
        const servicePath = joinPath(this.basePath, checkSegment(name, 'service name'));
        checkCall(opts);
        const ids = await this.client.getChildren(servicePath, opts).catch(emptyOnNoNode);
        const found = await Promise.all(ids.map((id) => this.client.getData(joinPath(servicePath, id), opts).then((r) => this.readNode(joinPath(servicePath, id), r.data), (e) => {
            if (e instanceof NoNodeError)
                return undefined; // gone since the list
            throw e;
        })));
        return found.filter((i) => i !== undefined).sort((a, b) => compare(a.id, b.id));
    }
    /**
     * A provider of one service's instances, kept by a ZkCache of `<basePath>/<name>` (the
     * built-in wire: its start() rejects with UnsupportedOperationError on node-zookeeper-client,
     * where instances() reads without a cache). Closed with this discovery.
     */
    provider(name, options = {}) {
        this.throwIfClosed();
        const servicePath = joinPath(this.basePath, checkSegment(name, 'service name'));
        const provider = new ServiceProvider(this.client, servicePath, options, (path, data) => this.readNode(path, data));
        this.providers.add(provider);
        provider.once('closed', () => this.providers.delete(provider));
        return provider;
    }
    /**
     * Closes the providers and removes every instance this discovery registered (persistent ones
     * too, as Curator's close() does). Idempotent; bounded by `timeout` (default: the session timeout).
     */
    close(opts = {}) {
        checkCall(opts);
        if (this.closed)
            return this.closed;
        this.client.off('connected', this.onConnected);
        const call = this.callOf(opts, false); // these deletes outlive the abort below
        this.closing.abort(new DiscoveryClosedError(`the discovery of ${this.basePath} was closed`));
        const ours = [...this.own.values()];
        this.own.clear();
        this.closed = (async () => {
            await Promise.allSettled([...this.providers].map((p) => p.close()));
            await Promise.allSettled([...this.queues.values()]);
            await Promise.allSettled(ours.map((i) => this.remove(i, call)));
        })();
        return this.closed;
    }
    async [Symbol.asyncDispose]() {
        await this.close();
    }
    // ── Writes ────────────────────────────────────────────────────────────────
    /** A new session: every instance of ours is written again (the ephemeral ones went with the old). */
    onConnected = (sessionId, previous) => {
        if (previous === undefined)
            return;
        for (const instance of this.own.values()) {
            void this.serially(instance.id, async () => {
                if (this.own.get(instance.id) !== instance)
                    return; // unregistered or updated meanwhile
                const call = { deadline: Number.POSITIVE_INFINITY, signal: this.closing.signal, request: () => ({}) };
                try {
                    await this.write(instance, serializeInstance(instance), call);
                    this.emit('reregistered', instance, sessionId);
                }
                catch (e) {
                    if (this.closing.signal.aborted || e instanceof ClientClosedError)
                        return;
                    this.client.logger.error(`[zk-recipes] could not register ${instance.name}/${instance.id} again`, e);
                }
            });
        }
    };
    /** Creates the node (and its parents); a node already there is replaced, so that it is ours. */
    write(instance, data, call) {
        const path = this.pathOf(instance.name, instance.id);
        const mode = instance.serviceType === 'DYNAMIC' ? 'ephemeral' : 'persistent';
        const attempt = async () => {
            for (let tries = 0;; tries++) {
                try {
                    await this.client.create(path, data, { mode, ...call.request() });
                    return;
                }
                catch (e) {
                    if (tries >= 3)
                        throw e;
                    if (e instanceof NoNodeError)
                        await this.client.mkdirp(parentPath(path), call.request());
                    else if (e instanceof NodeExistsError)
                        await this.client.delete(path, -1, call.request()).catch(ignoreNoNode);
                    else
                        throw e;
                }
            }
        };
        return retrying(attempt, {
            policy: UNTIL_SESSION_ENDS,
            deadline: call.deadline,
            signal: call.signal,
            again: transient,
        });
    }
    remove(instance, call) {
        const path = this.pathOf(instance.name, instance.id);
        // async: a request refused at once (a closed client) must become a rejection here too.
        return retrying(async () => this.client.delete(path, -1, call.request()).catch(ignoreNoNode), {
            policy: UNTIL_SESSION_ENDS,
            deadline: call.deadline,
            signal: call.signal,
        }).catch((e) => {
            if (e instanceof ClientClosedError && instance.serviceType === 'DYNAMIC')
                return; // gone with the session
            this.client.logger.warn(`[zk-recipes] could not remove ${path}: ${e.message}`);
        });
    }
    /** A register that failed may still have created its node: remove it, unless registered again since. */
    removeInBackground(instance) {
        void this.serially(instance.id, async () => {
            if (this.own.has(instance.id))
                return;
            await this.remove(instance, this.callOf({}, false));
        });
    }
    /** Runs `task` after every earlier task of the same id. */
    serially(id, task) {
        const previous = this.queues.get(id) ?? Promise.resolve();
        const result = previous.then(task);
        const tail = result.catch(() => { });
        this.queues.set(id, tail);
        void tail.then(() => {
            if (this.queues.get(id) === tail)
                this.queues.delete(id);
        });
        return result;
    }
    callOf(opts, stopsAtClose = true) {
        const deadline = deadlineAfter(opts.timeout ?? this.client.sessionTimeout);
        const signals = [opts.signal, stopsAtClose ? this.closing.signal : undefined].filter((s) => s !== undefined);
        const signal = AbortSignal.any(signals);
        return { deadline, signal, request: () => ({ signal, timeout: Math.max(1, msUntil(deadline)) }) };
    }
    readNode(path, data) {
        const parsed = parseInstance(data);
        if ('invalid' in parsed) {
            this.client.logger.warn(`[zk-recipes] ${path} is not a service instance (${parsed.invalid}); skipped`);
            return undefined;
        }
        return parsed;
    }
    throwIfClosed() {
        if (this.closing.signal.aborted)
            throw new DiscoveryClosedError(`the discovery of ${this.basePath} is closed`);
    }
}
function ignoreNoNode(e) {
    if (!(e instanceof NoNodeError))
        throw e;
}
function emptyOnNoNode(e) {
    if (e instanceof NoNodeError)
        return [];
    throw e;
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
//# sourceMappingURL=zk-service-discovery.js.map