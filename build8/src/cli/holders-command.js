import { ZkReadWriteLock } from '../recipes/locks/read-write-lock.js';
import { ZkLock } from '../recipes/locks/zk-lock.js';
import { ZkSemaphore } from '../recipes/semaphore/zk-semaphore.js';
import { CONNECT_TIMEOUT, connectOrExit, sessionHex } from './common.js';
/**
 * Marks holders in a queue (in queue order): the first contender holds; shared ones also hold
 * when every contender before them is shared (readers ahead of the first writer).
 * Entries without a stat (the node went while we looked) are left out.
 */
export function describeQueue(queue, stats) {
    const out = [];
    let onlySharedSoFar = true;
    queue.forEach((c, i) => {
        const stat = stats[i];
        if (!stat)
            return;
        const holds = out.length === 0 || (c.mode === 'shared' && onlySharedSoFar);
        if (c.mode === 'exclusive')
            onlySharedSoFar = false;
        out.push(row(c, stat, holds ? (/-latch-\d{10}$/.test(c.path) ? 'leader' : 'holder') : 'waiting'));
    });
    return out;
}
function row(c, stat, state, mode = c.mode) {
    return {
        state,
        identifier: c.identifier,
        mode,
        node: c.path,
        sequence: c.sequence,
        session: sessionHex(stat.ephemeralOwner),
        since: new Date(Number(stat.ctime)).toISOString(),
    };
}
/**
 * A semaphore's leases in lease order, then the processes queued for its mutex (Curator
 * InterProcessSemaphoreV2's `leases` and `locks`). Only the mutex's holder may have a lease node
 * still waiting for a free place, the newest: given the maximum, lease nodes past it are shown
 * as waiting. The mutex's holder itself is left out (its lease node, or the one it is about to
 * create, stands for it).
 */
export function describeSemaphore(leases, leaseStats, queued, queuedStats, max) {
    const out = [];
    leases.forEach((c, i) => {
        const stat = leaseStats[i];
        if (stat)
            out.push(row(c, stat, max === undefined || out.length < max ? 'holder' : 'waiting', 'lease'));
    });
    queued.forEach((c, i) => {
        const stat = queuedStats[i];
        if (stat && i > 0)
            out.push(row(c, stat, 'waiting', 'lease'));
    });
    return out;
}
/** A plain table, one contender a line, with a header; nothing at all for an empty queue. */
export function formatTable(rows) {
    if (rows.length === 0)
        return [];
    const header = ['STATE', 'MODE', 'SEQUENCE', 'SESSION', 'SINCE', 'IDENTIFIER', 'NODE'];
    const cells = rows.map((r) => [
        r.state,
        r.mode,
        String(r.sequence).padStart(10, '0'),
        r.session,
        r.since,
        r.identifier,
        r.node,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    return [header, ...cells].map((line) => line
        .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd());
}
/** The queue of lock `name` under `root`, described. */
export async function listHolders(client, name, root) {
    // Both sides of a read/write lock share one queue; participants() reads every kind of node.
    const queue = await new ZkReadWriteLock(client, name, { root }).writeLock.participants();
    const stats = await Promise.all(queue.map((c) => client.exists(c.path)));
    return describeQueue(queue, stats);
}
/** The semaphore `name` under `root`, described (`max`: its maximum, when known). */
export async function listSemaphoreHolders(client, name, root, max) {
    // Only reads: the maximum given here is not used by participants().
    const semaphore = new ZkSemaphore(client, name, { root, maxLeases: max ?? 1 });
    const leases = (await semaphore.participants()).map((p) => ({
        ...p,
        mode: 'shared',
        sequence: Number(p.path.slice(-10)),
    }));
    const queued = await new ZkLock(client, 'locks', { root: semaphore.path }).participants();
    const stat = (c) => client.exists(c.path);
    const [leaseStats, queuedStats] = await Promise.all([
        Promise.all(leases.map(stat)),
        Promise.all(queued.map(stat)),
    ]);
    return describeSemaphore(leases, leaseStats, queued, queuedStats, max);
}
export async function holdersCommand(inv, io) {
    const client = await connectOrExit(inv.connect, CONNECT_TIMEOUT, io);
    try {
        const rows = inv.semaphore
            ? await listSemaphoreHolders(client, inv.name, inv.root, inv.semaphore.max)
            : await listHolders(client, inv.name, inv.root);
        if (inv.json)
            io.out(JSON.stringify(rows, null, 2));
        else
            for (const line of formatTable(rows))
                io.out(line);
        return 0;
    }
    finally {
        await client.close();
    }
}
//# sourceMappingURL=holders-command.js.map