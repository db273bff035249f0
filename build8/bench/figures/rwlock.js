/**
 * The read/write lock: R reader processes acquire the read lock at the same instant (all
 * granted together, nobody writes), and writers hand the write lock over under contention.
 */
import { monoNs } from '../context.js';
import { append, median, percentile, rotate } from '../stats.js';
import { contention } from './handoff.js';
async function readers(ctx) {
    const { readers: count, readerRounds } = ctx.config;
    const p50 = {};
    const p99 = {};
    for (const impl of ctx.impls)
        await ctx.pool.peers(impl, count);
    const burst = async (impl, name) => {
        const peers = await ctx.pool.peers(impl, count);
        const start = monoNs() + 150000000n;
        const us = (await Promise.all(peers.map((p) => p.send(`acquireat read ${name} ${start}`)))).map((a) => Number(a) / 1e3);
        await Promise.all(peers.map((p) => p.send(`unread ${name}`)));
        return us;
    };
    for (const impl of ctx.impls)
        await burst(impl, `readers-warm-${impl}`);
    for (let r = 0; r < readerRounds; r++) {
        for (const impl of rotate(ctx.impls, r)) {
            // The same lock every round, as readers of one resource would use it.
            const us = await burst(impl, `readers-${impl}`);
            append(p50, impl, percentile(us, 50));
            append(p99, impl, percentile(us, 99));
        }
    }
    const figure = 'Read/write lock';
    return [
        ['p50', p50],
        ['max', p99],
    ].map(([key, series]) => ({
        id: `rw.readers.${key}`,
        figure,
        label: `${count} concurrent readers: acquire ${key === 'p50' ? 'p50' : `max (p99 of ${count})`}`,
        unit: 'µs',
        better: 'lower',
        values: Object.fromEntries(ctx.impls.map((i) => [i, median(series[i] ?? [])])),
        rounds: series,
    }));
}
export async function rwLock(ctx) {
    const readerRows = await readers(ctx);
    const writerRows = await contention(ctx, 'write', ctx.config.writerKs, 'Read/write lock', 'rw.writer');
    for (const row of writerRows)
        row.label = `writer handoff ${row.label}`;
    return [...readerRows, ...writerRows];
}
//# sourceMappingURL=rwlock.js.map