/**
 * ZkReadWriteLock: many readers or one writer, node-compatible with Curator's
 * InterProcessReadWriteLock (`-__READ__` / `-__WRIT__` nodes) and Kazoo's ReadLock/WriteLock.
 *
 *   const rw = new ZkReadWriteLock(client, 'test');     // nodes under /locks/test
 *   if (await rw.readLock.acquire(5_000)) { try { read(); } finally { await rw.readLock.release(); } }
 *   await rw.writeLock.run(async (signal) => write(signal), { timeout: 5_000 });
 *
 * Both sides are ZkLocks on the one shared queue; only their predicate differs. A reader holds
 * when no writer precedes it and watches the nearest preceding writer; a writer holds when
 * first and watches its immediate predecessor. Queue order makes it fair: readers that arrive
 * after a waiting writer queue behind it.
 *
 * Downgrade: a task holding the write lock gets the read lock at once, and may then release
 * the write lock and keep reading. Upgrade (read held, write wanted) would wait forever, so it
 * is refused at once with LockUsageError.
 */
import type { ZkClient } from '../../client/zk-client.js';
import { LockUsageError } from '../../errors.js';
import { sortContenders } from '../queue/contenders.js';
import type { Hold } from '../queue/hold.js';
import { READER, WRITER } from './kinds.js';
import { type KindOptions, LOCK_RULES, type LockRules, type ZkLockOptions } from './lock-options.js';
import { ZkLock } from './zk-lock.js';

/**
 * Shared readers, exclusive writer: `readLock` and `writeLock` are ZkLocks on one queue.
 * See docs/rwlock.md.
 *
 * ```ts
 * const rw = new ZkReadWriteLock(client, 'catalog');
 * await rw.readLock.run(async () => read());
 * ```
 */
export class ZkReadWriteLock {
  readonly readLock: ZkLock;
  readonly writeLock: ZkLock;

  constructor(client: ZkClient, name: string, options: ZkLockOptions = {}) {
    const writeHeld = () => this.writeLock.currentHold()?.active ?? false;
    const writeNode = () => {
      const h = this.writeLock.currentHold();
      return h?.active ? new Set([h.node.name]) : new Set<string>();
    };
    this.writeLock = this.side(client, name, options, {
      kind: WRITER,
      removeNode: (hold) => this.releaseWriteNode(hold),
      check: () => {
        if (this.readLock.currentHold()?.active && !writeHeld()) {
          throw new LockUsageError(
            `cannot upgrade ${this.readLock.path} from read to write: release the read lock first (it would wait forever)`,
          );
        }
      },
    });
    this.readLock = this.side(client, name, options, {
      kind: READER,
      ignore: writeNode,
      grantAtOnce: writeHeld,
    });
    this.client = client;
  }

  private readonly client: ZkClient;

  private side(client: ZkClient, name: string, options: ZkLockOptions, rules: LockRules): ZkLock {
    return new ZkLock(client, name, { ...options, [LOCK_RULES]: rules } as KindOptions);
  }

  /**
   * Releasing the write lock while this task keeps a (downgraded) read lock: if another writer
   * queued between our write node and our read node, deleting the write node now would let that
   * writer in beside our reader, so the write node stays until the read hold ends. New nodes get
   * higher sequence numbers than our read node, so the check cannot race.
   */
  private async releaseWriteNode(hold: Hold): Promise<void> {
    const readHold = this.readLock.currentHold();
    if (!readHold?.active) return hold.removeNode();
    const keepUntilReadEnds = () => readHold.onEnd(() => void hold.removeNode().catch(() => {}));
    let children: string[];
    try {
      children = await this.client.getChildren(this.writeLock.path, { signal: this.client.connectionSignal });
    } catch {
      // Whether a writer queued in between is unknown: keep the write node while we read (the
      // safe side), rather than fail the release and leave the node for the session's life.
      return keepUntilReadEnds();
    }
    const queue = sortContenders(children);
    const from = queue.findIndex((c) => c.name === hold.node.name);
    const to = queue.findIndex((c) => c.name === readHold.node.name);
    if (from < 0 || to < 0) return hold.removeNode();
    const writerBetween = queue.slice(from + 1, to).some((c) => c.mode === 'exclusive');
    if (!writerBetween) return hold.removeNode();
    keepUntilReadEnds();
  }
}
