/**
 * ServiceProvider: picks an instance of one service from a live copy of its node's children
 * (a ZkCache of `<basePath>/<service>`, one level deep), as Curator's ServiceProvider picks from
 * its ServiceCache. Disabled instances are never picked (Curator's provider filters them too).
 * Each node is parsed once per version (its mzxid); one that is not a discovery document is
 * skipped with one warning per version.
 */
import { EventEmitter } from 'node:events';
import { describe, joinPath } from '../../client/paths.js';
import { CacheClosedError, DiscoveryClosedError, UnsupportedOperationError } from '../../errors.js';
import { ZkCache } from '../cache/zk-cache.js';
const STRATEGIES = ['round-robin', 'random', 'sticky'];
/** Made by `ZkServiceDiscovery.provider(name, options)`; `await start()` before choosing. */
export class ServiceProvider extends EventEmitter {
    servicePath;
    readNode;
    strategy;
    filter;
    cache;
    /** Each node's parse, kept while its version (mzxid) is current. */
    parsed = new Map();
    turn = 0;
    stuck;
    started = false;
    closed;
    /** @internal Made by `ZkServiceDiscovery.provider()`; `readNode` parses a node, warning when it cannot. */
    constructor(client, servicePath, options, readNode) {
        super();
        this.servicePath = servicePath;
        this.readNode = readNode;
        if (options === null || typeof options !== 'object')
            throw new TypeError(`options must be an object, got ${describe(options)}`);
        const strategy = options.strategy ?? 'round-robin';
        if (!STRATEGIES.includes(strategy))
            throw new RangeError(`strategy must be one of ${STRATEGIES.join(', ')}, got ${describe(options.strategy)}`);
        if (options.filter !== undefined && typeof options.filter !== 'function')
            throw new TypeError(`filter must be a function (instance) => boolean, got ${describe(options.filter)}`);
        this.strategy = strategy;
        this.filter = options.filter;
        this.cache = new ZkCache(client, servicePath, { maxDepth: 1 });
        const changed = () => this.emit('changed');
        for (const event of ['created', 'changed', 'deleted', 'rebuilt'])
            this.cache.on(event, changed);
    }
    /**
     * Loads the service's instances (once; later calls wait for the same load). A service with no
     * node yet is no error: its instances appear as they are registered. On the
     * node-zookeeper-client backend this rejects with UnsupportedOperationError (it needs
     * persistent watches: `{ wire: 'built-in' }`); `discovery.instances()` reads without a cache.
     */
    async start(opts = {}) {
        if (this.closed)
            throw new DiscoveryClosedError(`the provider of ${this.servicePath} is closed`);
        try {
            await this.cache.start(opts);
            this.started = true;
        }
        catch (e) {
            if (e instanceof UnsupportedOperationError)
                throw new UnsupportedOperationError(`a service provider (it keeps a ZkCache of ${this.servicePath}; discovery.instances() reads without one)`, e.backend);
            if (e instanceof CacheClosedError)
                throw new DiscoveryClosedError(`the provider of ${this.servicePath} was closed`, { cause: e });
            throw e;
        }
    }
    /** Every instance that may be chosen (enabled, accepted by the filter), sorted by id. */
    getAllInstances() {
        if (this.closed)
            throw new DiscoveryClosedError(`the provider of ${this.servicePath} is closed`);
        if (!this.started)
            throw new Error(`the provider of ${this.servicePath} is not started: await provider.start() first`);
        const ids = this.cache.children(this.servicePath) ?? [];
        const out = [];
        const seen = new Set();
        for (const id of ids) {
            const path = joinPath(this.servicePath, id);
            seen.add(path);
            const instance = this.instanceAt(path);
            if (instance?.enabled && this.accepts(instance))
                out.push(instance);
        }
        for (const path of this.parsed.keys())
            if (!seen.has(path))
                this.parsed.delete(path);
        return out;
    }
    /** One instance by the strategy, or undefined when there is none. */
    getInstance() {
        const all = this.getAllInstances();
        if (all.length === 0)
            return undefined;
        switch (this.strategy) {
            case 'round-robin':
                return all[this.turn++ % all.length];
            case 'random':
                return all[Math.floor(Math.random() * all.length)];
            case 'sticky': {
                const held = all.find((i) => i.id === this.stuck);
                if (held)
                    return held;
                const chosen = all[Math.floor(Math.random() * all.length)];
                this.stuck = chosen?.id;
                return chosen;
            }
        }
    }
    /** Stops the cache. Idempotent. */
    close() {
        if (this.closed)
            return this.closed;
        this.closed = this.cache.close().finally(() => this.emit('closed'));
        return this.closed;
    }
    async [Symbol.asyncDispose]() {
        await this.close();
    }
    instanceAt(path) {
        const node = this.cache.get(path);
        if (!node)
            return undefined;
        const known = this.parsed.get(path);
        if (known && known.mzxid === node.stat.mzxid)
            return known.instance;
        const instance = this.readNode(path, node.data);
        this.parsed.set(path, { mzxid: node.stat.mzxid, instance });
        return instance;
    }
    accepts(instance) {
        if (!this.filter)
            return true;
        try {
            return this.filter(instance) === true;
        }
        catch {
            return false;
        }
    }
}
//# sourceMappingURL=service-provider.js.map