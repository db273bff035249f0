/**
 * The one queue algorithm behind every lock kind (Curator's LockInternals, in spirit):
 * create an EPHEMERAL_SEQUENTIAL node, read the queue, ask the kind's predicate whether we
 * hold, otherwise watch the one node it names and look again when that node goes.
 *
 * Round trips are pipelined: the queue is read right behind our create, in one round trip; the
 * create's answer carries our node's czxid (the fencing token). An uncontended acquire+release
 * is three requests: create, getChildren, delete. A directory that may be missing is created in
 * front of our node instead, and the queue is read only if our node is not its first child.
 * The lock directory's removal is deferred (see lock-directories.ts).
 */
import { randomUUID } from 'node:crypto';
import { monotonicNow } from '../../client/clock.js';
import { type LockEvent, lockEvent } from '../../client/diagnostics.js';
import { basename, joinPath } from '../../client/paths.js';
import { retrying, UNTIL_SESSION_ENDS } from '../../client/retry.js';
import { at, deadlineAfter, msUntil } from '../../client/timers.js';
import type { Logger } from '../../client/types.js';
import type { CallOptions, ZkClient } from '../../client/zk-client.js';
import {
  ChrootMissingError,
  ConnectTimeoutError,
  isOutcomeUnknown,
  NoAuthError,
  NoNodeError,
  SessionExpiredError,
} from '../../errors.js';
import {
  blockersAhead,
  type ContenderMode,
  type LockPredicate,
  parseContender,
  sortContenders,
} from './contenders.js';
import { LockDirectories, REQUEST_GRACE_MS } from './lock-directories.js';

/** What distinguishes one lock kind from another: its node marker and its predicate. */
export interface LockKind {
  /** Curator's marker: '-lock-' (mutex), '-__WRIT__' (writer), '-__READ__' (reader). */
  marker: string;
  mode: ContenderMode;
  predicate: LockPredicate;
}

export interface QueueAcquireOptions {
  /** ms; undefined waits forever, 0 tries once without queueing. */
  timeout: number | undefined;
  signal: AbortSignal | undefined;
  force: boolean;
  /** Node names of our own task that the predicate must not wait for. */
  ignore: () => ReadonlySet<string>;
  /** Grant at once once our node exists (a downgrade: the task holds the write lock). */
  grantAtOnce: () => boolean;
}

/** Our own contender node: its path, its session, and its creation zxid. */
export class OwnNode {
  readonly name: string;
  /** Set once the queue no longer counts this node in its directory. */
  left = false;

  constructor(
    readonly path: string,
    readonly sessionOwner: bigint,
    /** The node's creation zxid: the fencing token. */
    readonly czxid: bigint,
  ) {
    this.name = basename(path);
  }
}

export class LockQueue {
  private readonly dirs: LockDirectories;

  constructor(
    readonly client: ZkClient,
    readonly dir: string,
    readonly data: Buffer,
    readonly logger: Logger,
    /** ms after its last contender of this process left that the directory is removed if empty; undefined keeps it. */
    readonly cleanupDelay: number | undefined,
  ) {
    this.dirs = LockDirectories.of(client);
  }

