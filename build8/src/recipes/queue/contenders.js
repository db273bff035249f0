/**
 * Contender node names and queue order: pure functions, shared by every recipe on the queue.
 *
 * The nodes of one lock live in one directory. A contender's name ends in a marker and
 * ZooKeeper's 10-digit sequence number; the sequence counter belongs to the directory, so
 * sorting by it is creation order whatever the marker. Markers recognised:
 *   Curator InterProcessMutex          `_c_<uuid>-lock-<seq>`          exclusive
 *   Curator InterProcessReadWriteLock  `_c_<uuid>-__WRIT__<seq>`       exclusive
 *                                      `_c_<uuid>-__READ__<seq>`       shared
 *   Kazoo Lock / WriteLock             `<hex>__lock__<seq>`            exclusive
 *   Kazoo ReadLock                     `<hex>__rlock__<seq>`           shared
 *   Curator LeaderLatch                `_c_<uuid>-latch-<seq>`         exclusive (a participant)
 * Any other child is not a contender and is ignored.
 */
const PATTERN = /(-lock-|-__WRIT__|-__READ__|-latch-|__lock__|__rlock__)(\d{10})$/;
/** Parses one child name; undefined when it is not a contender (of a lock or an election). */
export function parseContender(name) {
    const m = PATTERN.exec(name);
    if (!m)
        return undefined;
    const marker = m[1];
    const mode = marker === '-__READ__' || marker === '__rlock__' ? 'shared' : 'exclusive';
    return { name, sequence: Number(m[2]), mode };
}
/** The contenders among `children`, in queue order (by sequence, then name for a stable order). */
export function sortContenders(children) {
    const out = [];
    for (const child of children) {
        const c = parseContender(child);
        if (c)
            out.push(c);
    }
    return out.sort((a, b) => a.sequence - b.sequence || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
/**
 * The nodes ahead of ours (at `ourIndex`; the queue's length before our node exists) that block
 * `kind`. `ignore` holds nodes of our own task (a write node a downgrading reader must not wait for).
 */
export function blockersAhead(kind, queue, ourIndex, ignore) {
    return queue.slice(0, ourIndex).filter((c) => !ignore.has(c.name) && kind.blocks(c));
}
/** Hold when nothing ahead blocks us; otherwise watch the nearest blocker, and only it. */
export function decide(kind, queue, ourIndex, ignore) {
    for (let i = ourIndex - 1; i >= 0; i--) {
        const c = queue[i];
        if (!ignore.has(c.name) && kind.blocks(c))
            return { held: false, watch: c };
    }
    return { held: true };
}
//# sourceMappingURL=contenders.js.map