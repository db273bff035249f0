/**
 * Semaphore: uncontended acquire+release of one lease (a maximum of 3), one process, nobody
 * else. Each round runs every implementation's cycles in a rotating order; the rows are medians
 * over rounds of each round's p50 and p99. zk-recipes' ZkSemaphore beside Curator's
 * InterProcessSemaphoreV2 (same nodes: a mutex under `locks`, lease nodes under `leases`);
 * the Kazoo peer has no semaphore.
 */
import { append, median, percentile, rotate } from '../stats.js';
const MAX = 3;
export async function semaphoreCycle(ctx) {
    const impls = ctx.impls.filter((i) => i !== 'kazoo');
    const p50 = {};
    const p99 = {};
    const run = async (impl, n) => {
        const [peer] = await ctx.pool.peers(impl, 1);
        const answer = await peer.send(`semcycle sem-${impl} ${MAX} ${n}`, 120_000);
        return answer.split(' ').map((ns) => Number(ns) / 1e3);
    };
    for (const impl of impls)
        await run(impl, Math.ceil(ctx.config.cycles / 4)); // warm-up
    for (let r = 0; r < ctx.config.rounds; r++) {
        for (const impl of rotate(impls, r)) {
            const us = await run(impl, ctx.config.cycles);
            append(p50, impl, percentile(us, 50));
            append(p99, impl, percentile(us, 99));
        }
        ctx.log(`  semaphore round ${r + 1}/${ctx.config.rounds} done`);
    }
    const figure = 'Semaphore acquire+release (uncontended, one lease)';
    return [
        ['p50', p50],
        ['p99', p99],
    ].map(([key, byImpl]) => {
        const samples = byImpl;
        const row = {
            id: `semaphore.cycle.${key}`,
            figure,
            label: `one lease ${key}`,
            unit: 'µs',
            better: 'lower',
            values: {},
            rounds: samples,
        };
        for (const impl of impls)
            if (samples[impl])
                row.values[impl] = median(samples[impl]);
        return row;
    });
}
//# sourceMappingURL=semaphore.js.map