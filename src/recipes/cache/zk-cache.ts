/**
 * ZkCache: a live copy of a subtree, kept by one persistent recursive watch (ZooKeeper 3.6+,
 * the built-in wire). See docs/cache.md for what it guarantees.
 *
 * How it stays right: the watch is added before the tree is read, so no change falls between
 * the two; every notification becomes a read of the node, and answers and notifications are
 * applied in the order the server produced them (ordered-reads.ts); a node's czxid and mzxid
 * keep an older read from replacing a newer one (tree.ts). A server that restores a persistent
 * watch after a reconnect (SetWatches2) tells nothing of what changed meanwhile, so each
 * reconnect re-reads the tree and removes what is gone ("sync pass"); a session loss takes the
 * watch with it, so the next session adds it again, re-reads, and says so ('rebuilt').
 */
import { EventEmitter, setMaxListeners } from 'node:events';
import type { PersistentWatch } from '../../client/operations.js';
import { type CallOptions, checkCall, type RetryPolicy } from '../../client/options.js';
import { validatePath } from '../../client/paths.js';
import { retrying } from '../../client/retry.js';
import { deadlineAfter, settledBy } from '../../client/timers.js';
import type { WatchEvent } from '../../client/types.js';
import { ZkClient } from '../../client/zk-client.js';
import {
  CacheClosedError,
  ClientClosedError,
  NoAuthError,
  OperationTimeoutError,
  UnsupportedOperationError,
} from '../../errors.js';
import type { CacheEvent, ZkCacheEvents } from './cache-events.js';
import {
  accepts,
  type CacheSettings,
  checkBufferSize,
  resolveCacheOptions,
  type ZkCacheOptions,
} from './cache-options.js';
import { EventStream } from './event-stream.js';
import { NodeReader } from './node-reader.js';
import { OrderedReads } from './ordered-reads.js';
import { transient, whenConnected } from './session-waits.js';
import { syncPass } from './sync-pass.js';
import { type CachedNode, CacheTree, type NodeEvent } from './tree.js';

export type { CacheEvent, ZkCacheEvents } from './cache-events.js';
export type { CachedNode, NodeEvent } from './tree.js';

/** Re-reading after a failure: at once for a connection blip, backing off to 5 s for a server that refuses. */
const SYNC_RETRY: Required<RetryPolicy> = {
  retries: Number.POSITIVE_INFINITY,
  minTimeout: 50,
  maxTimeout: 5000,
  factor: 2,
};

/**
 * A live copy of the subtree at `root`: `start()`, then `get(path)`, `children(path)`, events
 * ('created', 'changed', 'deleted', 'initialized', 'rebuilt') and `for await (const e of cache)`.
 *
 * ```ts
 * const cache = new ZkCache(client, '/services');
 * cache.on('changed', (e) => console.log(e.path, e.data?.toString()));
 * await cache.start();
 * ```
 */
export class ZkCache extends EventEmitter<ZkCacheEvents> implements AsyncIterable<CacheEvent> {
  readonly root: string;
  /** Resolves once the initial load is done; rejects if the cache is closed first or cannot read the root at all. */
  readonly initialized: Promise<void>;
  private readonly settings: CacheSettings;
  private readonly tree = new CacheTree();
  private readonly stream = new EventStream<CacheEvent>();
  private readonly reads: OrderedReads;
  private readonly closing = new AbortController();
  private settleInit!: (err?: unknown) => void;
  private isInitialized = false;
  private started = false;
  private closed: Promise<void> | undefined;
  private watch: PersistentWatch | undefined;
  private adding: Promise<PersistentWatch> | undefined;
  private syncing: Promise<void> | undefined;
  private dirty = false;
  private rebuildWanted = false;
  private epoch = 0;
  private readonly reader: NodeReader;

  constructor(
    private readonly client: ZkClient,
    root: string,
    options: ZkCacheOptions = {},
  ) {
    super();
    if (!(client instanceof ZkClient))
      throw new TypeError(`client must be a ZkClient, got ${Object.prototype.toString.call(client)}`);
    this.settings = resolveCacheOptions(root, options);
    this.root = root;
    this.reader = new NodeReader(client, this.settings.data, this.closing.signal);
    this.reads = new OrderedReads((e) => this.client.logger.error('[zk-recipes] a cache step threw', e));
    this.initialized = new Promise<void>((resolve, reject) => {
      this.settleInit = (err) => (err === undefined ? resolve() : reject(err));
    });
    this.initialized.catch(() => {}); // whoever awaits it sees the rejection; nobody must
    setMaxListeners(0, this.closing.signal);
  }

  /** How many nodes the cache holds. */
  get size(): number {
    return this.tree.size;
  }

  /** The cached node at `path`, or undefined (not in the subtree, filtered out, or not there). */
  get(path: string): CachedNode | undefined {
    validatePath(path);
    return this.tree.get(path);
  }