  /** Runs the recipe until we hold (our node), the timeout passes (null), or the signal aborts (throws). */
  async acquire(kind: LockKind, opts: QueueAcquireOptions): Promise<OwnNode | null> {
    const deadline = deadlineAfter(opts.timeout);
    // Every request of this acquire carries what is left of its one deadline (plus the grace a
    // try-lock needs to be answered at all), and its signal.
    const call = (): CallOptions =>
      deadline === Number.POSITIVE_INFINITY
        ? { signal: opts.signal }
        : { timeout: msUntil(deadline) + REQUEST_GRACE_MS, signal: opts.signal };
    const uuid = randomUUID();
    const prefix = `_c_${uuid}${kind.marker}`;
    // A directory we remove when idle is likely missing unless we know better: create it in the
    // same round trip as our node. A kept directory is likely there: a NoNode creates it.
    let dirMayBeMissing = this.cleanupDelay !== undefined && !this.dirs.knownToExist(this.dir);
    this.dirs.enter(this.dir, this.cleanupDelay !== undefined);
    let node: OwnNode | undefined;
    let children: string[] | undefined;
    for (;;) {
      try {
        opts.signal?.throwIfAborted();
        if (!(await this.ensureSession(deadline, opts.signal))) return await this.giveUp(node);
        if (node && node.sessionOwner !== this.client.sessionOwner) node = undefined; // gone with its session
        if (!node) {
          if (opts.force) await this.forceClear(kind, new Set(), -1, opts.ignore(), call);
          const created = await this.createNode(prefix, uuid, deadline, call, dirMayBeMissing);
          if (!created) return await this.giveUp(undefined);
          dirMayBeMissing = false;
          ({ node, children } = created);
          if (opts.grantAtOnce()) return node; // a downgrade: our task holds the write lock
          // Sequence 0: no node was ever created in this directory before ours (the counter
          // counts creations), and every later one comes behind us. We are first; nothing to read.
          if (!children && parseContender(node.name)?.sequence === 0) children = [node.name];
        }
        const queue = sortContenders(children ?? (await this.client.getChildren(this.dir, call())));
        children = undefined;
        const ourIndex = queue.findIndex((c) => c.name === node!.name);
        if (ourIndex < 0) {
          // Our node is gone (deleted by a forced acquire, or its session ended): queue again.
          this.logger.debug(`[zk-recipes] ${node.path} vanished while waiting; queueing again`);
          node = undefined;
          continue;
        }
        // A node of ours from an earlier session or a lost create reply must not block us.
        const stale = queue.filter((c, i) => i < ourIndex && c.name.includes(uuid));
        if (stale.length > 0) {
          await Promise.allSettled(
            stale.map((c) => this.client.delete(joinPath(this.dir, c.name), -1, call())),
          );
          continue;
        }
        const ignore = opts.ignore();
        if (
          opts.force &&
          (await this.forceClear(kind, new Set([node.name]), ourIndex, ignore, call, queue))
        ) {
          continue;
        }
        const decision = kind.predicate(queue, ourIndex, ignore);
        if (decision.held) return node;
        if (opts.timeout === 0 || monotonicNow() >= deadline) return await this.giveUp(node);
        // Nodes only join the queue behind us: when the node we wait for is the last one in our
        // way, its deletion hands us the lock, if our own node is still there (a forced acquire
        // may have deleted it). Watching our node too answers that without another read.
        const last = !opts.force && blockersAhead(queue, ourIndex, kind.mode, ignore).length === 1;
        if (lockEvent.hasSubscribers)
          lockEvent.publish({ event: 'queued', lock: this.dir, node: node.path } satisfies LockEvent);
        const woke = await this.waitGone(
          joinPath(this.dir, decision.watch.name),
          deadline,
          opts.signal,
          last ? node.path : undefined,
        );
        // (a new session comes with a new connection, which waitGone already answers 'lookAgain' to)
        if (woke === 'handedOver' && this.client.state === 'connected') return node;
      } catch (e) {
        // The caller's signal or deadline ended a request: leave the queue, whatever the request was.
        if (opts.signal?.aborted) {
          await this.giveUp(node);
          throw opts.signal.reason;
        }
        if (monotonicNow() >= deadline && isOutcomeUnknown(e)) return await this.giveUp(node);
        // A request caught by the end of our session, or a queue read of a directory removed
        // after our node was deleted: our node is gone, so queue again.
        const gone =
          e instanceof SessionExpiredError ||
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

  private async ensureSession(deadline: number, signal: AbortSignal | undefined): Promise<boolean> {
    if (this.client.state === 'connected') return true;
    const remaining = deadline - monotonicNow();
    if (remaining <= 0) return false;
    try {
      await this.client.connect({ signal, timeout: remaining });
      return true;
    } catch (e) {
      if (e instanceof ConnectTimeoutError) return false;
      throw e;
    }
  }

  /**
   * Creates our node, with the queue read pipelined behind it. A lost reply is resolved by
   * looking for our uuid (Curator's protected mode): the create may have happened. When the
   * acquire gives up on a create whose outcome is unknown, the node is looked for and deleted
   * in the background (see sweep).
   */
  private async createNode(
    prefix: string,
    uuid: string,
    deadline: number,
    call: () => CallOptions,
    dirMayBeMissing: boolean,
  ): Promise<{ node: OwnNode; children: string[] | undefined } | null> {
    const path = joinPath(this.dir, prefix);
    for (;;) {
      call().signal?.throwIfAborted();
      if (!(await this.ensureSession(deadline, call().signal))) return null;
      const owner = this.client.sessionOwner!;
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
      } catch (e) {
        await Promise.all([children, dir]);
        if (e instanceof NoNodeError) {
          await this.client.mkdirp(this.dir, call());
          continue;
        }
        const unknown = isOutcomeUnknown(e) || call().signal?.aborted === true;
        if (!unknown && !(e instanceof SessionExpiredError)) throw e;
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
          if (stat) await this.client.delete(found, -1, call()).catch(() => {}); // an earlier session's node
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
  private sweep(uuid: string, owner: bigint): void {
    this.whileSessionLives(owner, async () => {
      const found = await this.findByUuid(uuid);
      if (found) await this.client.delete(found);
    });
  }

  /** Runs `attempt` in the background, again after each unknown outcome, while session `owner` lives. */
  private whileSessionLives(owner: bigint, attempt: () => Promise<void>): Promise<void> {
    const ending = this.client.sessionSignal;
    if (!ending || ending.aborted || this.client.sessionOwner !== owner) return Promise.resolve();
    return retrying(attempt, { policy: UNTIL_SESSION_ENDS, signal: ending }).catch(() => {});
  }

  private async findByUuid(uuid: string, call: CallOptions = {}): Promise<string | undefined> {
    const children = await this.client.getChildren(this.dir, call);
    const name = children.find((c) => c.includes(uuid));
    return name === undefined ? undefined : joinPath(this.dir, name);
  }

  /**
   * Forced acquire: deletes the nodes the predicate would wait for. Before our node exists
   * (ourIndex -1) this also proves we may delete here, so a NoAuth leaves nothing behind.
   * Returns true when it deleted (or, cut off by connection loss, may have deleted) something.
   */
  private async forceClear(
    kind: LockKind,
    own: ReadonlySet<string>,
    ourIndex: number,
    ignore: ReadonlySet<string>,
    call: () => CallOptions,
    known?: ReturnType<typeof sortContenders>,
  ): Promise<boolean> {
    let queue = known;
    if (!queue) {
      try {
        queue = sortContenders(await this.client.getChildren(this.dir, call()));
      } catch (e) {
        if (e instanceof NoNodeError) return false;
        throw e;
      }
    }
    const skip = new Set([...own, ...ignore]);
    const victims = blockersAhead(queue, ourIndex < 0 ? queue.length : ourIndex, kind.mode, skip);
    if (victims.length === 0) return false;
    // Back of the queue first: a waiter whose node goes is told before its predecessor goes, so
    // it looks again instead of taking the lock handed over (see waitGone).
    const results = await Promise.allSettled(
      [...victims].reverse().map((v) => this.client.delete(joinPath(this.dir, v.name), -1, call())),
    );
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
  private waitGone(
    path: string,
    deadline: number,
    signal: AbortSignal | undefined,
    own: string | undefined,
  ): Promise<'handedOver' | 'lookAgain'> {
    return new Promise((resolve) => {
      let done = false;
      let gone = false;
      // undefined until our node's read answers; without `own` there is nothing to hand over.
      let ownThere: boolean | undefined = own === undefined ? false : undefined;
      // Ends the reads and removes their watches once we stop waiting: a waiter that gave up
      // leaves nothing behind (the server's one watch per path stays until the node changes).
      const reads = new AbortController();
      const finish = (woke: 'handedOver' | 'lookAgain') => {
        if (done) return;
        done = true;
        timer.clear();
        signal?.removeEventListener('abort', lookAgain);
        reads.abort();
        resolve(woke);
      };
      const lookAgain = () => finish('lookAgain');
      const connects = this.client.connects;
      const decide = () => {
        if (!gone || ownThere === undefined) return;
        finish(ownThere && this.client.connects === connects ? 'handedOver' : 'lookAgain');
      };
      const timer = at(deadline, lookAgain);
      signal?.addEventListener('abort', lookAgain, { once: true });
      if (signal?.aborted) return lookAgain();
      // getData, not exists: an exists watch on a node already gone would stay registered.
      this.client
        .getData(path, {
          signal: reads.signal,
          watch: (e) => {
            if (e.type !== 'nodeDeleted') return lookAgain();
            gone = true;
            decide();
          },
        })
        .then(undefined, (e) => {
          if (!(e instanceof NoNodeError)) return lookAgain();
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
  private async giveUp(node: OwnNode | undefined): Promise<null> {
    if (node) await this.remove(node);
    else await this.leaveDir();
    return null;
  }

  private leaveDir(): Promise<void> {
    return this.dirs.leave(this.dir, this.cleanupDelay);
  }

  /** Our node is gone with its session: it no longer counts in the directory. */
  forget(node: OwnNode): void {
    if (node.left) return;
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
  async remove(node: OwnNode): Promise<void> {
    const left = node.left;
    node.left = true;
    const del = this.deleteNode(node);
    const dirGone = left ? undefined : this.leaveDir();
    await del;
    await dirGone;
  }

  /** Deletes our node; when the outcome is unknown, goes on in the background (see remove). */
  private async deleteNode(node: OwnNode): Promise<void> {
    try {
      await this.deleteOnce(node);
    } catch (e) {
      if (!isOutcomeUnknown(e)) {
        this.logger.error(`[zk-recipes] could not delete ${node.path}`, e);
        throw e;
      }
      this.logger.warn(
        `[zk-recipes] delete of ${node.path} failed (${(e as Error).message}); retrying in the background`,
      );
      // Not awaited: the caller goes on; close() deletes what is still owned (lock-directories.ts).
      void this.whileSessionLives(node.sessionOwner, () => this.deleteOnce(node)).then(() => {
        if (this.cleanupDelay !== undefined) this.dirs.scheduleRemoval(this.dir, this.cleanupDelay);
      });
    }
  }

  /** One delete of our node, waiting only while the connection works, and at most the grace. */
  private async deleteOnce(node: OwnNode): Promise<void> {
    if (node.sessionOwner !== this.client.sessionOwner || this.client.state === 'closed')
      return this.dirs.disown(node.path); // gone with its session
    try {
      await this.client.delete(node.path, -1, {
        signal: this.client.connectionSignal,
        timeout: REQUEST_GRACE_MS,
      });
    } catch (e) {
      if (!(e instanceof NoNodeError) && !(e instanceof SessionExpiredError)) throw e;
    }
    this.dirs.disown(node.path);
  }

  /** The queue in order: each contender's node path, identifier (node data) and mode. */
  async contenders(): Promise<{ path: string; identifier: string; mode: ContenderMode; sequence: number }[]> {
    let children: string[];
    try {
      children = await this.client.getChildren(this.dir);
    } catch (e) {
      if (!(e instanceof NoNodeError)) throw e;
      const why = await this.client.explainNoNode(e);
      if (why instanceof ChrootMissingError) throw why; // not "nobody holds it"
      return [];
    }
    const queue = sortContenders(children);
    const data = await Promise.all(
      queue.map((c) =>
        this.client.getData(joinPath(this.dir, c.name)).then(
          (r) => r.data.toString('utf8'),
          (e) => (e instanceof NoNodeError ? undefined : Promise.reject(e)),
        ),
      ),
    );
    return queue.flatMap((c, i) =>
      data[i] === undefined
        ? []
        : [{ path: joinPath(this.dir, c.name), identifier: data[i]!, mode: c.mode, sequence: c.sequence }],
    );
  }
}
