/**
 * Reentrant acquire: nested acquire()+release() pairs while the lock is held (inside
 * lock.run for us, on the owning thread for Curator). Kazoo's Lock is not reentrant. For us
 * the peer also counts the requests sent while measuring: there must be none. It counts at the one
 * method every request of the client passes through, and shows that the count sees a lock's
 * requests: a first, non-reentrant acquire+release of another lock counts more than 0.
 */
import { append, median, rotate } from '../stats.js';
// Enough awaits that V8 has optimised the loop: the figure is the steady cost.
const AWAIT_LOOPS = 200_000;
export async function reentrant(ctx) {
    const n = ctx.config.reentrantPairs;
    const impls = ctx.impls.filter((i) => i !== 'kazoo');
    const ns = {};
    let requests = 0;
    let firstRequests = 0;
    for (let r = 0; r < ctx.config.rounds; r++) {
        for (const impl of rotate(impls, r)) {
            const [perPair, sent, first] = (await (await ctx.pool.peers(impl, 1))[0].send(`reentrant reentrant-${impl} ${n}`))
                .split(' ')
                .map(Number);
            append(ns, impl, perPair);
            if (impl === 'ours') {
                requests += sent ?? Number.NaN;
                firstRequests = first ?? Number.NaN;
            }
        }
    }
    const figure = 'Reentrant acquire (lock already held by this task/thread)';
    const rows = [
        {
            id: 'reentrant.ns',
            figure,
            label: 'ns per acquire+release pair',
            unit: 'ns',
            better: 'lower',
            values: Object.fromEntries(impls.map((i) => [i, median(ns[i] ?? [])])),
            rounds: ns,
            note: "Kazoo's Lock is not reentrant",
        },
    ];
    if (impls.includes('ours')) {
        // A fresh process: the cost of every await there, before and after its first lock.run().
        const fresh = await ctx.pool.extra('ours');
        try {
            const [before, after] = (await fresh.send(`awaits ${AWAIT_LOOPS}`)).split(' ').map(Number);
            rows.push({
                id: 'reentrant.await-before',
                figure,
                label: 'zk-recipes process: ns per await, before any lock.run()',
                unit: 'ns',
                better: 'lower',
                values: { ours: before },
            }, {
                id: 'reentrant.await-after',
                figure,
                label: 'zk-recipes process: ns per await, after one lock.run()',
                unit: 'ns',
                better: 'lower',
                values: { ours: after },
                note: "AsyncLocalStorage.run() turns on Node 20's promise hooks for the whole process",
            });
        }
        finally {
            await ctx.pool.closeExtra(fresh);
        }
        rows.push({
            id: 'reentrant.requests',
            figure,
            label: `requests sent during ${(n * ctx.config.rounds).toLocaleString('en-US')} nested pairs`,
            unit: '',
            better: 'exact',
            target: 0,
            values: { ours: requests },
            note: 'counted on the zk-recipes:request:start diagnostics channel, which sees every request',
        });
        rows.push({
            id: 'reentrant.first-requests',
            figure,
            label: 'requests counted the same way for a first (non-reentrant) acquire+release',
            unit: '',
            better: 'higher',
            values: { ours: firstRequests },
            note: 'more than 0, or the count above proves nothing',
        });
    }
    return rows;
}
//# sourceMappingURL=reentrant.js.map