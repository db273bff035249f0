/**
 * What one client knows about its lock directories, and their deferred removal.
 *
 * ZooKeeper 3.5+ removes an empty CONTAINER node by itself (Curator relies on that), but the
 * wire client cannot create one, so the lock recipes remove a directory their last contender
 * left. Doing that right behind every release costs two writes per uncontended cycle (the
 * directory's delete, and its create again on the next acquire), so removal waits until the
 * directory has been idle in this process for `cleanupDelay` ms, and close() removes the
 * ones still waiting, and those its own contenders are still in, after deleting their nodes.
 * A directory is believed to exist while this process has a contender in it or a removal
 * pending; otherwise its state is unknown.
 */
import { monotonicNow } from '../../client/clock.js';
import { joinPath } from '../../client/paths.js';
import { at, type Timer } from '../../client/timers.js';
import type { ClosingSession, ZkClient } from '../../client/zk-client.js';
import { ClientClosedError } from '../../errors.js';

const registries = new WeakMap<ZkClient, QueueDirectories>();

/**
 * How long past its deadline an acquire's requests may still take (`acquire(0)` must be able to
 * create its node and read the queue), and how long a release or a directory removal waits for
 * its delete before going on in the background: `acquire(t)` settles within t plus this, and
 * `release()` within this, whatever the network does.
 */
export const REQUEST_GRACE_MS = 1000;

export class QueueDirectories {
  /** The registry of `client` (one per client, created on first use). */
  static of(client: ZkClient): QueueDirectories {
    let r = registries.get(client);
    if (!r) {
      r = new QueueDirectories(client);
      registries.set(client, r);
    }
    return r;
  }

  /** Directories with contenders of this process: how many. */
  private readonly active = new Map<string, number>();
  /** Active directories that a contender in them wants removed once empty (cleanupParent). */
  private readonly removable = new Set<string>();
  /** Idle directories waiting for removal: when (monotonic ms). */
  private readonly pending = new Map<string, number>();
  /**
   * The current session's nodes of this process, from their create until their delete was
   * answered (held, waiting, or deleted in the background after a connection loss): close()
   * deletes them before the directories, once their holders were told.
   */
  private readonly owned = new Set<string>();
  /**
   * Creates of the current session given up on before their answer (uuid → directory): their
   * node may exist. Looked for in the background (OwnNodes.sweep); close() looks for them too,
   * or the session's end would delete the node only after close() tried its directory.
   */
  private readonly sweeps = new Map<string, string>();
  private ownedBy: bigint | undefined;
  private timer: Timer | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  private constructor(private readonly client: ZkClient) {
    client.onClosing((last) => this.flush(last));
  }

  /** True when this process knows `dir` exists: it has a contender there or a removal pending. */
  knownToExist(dir: string): boolean {
    return this.active.has(dir) || this.pending.has(dir);
  }

  /** A contender of this process enters `dir`: no removal while it is there (close() removes a `removable` one). */
  enter(dir: string, removable: boolean): void {
    this.active.set(dir, (this.active.get(dir) ?? 0) + 1);
    if (removable) this.removable.add(dir);
    this.pending.delete(dir);
  }

  /**
   * A contender of this process left `dir`. When it was the last one and `removeAfter` is a
   * number, the directory is removed (if empty) that many ms later, or at once for 0.
   */
  leave(dir: string, removeAfter: number | undefined): Promise<void> {
    const n = (this.active.get(dir) ?? 1) - 1;
    if (n > 0) {
      this.active.set(dir, n);
      return Promise.resolve();
    }
    this.active.delete(dir);
    this.removable.delete(dir);
    if (removeAfter === undefined) return Promise.resolve();
    if (removeAfter === 0) return this.remove(dir);
    this.scheduleRemoval(dir, removeAfter);
    return Promise.resolve();
  }

  /** Removes `dir` (if empty) `ms` from now, unless a contender of this process enters it first. */
  scheduleRemoval(dir: string, ms: number): void {
    if (this.active.has(dir)) return;
    const due = monotonicNow() + ms;
    // Re-inserted at the end: `pending` stays in the order removals fall due (for equal delays).
    this.pending.delete(dir);
    this.pending.set(dir, due);
    this.schedule(due);
  }

