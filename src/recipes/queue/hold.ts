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
import { after, checkedOnRead, type Timer } from '../../client/timers.js';
import type { Logger, WatchEvent } from '../../client/types.js';
import type { ZkClient } from '../../client/zk-client.js';
import { ClientClosedError, LeaseExpiredError, LockLostError, NoNodeError } from '../../errors.js';
import type { OwnNode } from './contender-queue.js';

/** Curator's Revoker writes this into the holder's node. */
export const REVOKE_MESSAGE = '__REVOKE__';

export interface HoldCallbacks {
  lost(hold: Hold, reason: LockLostError): void;
  revocationRequested(hold: Hold): void;
  suspended(hold: Hold): void;
}

/** What a hold asks of the queue it holds a place in: to leave it, with or without a delete. */
export interface QueuePlace {
  /** Deletes our node (in the background when the connection is down) and leaves. */
  remove(node: OwnNode): Promise<void>;
  /** Our node is gone with its session (or about to be): it no longer counts. */
  forget(node: OwnNode): void;
}

export interface HoldOptions {
  /** Our node at the head of the queue; its czxid is the fencing token. */
  node: OwnNode;
  client: ZkClient;
  queue: QueuePlace;
  logger: Logger;
  on: HoldCallbacks;
  /** ms the hold may last without renew() (none by default). */
  lease?: number | undefined;
  /** Watch our node, so that its deletion by someone else or a revocation request is heard at once. */
  watchNode: boolean;
}

/**
 * One listener per client, not two per hold, for the connection's news a hold needs besides its
 * session's end: a suspension (told to the lock's owner) and a reconnection (the hold checks its
 * node is still ours).
 */
class ConnectionNews {
  private static readonly byClient = new WeakMap<ZkClient, ConnectionNews>();
  readonly holds = new Set<Hold>();

  static of(client: ZkClient): ConnectionNews {
    let news = ConnectionNews.byClient.get(client);
    if (!news) {
      const made = new ConnectionNews();
      client.on('suspended', () => {
        for (const h of [...made.holds]) h.suspended();
      });
      client.on('reconnected', () => {
        for (const h of [...made.holds]) void h.verify();
      });
      ConnectionNews.byClient.set(client, made);
      news = made;
    }
    return news;
  }
}

export class Hold {
  count = 1;
  readonly fencingToken: bigint;
  readonly acquiredAt = monotonicNow();
  private readonly controller = new AbortController();
  private leaseMs: number | undefined;
  private leaseDeadline = Number.POSITIVE_INFINITY;
  private leaseTimer: Timer | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly endListeners: (() => void)[] = [];
  private ended = false;
  private watchingNode = false;

  readonly node: OwnNode;
  private readonly client: ZkClient;
  private readonly queue: QueuePlace;
  private readonly logger: Logger;
  private readonly callbacks: HoldCallbacks;

