// Acquires in flight (threads for the references): the server, not the client, is the limit.
const CONCURRENCY = { ours: 64, nzc: 64, curator: 16, kazoo: 16 };
export async function memory(ctx) {
    const n = ctx.config.memoryLocks;
    const figure = `Memory with ${n.toLocaleString('en-US')} locks held by one client`;
    const perLock = {
        id: 'memory.bytes',
        figure,
        label: 'heap bytes per held lock',
        unit: 'B',
        better: 'lower',
        values: {},
        note: 'V8 heapUsed / JVM heap after System.gc() / Python tracemalloc',
    };
    const rows = [perLock];
    for (const impl of ctx.impls) {
        const peer = await ctx.pool.extra(impl);
        try {
            if (impl === 'ours') {
                // The small run first: a release cost that grows with the number held shows as a ratio.
                const small = (await peer.send(`memory mem-small ${n / 10} ${CONCURRENCY.ours}`, 600_000)).split(' ');
                const [heap, buffers, acquireMs, releaseMs] = (await peer.send(`memory mem-ours ${n} ${CONCURRENCY.ours}`, 600_000))
                    .split(' ')
                    .map(Number);
                perLock.values.ours = heap;
                const us = (ms, count) => (1000 * ms) / count;
                rows.push({
                    id: 'memory.buffers',
                    figure,
                    label: 'zk-recipes: Buffer bytes per held lock (outside the heap)',
                    unit: 'B',
                    better: 'lower',
                    values: { ours: buffers },
                }, {
                    id: 'memory.acquire',
                    figure,
                    label: `zk-recipes: acquire µs per lock, ${n.toLocaleString('en-US')} taken ${CONCURRENCY.ours} at a time`,
                    unit: 'µs',
                    better: 'lower',
                    values: { ours: us(acquireMs, n) },
                }, {
                    id: 'memory.release-small',
                    figure,
                    label: `zk-recipes: release µs per lock with ${(n / 10).toLocaleString('en-US')} held`,
                    unit: 'µs',
                    better: 'lower',
                    values: { ours: us(Number(small[3]), n / 10) },
                }, {
                    id: 'memory.release',
                    figure,
                    label: `zk-recipes: release µs per lock with ${n.toLocaleString('en-US')} held`,
                    unit: 'µs',
                    better: 'lower',
                    values: { ours: us(releaseMs, n) },
                });
                if (/MaxListenersExceededWarning/.test(peer.stderr)) {
                    perLock.note += '; zk-recipes printed MaxListenersExceededWarning';
                }
            }
            else {
                perLock.values[impl] = Number(await peer.send(`memory mem-${impl} ${n} ${CONCURRENCY[impl]}`, 600_000));
            }
        }
        finally {
            await ctx.pool.closeExtra(peer);
        }
        ctx.log(`  memory ${impl}: ${Math.round(perLock.values[impl] ?? Number.NaN)} B per lock`);
    }
    return rows;
}
//# sourceMappingURL=memory.js.map