import { LockUsageError } from '../../errors.js';
import { sortContenders } from '../queue/contenders.js';
import { READER, WRITER } from './kinds.js';
import { LOCK_RULES } from './lock-options.js';
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
    readLock;
    writeLock;
    constructor(client, name, options = {}) {
        const writeHeld = () => this.writeLock.currentHold()?.active ?? false;
        const writeNode = () => {
            const h = this.writeLock.currentHold();
            return h?.active ? new Set([h.node.name]) : new Set();
        };
        this.writeLock = this.side(client, name, options, {
            kind: WRITER,
            removeNode: (hold) => this.releaseWriteNode(hold),
            check: () => {
                if (this.readLock.currentHold()?.active && !writeHeld()) {
                    throw new LockUsageError(`cannot upgrade ${this.readLock.path} from read to write: release the read lock first (it would wait forever)`);
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
    client;
    side(client, name, options, rules) {
        return new ZkLock(client, name, { ...options, [LOCK_RULES]: rules });
    }
    /**
     * Releasing the write lock while this task keeps a (downgraded) read lock: if another writer
     * queued between our write node and our read node, deleting the write node now would let that
     * writer in beside our reader, so the write node stays until the read hold ends. New nodes get
     * higher sequence numbers than our read node, so the check cannot race.
     */
    async releaseWriteNode(hold) {
        const readHold = this.readLock.currentHold();
        if (!readHold?.active)
            return hold.removeNode();
        const keepUntilReadEnds = () => readHold.onEnd(() => void hold.removeNode().catch(() => { }));
        let children;
        try {
            children = await this.client.getChildren(this.writeLock.path, { signal: this.client.connectionSignal });
        }
        catch {
            // Whether a writer queued in between is unknown: keep the write node while we read (the
            // safe side), rather than fail the release and leave the node for the session's life.
            return keepUntilReadEnds();
        }
        const queue = sortContenders(children);
        const from = queue.findIndex((c) => c.name === hold.node.name);
        const to = queue.findIndex((c) => c.name === readHold.node.name);
        if (from < 0 || to < 0)
            return hold.removeNode();
        const writerBetween = queue.slice(from + 1, to).some((c) => c.mode === 'exclusive');
        if (!writerBetween)
            return hold.removeNode();
        keepUntilReadEnds();
    }
}
//# sourceMappingURL=read-write-lock.js.map