  constructor({ node, client, queue, logger, on, lease, watchNode }: HoldOptions) {
    this.node = node;
    this.fencingToken = node.czxid;
    this.client = client;
    this.queue = queue;
    this.logger = logger;
    this.callbacks = on;
    if (lease !== undefined) this.renew(lease);
    checkedOnRead(this.controller.signal, () => this.checkDeadline());
    this.watch();
    if (watchNode) this.watchNode();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * The deadline by the clock. A process that was stopped or whose event loop was blocked runs
   * the timers that came due meanwhile before any timer or socket of ours: a look at `signal`
   * from one of them must already see the hold gone (churn scenario 9's finding).
   * @internal
   */
  checkDeadline(): void {
    if (this.ended) return;
    const now = monotonicNow();
    if (now >= this.leaseDeadline) this.leaseExpired();
    else if (now >= this.client.validUntil) this.client.enforceDeadline();
  }

  get active(): boolean {
    return !this.ended;
  }

  get path(): string {
    return this.node.path;
  }

  /** Monotonic ms until which the hold is certain: the session's safe deadline, capped by the lease. */
  get validUntil(): number {
    if (this.ended) return 0;
    return Math.min(this.client.validUntil, this.leaseDeadline);
  }

  /** Extends the lease to `ms` from now (default: the lease asked for at acquire). */
  renew(ms?: number): void {
    const lease = ms ?? this.leaseMs;
    if (lease === undefined) return;
    this.leaseMs = lease;
    this.leaseDeadline = monotonicNow() + lease;
    this.leaseTimer?.clear();
    this.leaseTimer = after(lease, () => this.leaseExpired());
  }

  private leaseExpired(): void {
    const lease = this.leaseMs;
    this.logger.warn(`[zk-recipes] lease of ${this.node.path} expired after ${lease} ms; releasing`);
    this.lose(new LeaseExpiredError(`the lease of ${lease} ms on ${this.node.path} expired without renew()`));
    void this.queue.remove(this.node).catch(() => {});
  }

  private sessionLost(why = 'the ZooKeeper session was lost'): void {
    this.lose(new LockLostError(`lock ${this.node.path} lost: ${why}`));
  }

  private watch(): void {
    // The session's end (lost, expired, closed) comes through its one signal, aborted before
    // anything else acts on it.
    const ending = this.client.sessionSignal;
    if (!ending || ending.aborted || this.client.sessionOwner !== this.node.sessionOwner) {
      this.sessionLost(ending?.reason instanceof ClientClosedError ? 'the client was closed' : undefined);
      return;
    }
    const onEnd = () =>
      this.sessionLost(ending.reason instanceof ClientClosedError ? 'the client was closed' : undefined);
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
  watchNode(): void {
    if (this.ended || this.watchingNode) return;
    this.watchingNode = true;
    this.readNode();
  }

  /** Reads our node with a watch: each answer checks it is still ours and whether a revocation was asked for. */
  private readNode(): void {
    const path = this.node.path;
    const onEvent = (e: WatchEvent) => {
      if (this.ended) return;
      if (e.type === 'nodeDeleted')
        this.lose(new LockLostError(`lock node ${path} was deleted by someone else`));
      else if (e.type === 'sessionEnded') this.sessionLost();
      else this.readNode(); // its data changed: read it, and watch again
    };
    this.client.getData(path, { watch: onEvent }).then(
      ({ data, stat }) => {
        if (this.ended) return;
        if (stat.ephemeralOwner !== this.node.sessionOwner) {
          this.lose(new LockLostError(`lock node ${path} is no longer ours`));
        } else if (data.toString('utf8') === REVOKE_MESSAGE) {
          this.callbacks.revocationRequested(this);
        }
      },
      (e) => {
        if (e instanceof NoNodeError)
          this.lose(new LockLostError(`lock node ${path} was deleted by someone else`));
        // other failures: the session's end is reported by the client events
      },
    );
  }

  /** @internal The client is suspended: the hold is uncertain until it reconnects. */
  suspended(): void {
    this.callbacks.suspended(this);
  }

  /** @internal After a reconnect: is our node still there and still ours? */
  async verify(): Promise<void> {
    try {
      const stat = await this.client.exists(this.node.path);
      if (!stat || stat.ephemeralOwner !== this.node.sessionOwner) {
        this.lose(new LockLostError(`lock node ${this.node.path} is no longer ours after reconnecting`));
      }
    } catch (e) {
      this.logger.debug(`[zk-recipes] could not verify ${this.node.path} after reconnect`, e);
    }
  }

  /** The lock is lost: abort the signal first, then tell the owner. */
  lose(reason: LockLostError): void {
    if (this.ended) return;
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
  async release(removeNode: (hold: Hold) => Promise<void> = (h) => h.removeNode()): Promise<void> {
    if (this.ended) return;
    this.stop();
    await removeNode(this);
  }

  removeNode(): Promise<void> {
    return this.queue.remove(this.node);
  }

  /** Runs `fn` once when this hold ends (released or lost). */
  onEnd(fn: () => void): void {
    if (this.ended) fn();
    else this.endListeners.push(fn);
  }

  private stop(): void {
    this.ended = true;
    this.count = 0;
    this.leaseTimer?.clear();
    for (const u of this.unsubscribe.splice(0)) u();
    for (const fn of this.endListeners.splice(0)) fn();
  }
}
