/**
 * ServiceProvider: picks an instance of one service from a live copy of its node's children
 * (a ZkCache of `<basePath>/<service>`, one level deep), as Curator's ServiceProvider picks from
 * its ServiceCache. Disabled instances are never picked (Curator's provider filters them too).
 * Each node is parsed once per version (its mzxid); one that is not a discovery document is
 * skipped with one warning per version.
 */
import { EventEmitter } from 'node:events';
import type { CallOptions } from '../../client/options.js';
import { describe, joinPath } from '../../client/paths.js';
import type { ZkClient } from '../../client/zk-client.js';
import { CacheClosedError, DiscoveryClosedError, UnsupportedOperationError } from '../../errors.js';
import { ZkCache } from '../cache/zk-cache.js';
import type { ServiceInstance } from './service-instance.js';

export type ProviderStrategy = 'round-robin' | 'random' | 'sticky';

export interface ProviderOptions {
  /**
   * How getInstance() chooses (default 'round-robin'): in turn over the instances sorted by id;
   * at random; or 'sticky': the same instance for as long as it is there, then a random other.
   */
  strategy?: ProviderStrategy;
  /** Which instances may be chosen (besides being enabled). Called often: keep it cheap and pure. */
  filter?: (instance: ServiceInstance) => boolean;
}

export interface ServiceProviderEvents {
  /** The service's instances changed (a node created, changed or deleted, or the copy rebuilt). */
  changed: [];
  closed: [];
}

const STRATEGIES: readonly ProviderStrategy[] = ['round-robin', 'random', 'sticky'];

/** Made by `ZkServiceDiscovery.provider(name, options)`; `await start()` before choosing. */
export class ServiceProvider extends EventEmitter<ServiceProviderEvents> {
  readonly strategy: ProviderStrategy;
  private readonly filter: ((instance: ServiceInstance) => boolean) | undefined;
  private readonly cache: ZkCache;
  /** Each node's parse, kept while its version (mzxid) is current. */
  private readonly parsed = new Map<string, { mzxid: bigint; instance: ServiceInstance | undefined }>();
  private turn = 0;
  private stuck: string | undefined;
  private started = false;
  private closed: Promise<void> | undefined;

  /** @internal Made by `ZkServiceDiscovery.provider()`; `readNode` parses a node, warning when it cannot. */
  constructor(
    client: ZkClient,
    readonly servicePath: string,
    options: ProviderOptions,
    private readonly readNode: (path: string, data: Buffer | undefined) => ServiceInstance | undefined,
  ) {
    super();
    if (options === null || typeof options !== 'object')
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    const strategy = options.strategy ?? 'round-robin';
    if (!STRATEGIES.includes(strategy))
      throw new RangeError(
        `strategy must be one of ${STRATEGIES.join(', ')}, got ${describe(options.strategy)}`,
      );
    if (options.filter !== undefined && typeof options.filter !== 'function')
      throw new TypeError(`filter must be a function (instance) => boolean, got ${describe(options.filter)}`);
    this.strategy = strategy;
    this.filter = options.filter;
    this.cache = new ZkCache(client, servicePath, { maxDepth: 1 });
    const changed = () => this.emit('changed');
    for (const event of ['created', 'changed', 'deleted', 'rebuilt'] as const) this.cache.on(event, changed);
  }

  /**
   * Loads the service's instances (once; later calls wait for the same load). A service with no
   * node yet is no error: its instances appear as they are registered. On the
   * node-zookeeper-client backend this rejects with UnsupportedOperationError (it needs
   * persistent watches: `{ wire: 'built-in' }`); `discovery.instances()` reads without a cache.
   */
  async start(opts: CallOptions = {}): Promise<void> {
    if (this.closed) throw new DiscoveryClosedError(`the provider of ${this.servicePath} is closed`);
    try {
      await this.cache.start(opts);
      this.started = true;
    } catch (e) {
      if (e instanceof UnsupportedOperationError)
        throw new UnsupportedOperationError(
          `a service provider (it keeps a ZkCache of ${this.servicePath}; discovery.instances() reads without one)`,
          e.backend,
        );
      if (e instanceof CacheClosedError)
        throw new DiscoveryClosedError(`the provider of ${this.servicePath} was closed`, { cause: e });
      throw e;
    }
  }

  /** Every instance that may be chosen (enabled, accepted by the filter), sorted by id. */
  getAllInstances(): ServiceInstance[] {
    if (this.closed) throw new DiscoveryClosedError(`the provider of ${this.servicePath} is closed`);
    if (!this.started)
      throw new Error(`the provider of ${this.servicePath} is not started: await provider.start() first`);
    const ids = this.cache.children(this.servicePath) ?? [];
    const out: ServiceInstance[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      const path = joinPath(this.servicePath, id);
      seen.add(path);
      const instance = this.instanceAt(path);
      if (instance?.enabled && this.accepts(instance)) out.push(instance);
    }
    for (const path of this.parsed.keys()) if (!seen.has(path)) this.parsed.delete(path);
    return out;
  }

  /** One instance by the strategy, or undefined when there is none. */
  getInstance(): ServiceInstance | undefined {
    const all = this.getAllInstances();
    if (all.length === 0) return undefined;
    switch (this.strategy) {
      case 'round-robin':
        return all[this.turn++ % all.length];
      case 'random':
        return all[Math.floor(Math.random() * all.length)];
      case 'sticky': {
        const held = all.find((i) => i.id === this.stuck);
        if (held) return held;
        const chosen = all[Math.floor(Math.random() * all.length)];
        this.stuck = chosen?.id;
        return chosen;
      }
    }
  }

  /** Stops the cache. Idempotent. */
  close(): Promise<void> {
    if (this.closed) return this.closed;
    this.closed = this.cache.close().finally(() => this.emit('closed'));
    return this.closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private instanceAt(path: string): ServiceInstance | undefined {
    const node = this.cache.get(path);
    if (!node) return undefined;
    const known = this.parsed.get(path);
    if (known && known.mzxid === node.stat.mzxid) return known.instance;
    const instance = this.readNode(path, node.data);
    this.parsed.set(path, { mzxid: node.stat.mzxid, instance });
    return instance;
  }

  private accepts(instance: ServiceInstance): boolean {
    if (!this.filter) return true;
    try {
      return this.filter(instance) === true;
    } catch {
      return false;
    }
  }
}