  /** Our node at `path` was created on the session `owner`. */
  own(path: string, owner: bigint): void {
    this.onSession(owner);
    this.owned.add(path);
  }

  /** A create in `dir` with `uuid` on session `owner` was given up on; returns "it was resolved". */
  sweeping(dir: string, uuid: string, owner: bigint): () => void {
    this.onSession(owner);
    this.sweeps.set(uuid, dir);
    return () => this.sweeps.delete(uuid);
  }

  private onSession(owner: bigint): void {
    if (owner === this.ownedBy) return;
    this.owned.clear(); // the nodes of an earlier session went with it
    this.sweeps.clear();
    this.ownedBy = owner;
  }

  /** Our node at `path` is deleted (or gone with its session). */
  disown(path: string): void {
    this.owned.delete(path);
  }

  /**
   * Removes every directory still pending, now, after the nodes still being deleted in the
   * background: otherwise they would leave their directory behind, emptied only by the session's
   * end. close() runs this with the ending session's `last` requests; others with the client.
   */
  async flush(last: ClosingSession = this.client): Promise<void> {
    this.timer?.clear();
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const ours = this.ownedBy === this.client.sessionOwner;
    const nodes = ours ? [...this.owned] : [];
    const sweeps = ours ? [...this.sweeps] : [];
    const dirs = [...new Set([...this.pending.keys(), ...this.removable])];
    this.owned.clear();
    this.sweeps.clear();
    this.pending.clear();
    // The nodes first, answered, then their directories: a connection loss in between makes
    // both be sent again, and then the order they were sent in no longer says which goes first.
    // A create given up on is found by its uuid: the read is answered after the create.
    // One read per directory, however many creates were given up on in it.
    const uuidsIn = new Map<string, string[]>();
    for (const [uuid, dir] of sweeps) uuidsIn.set(dir, [...(uuidsIn.get(dir) ?? []), uuid]);
    const sweep = async (dir: string, uuids: string[]) => {
      const found = (await last.getChildren(dir)).filter((c) => uuids.some((u) => c.includes(u)));
      await Promise.all(found.map((name) => last.deleteIfEmpty(joinPath(dir, name))));
    };
    await Promise.all([
      ...nodes.map((n) => last.deleteIfEmpty(n).catch(() => {})),
      ...[...uuidsIn].map(([dir, uuids]) => sweep(dir, uuids).catch(() => {})),
    ]);
    await Promise.all(dirs.map((d) => last.deleteIfEmpty(d).catch(() => {})));
  }

  private get closed(): boolean {
    return this.client.state === 'closed';
  }

  private schedule(due: number): void {
    if (this.timer && this.timerAt <= due) return;
    this.timer?.clear();
    this.timerAt = due;
    // One timer per client, not per lock; unref'd: pending removals never keep a process alive.
    this.timer = at(due, () => this.onTimer(), { unref: true });
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    if (this.closed) return; // close() flushed what was pending
    const now = monotonicNow();
    // In insertion order, up to the first not yet due: with unequal delays a removal may come
    // late (never early), and a timer never scans more than what it removes.
    for (const [dir, due] of this.pending) {
      if (due > now) {
        this.schedule(due);
        return;
      }
      this.pending.delete(dir);
      void this.remove(dir);
    }
  }

  /** Deletes `dir` if it is empty. A failure to reach the server puts it back in line. */
  private async remove(dir: string): Promise<void> {
    if (this.closed) {
      this.pending.set(dir, 0); // close() is flushing: a hold told of it left its directory
      return;
    }
    try {
      // Only while the connection works: a removal that fails is tried again later.
      await this.client.deleteIfEmpty(dir, {
        signal: this.client.connectionSignal,
        timeout: REQUEST_GRACE_MS,
      });
    } catch (e) {
      if (e instanceof ClientClosedError || this.closed) return;
      if (!this.pending.has(dir)) this.scheduleRemoval(dir, 1000);
    }
  }
}
