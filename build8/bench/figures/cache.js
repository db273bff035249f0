import { append, median, percentile, rotate } from '../stats.js';
const TREE = '/bench-cache';
export async function cache(ctx) {
    const impls = ctx.impls.filter((i) => i !== 'kazoo');
    const groups = ctx.config.quick ? 20 : 100;
    const perGroup = 99; // 1 + groups × (1 + 99) nodes
    const changes = ctx.config.quick ? 100 : 500;
    if (!(await ctx.client.exists(TREE))) {
        await ctx.client.create(TREE);
        const data = Buffer.alloc(100, 'x');
        for (let g = 0; g < groups; g++) {
            const ops = [{ op: 'create', path: `${TREE}/g${g}`, data }];
            for (let i = 0; i < perGroup; i++)
                ops.push({ op: 'create', path: `${TREE}/g${g}/n${i}`, data });
            await ctx.client.multi(ops);
        }
    }
    const p50 = {};
    const p99 = {};
    const load = {};
    let nodes = 0;
    for (let r = 0; r < ctx.config.rounds; r++) {
        for (const impl of rotate(impls, r)) {
            const [peer] = await ctx.pool.peers(impl, 1);
            const ns = (await peer.send(`cachelat /bench-cache-lat-${impl} ${changes}`, 120_000))
                .split(' ')
                .map(Number);
            append(p50, impl, percentile(ns, 50) / 1e6);
            append(p99, impl, percentile(ns, 99) / 1e6);
            const [took, size] = (await peer.send(`cacheload ${TREE}`, 300_000)).split(' ').map(Number);
            append(load, impl, took / 1e6);
            nodes = size;
        }
        ctx.log(`  cache round ${r + 1}/${ctx.config.rounds} done`);
    }
    const figure = 'Tree cache (ZkCache, CuratorCache)';
    const row = (id, label, from) => ({
        id,
        figure,
        label,
        unit: 'ms',
        better: 'lower',
        rounds: from,
        values: Object.fromEntries(Object.entries(from).map(([k, v]) => [k, median(v)])),
    });
    return [
        row('cache.event.p50', 'setData to event, p50', p50),
        row('cache.event.p99', 'setData to event, p99', p99),
        row('cache.load', `initial load of ${nodes} nodes`, load),
    ];
}
//# sourceMappingURL=cache.js.map