  /** The names of the cached children of `path`, sorted; undefined when `path` is not cached. */
  children(path: string): string[] | undefined {
    validatePath(path);
    return this.tree.children(path);
  }

  /** Every cached node, in no particular order. */
  nodes(): IterableIterator<CachedNode> {
    return this.tree.entries();
  }

  /**
   * Starts the cache (once; later calls wait for the same load) and resolves once the initial
   * load is done. `timeout`/`signal` bound only this wait: the cache goes on loading (close()
   * stops it). A missing root is no error: the cache is then empty, and reports the root and
   * what appears below it as 'created' when they appear.
   */
  async start(opts: CallOptions = {}): Promise<void> {
    checkCall(opts);
    if (this.closing.signal.aborted) throw new CacheClosedError(`the cache of ${this.root} is closed`);
    if (!this.started) {
      this.started = true;
      this.client.on('reconnected', this.onReconnected);
      this.client.on('closed', this.onClientClosed);
      this.requestSync();
    }
    const deadline = deadlineAfter(opts.timeout);
    if (!(await settledBy(this.initialized, deadline, opts.signal)))
      throw new OperationTimeoutError(`the cache of ${this.root} did not load within ${opts.timeout} ms`, {
        path: this.root,
      });
    return this.initialized;
  }

  /**
   * The events from now on, as an async iterator with a buffer of `bufferSize` events (default:
   * the cache's). A consumer more than that far behind gets the events it had buffered, then a
   * CacheOverflowError. It ends at close(), when `signal` aborts, or on `break`.
   */
  events(opts: { bufferSize?: number; signal?: AbortSignal } = {}): AsyncIterableIterator<CacheEvent> {
    const size = checkBufferSize(opts.bufferSize ?? this.settings.bufferSize);
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal))
      throw new TypeError(
        `signal must be an AbortSignal, got ${Object.prototype.toString.call(opts.signal)}`,
      );
    return this.stream.iterate(size, opts.signal);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<CacheEvent> {
    return this.events();
  }

  /**
   * Stops the cache: removes its watch from the server (when connected; otherwise it lapses
   * with the session and the client ignores it), ends its iterators, and keeps its last
   * contents readable. Idempotent; settles within `timeout` (default: the client's requestTimeout).
   */
  close(opts: CallOptions = {}): Promise<void> {
    checkCall(opts);
    if (this.closed) return this.closed;
    const err = new CacheClosedError(`the cache of ${this.root} was closed`);
    this.closing.abort(err);
    this.reads.stop();
    this.client.off('reconnected', this.onReconnected);
    this.client.off('closed', this.onClientClosed);
    if (!this.isInitialized) this.settleInit(err);
    this.stream.end();
    this.closed = (async () => {
      const adding = this.adding;
      const watch = adding ? await adding.catch(() => this.watch) : this.watch;
      this.watch = undefined;
      if (watch?.active && this.client.state !== 'closed')
        await watch
          .remove(opts)
          .catch((e: Error) =>
            this.client.logger.warn(
              `[zk-recipes] the cache of ${this.root} could not remove its watch (${e.message}); it lapses with the session`,
            ),
          );
      await this.syncing;
    })();
    return this.closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ── Keeping in step with the server ───────────────────────────────────────

  private readonly onReconnected = () => this.requestSync();
  private readonly onClientClosed = () => void this.close();

  private get isClosed(): boolean {
    return this.closing.signal.aborted;
  }

  /** A sync pass is needed (soon, once connected); one loop runs them, never two at once. */
  private requestSync(): void {
    this.dirty = true;
    if (this.syncing || this.isClosed) return;
    this.syncing = this.syncLoop().finally(() => {
      this.syncing = undefined;
      if (this.dirty && !this.isClosed) this.requestSync();
    });
  }

  private async syncLoop(): Promise<void> {
    while (this.dirty && !this.isClosed) {
      try {
        await retrying(() => this.syncOnce(), {
          policy: SYNC_RETRY,
          signal: this.closing.signal,
          // Before the first load, only a connection's or session's trouble is worth waiting out.
          again: (e) =>
            !this.isClosed && !(e instanceof ClientClosedError) && (this.isInitialized || transient(e)),
          onRetry: (e) => {
            const log = transient(e) ? 'debug' : 'warn';
            this.client.logger[log](`[zk-recipes] the cache of ${this.root} will read again: ${e.message}`);
          },
        });
      } catch (e) {
        if (this.isClosed) return;
        // The first load cannot be done (no access, no persistent watches): say so and stop.
        this.settleInit(e);
        void this.close();
        return;
      }
    }
  }

  private async syncOnce(): Promise<void> {
    await whenConnected(this.client, this.closing.signal);
    this.closing.signal.throwIfAborted();
    this.dirty = false;
    const rebuilding = this.rebuildWanted;
    this.rebuildWanted = false;
    try {
      if (!this.watch?.active) await this.addWatch();
      await this.pass();
    } catch (e) {
      if (rebuilding) this.rebuildWanted = true;
      throw e;
    }
    if (this.isClosed) return;
    if (!this.isInitialized) {
      this.isInitialized = true;
      this.emitNews({ type: 'initialized' });
      this.settleInit();
    } else if (rebuilding) {
      this.emitNews({ type: 'rebuilt', sessionId: this.client.sessionId ?? '0' });
    }
  }

  private async addWatch(): Promise<void> {
    // Recursive even for maxDepth 0: a server keeps one mode per path and session, the last
    // one added, so a plain persistent watch would turn another recursive one of the client's
    // on this path into a plain one. Events below the root are then ignored.
    const mode = 'persistent-recursive';
    // Not the close signal: a watch the server may have added must be known, to be removed.
    this.adding = this.client.addWatch(this.root, {
      mode,
      listener: (e) => this.onWatchEvent(e),
      signal: this.client.connectionSignal,
    });
    try {
      const watch = await this.adding;
      if (this.isClosed) {
        // close() came while this was on its way: close() waits for this removal (syncing).
        await watch.remove().catch(() => {});
        this.closing.signal.throwIfAborted();
      }
      this.watch = watch;
    } catch (e) {
      if (e instanceof UnsupportedOperationError)
        throw new UnsupportedOperationError('ZkCache (a persistent recursive watch)', e.backend);
      throw e;
    } finally {
      this.adding = undefined;
    }
  }

  private onWatchEvent(e: WatchEvent): void {
    if (this.isClosed) return;
    switch (e.type) {
      case 'sessionEnded':
        if (this.client.state === 'closed') void this.close();
        else {
          if (this.isInitialized) this.rebuildWanted = true;
          this.requestSync();
        }
        return;
      case 'nodeChildrenChanged':
        return; // never sent to a recursive watch
      case 'nodeDeleted':
        if (!this.wants(e.path)) return;
        // With no read of it on the way, nothing can be answered out of turn: apply at once.
        if (this.reads.hasPending(e.path)) this.readNode(e.path);
        else this.reads.afterEarlier(() => this.emitAll(this.tree.remove(e.path)));
        return;
      default:
        if (this.wants(e.path)) this.readNode(e.path);
    }
  }

  private wants(path: string): boolean {
    try {
      return accepts(this.settings, this.root, path);
    } catch (e) {
      this.client.logger.error(`[zk-recipes] the cache's filter threw for ${path}; left out`, e);
      return false;
    }
  }

  /** One node read on a notification; a failure means something may have been missed: sync. */
  private readNode(path: string): void {
    this.reads.read(path, this.reader.node(path), (o) => {
      if (o.ok) return this.apply(path, o.value);
      if (o.error instanceof NoAuthError) return this.noAccess(path);
      if (!this.isClosed) this.requestSync();
    });
  }

  /** A sync pass (sync-pass.ts) with this cache's reads; a new epoch marks what it sees. */
  private pass(): Promise<void> {
    const epoch = ++this.epoch;
    return syncPass({
      root: this.root,
      maxDepth: this.settings.maxDepth,
      closing: this.closing.signal,
      read: (path, then) => this.reads.read(path, this.reader.node(path), then),
      children: (path) => this.reader.children(path),
      afterEarlier: (fn) => this.reads.afterEarlier(fn),
      wants: (path) => this.wants(path),
      apply: (path, node) => this.apply(path, node),
      noAccess: (path) => this.noAccess(path),
      sweep: () => {
        if (epoch !== this.epoch) return false;
        this.emitAll(this.tree.sweep(epoch));
        return true;
      },
    });
  }

  private apply(path: string, node: CachedNode | null): void {
    this.emitAll(node ? this.tree.put(node, this.epoch) : this.tree.remove(path));
  }

  private noAccess(path: string): void {
    this.client.logger.warn(`[zk-recipes] the cache of ${this.root} may not read ${path} (NoAuth); left out`);
    this.emitAll(this.tree.remove(path));
  }

  private emitAll(events: NodeEvent[]): void {
    for (const e of events) this.emitNews(e);
  }

  private emitNews(e: CacheEvent): void {
    if (this.isClosed) return;
    this.stream.push(e);
    const args = e.type === 'rebuilt' ? [e.sessionId] : e.type === 'initialized' ? [] : [e];
    // Each listener on its own: one that throws must not keep the others from hearing it.
    for (const listener of this.rawListeners(e.type) as ((...a: unknown[]) => void)[]) {
      try {
        listener.apply(this, args);
      } catch (err) {
        this.client.logger.error('[zk-recipes] a cache listener threw', err);
      }
    }
  }
}
