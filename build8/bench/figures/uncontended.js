/**
 * Uncontended acquire+release: one process, one lock, nobody else. Each round runs every
 * implementation's cycles back to back in a rotating order; rows are medians over rounds of
 * each round's p50, p99 and cycles/s.
 */
import { append, median, percentile, rotate, sum } from '../stats.js';
const KINDS = [
    { kind: 'mutex', command: 'cycle' },
    { kind: 'read', command: 'rcycle' },
    { kind: 'write', command: 'wcycle' },
];
/** The diagnostic variant: zk-recipes with cleanupParent: false (the lock directory is kept). */
const KEEP = 'mutex, cleanupParent: false';
export async function uncontended(ctx) {
    const { cycles, rounds } = ctx.config;
    const impls = ctx.implsBothWires;
    const peers = new Map();
    for (const impl of impls)
        peers.set(impl, (await ctx.pool.peers(impl, 1))[0]);
    const keep = ctx.impls.includes('ours')
        ? await ctx.pool.extra('ours', ['--keep-parent'], { warm: true })
        : undefined;
    const stats = new Map();
    const record = (variant, impl, answer, requests) => {
        const ns = answer.split(' ').map(Number);
        const byImpl = stats.get(variant) ?? {};
        stats.set(variant, byImpl);
        append(byImpl, impl, {
            p50: percentile(ns, 50) / 1e3,
            p99: percentile(ns, 99) / 1e3,
            rate: ns.length / (sum(ns) / 1e9),
            requests: requests / ns.length,
        });
    };
    const run = async (impl, n, recordIt) => {
        const cycle = async (variant, peer, command) => {
            const before = await ctx.serverRequests();
            const answer = await peer.send(command);
            if (recordIt)
                record(variant, impl, answer, (await ctx.serverRequests()) - before);
        };
        // Lock names per implementation: zk-recipes removes an idle lock's directory, and a Kazoo
        // Lock object whose directory went away fails with NoNodeError.
        for (const { kind, command } of KINDS) {
            await cycle(kind, peers.get(impl), `${command} solo-${impl}-${kind} ${n}`);
        }
        if (impl === 'ours' && keep)
            await cycle(KEEP, keep, `cycle solo-keep ${n}`);
    };
    // Unrecorded warm-up: the JITs (and the lock directories) first.
    for (const impl of impls)
        await run(impl, Math.ceil(cycles / 4), false);
    for (let r = 0; r < rounds; r++) {
        for (const impl of rotate(impls, r))
            await run(impl, cycles, true);
        ctx.log(`  uncontended round ${r + 1}/${rounds} done`);
    }
    if (keep)
        await ctx.pool.closeExtra(keep);
    const figure = 'Uncontended acquire+release cycle';
    const rows = [];
    for (const variant of [...KINDS.map((k) => k.kind), KEEP]) {
        const byImpl = stats.get(variant) ?? {};
        // The variant's rows compare it with the references' plain mutex (not with ours on the other wire).
        const reference = variant === KEEP ? (stats.get('mutex') ?? {}) : byImpl;
        const pick = (impl) => impl === 'ours' ? byImpl.ours : variant === KEEP && impl === 'nzc' ? undefined : reference[impl];
        for (const [key, label, unit, better] of [
            ['p50', 'p50', 'µs', 'lower'],
            ['p99', 'p99', 'µs', 'lower'],
            ['rate', 'cycles/s', '/s', 'higher'],
            ['requests', 'requests per cycle (server)', '', 'lower'],
        ]) {
            const row = {
                id: `uncontended.${variant === KEEP ? 'mutex-keep' : variant}.${key}`,
                figure,
                label: `${variant} ${label}`,
                unit,
                better,
                values: {},
                rounds: {},
            };
            for (const impl of impls) {
                const s = pick(impl);
                if (!s)
                    continue;
                row.rounds[impl] = s.map((x) => x[key]);
                row.values[impl] = median(row.rounds[impl]);
            }
            if (variant === KEEP)
                row.note = 'diagnostic: zk-recipes with cleanupParent: false vs the plain mutexes';
            rows.push(row);
        }
    }
    return rows;
}
//# sourceMappingURL=uncontended.js.map