/**
 * Herd check: one holder and W waiting processes on one mutex. Before each release the
 * server's own watch table (`wchp`: path → sessions) says who will be told when the holder's
 * node goes: watchers of that node from other sessions, plus child watchers of the lock
 * directory, are the waiters woken. `mntr`'s node_*_watch_count sums, read around the series,
 * give every watch event the server fired, including a holder's watch on its own node.
 */
import { parseConnectString, sortContenders } from '../../src/index.js';
import { mean } from '../stats.js';
/** `wchp`'s answer as path → session ids ('0x…'). */
export function parseWchp(reply) {
    const byPath = new Map();
    let current;
    for (const line of reply.split('\n')) {
        if (line.trim() === '')
            continue;
        if (/^\s/.test(line))
            current?.add(line.trim());
        else {
            current = new Set();
            byPath.set(line.trim(), current);
        }
    }
    return byPath;
}
/** The total of watch events the server fired so far (all node_*_watch_count sums). */
export function firedWatches(mntr) {
    let total = 0;
    for (const m of mntr.matchAll(/^zk_sum_node_\w+_watch_count\s+(\d+)/gm))
        total += Number(m[1]);
    return total;
}
const sessionHex = (owner) => `0x${BigInt.asUintN(64, owner).toString(16)}`;
/** Waits until every waiter watches something, then reads who the holder's release will wake. */
async function settledSnapshot(ctx, dir, waiters) {
    const deadline = Date.now() + 15_000;
    // The server names paths with the connect string's chroot in front.
    const chroot = parseConnectString(ctx.connectString).chroot ?? '';
    for (;;) {
        const children = sortContenders(await ctx.client.getChildren(dir));
        const owners = await Promise.all(children.map(async (c) => (await ctx.client.exists(`${dir}/${c.name}`))?.ephemeralOwner));
        const watches = parseWchp(await ctx.fourLetter('wchp'));
        let crossWatches = 0;
        children.forEach((c, i) => {
            const owner = owners[i] === undefined ? undefined : sessionHex(owners[i]);
            for (const s of watches.get(`${chroot}${dir}/${c.name}`) ?? [])
                if (s !== owner)
                    crossWatches += 1;
        });
        const dirWatchers = watches.get(`${chroot}${dir}`)?.size ?? 0;
        if (children.length === waiters + 1 && crossWatches + dirWatchers >= waiters) {
            const holder = `${chroot}${dir}/${children[0].name}`;
            const holderOwner = owners[0] === undefined ? '' : sessionHex(owners[0]);
            const onHolder = watches.get(holder) ?? new Set();
            const self = onHolder.has(holderOwner) ? 1 : 0;
            return { wakes: onHolder.size - self + dirWatchers, self };
        }
        if (Date.now() > deadline)
            throw new Error(`the queue on ${dir} did not settle`);
        await new Promise((r) => setTimeout(r, 20));
    }
}
async function herdOf(ctx, impl) {
    const { herdWaiters: w, herdReleases } = ctx.config;
    const peers = await ctx.pool.peers(impl, w + 1);
    const name = `herd-${impl}`;
    const dir = `/locks/${name}`;
    const pending = new Map();
    const queue = (p) => pending.set(p, p.send(`mutex ${name} 120000`, 130_000));
    if ((await peers[0].send(`mutex ${name} 10000`)) !== 'true')
        throw new Error(`${impl}: no first holder`);
    let holder = peers[0];
    for (const p of peers.slice(1))
        queue(p);
    const wakes = [];
    const self = [];
    let before = Number.NaN;
    for (let i = 0; i < herdReleases; i++) {
        const snap = await settledSnapshot(ctx, dir, w);
        if (i === 0)
            before = firedWatches(await ctx.fourLetter('mntr'));
        wakes.push(snap.wakes);
        self.push(snap.self);
        await holder.send(`unmutex ${name}`);
        // Exactly one waiter's acquire answers: it is the next holder.
        const next = await Promise.race([...pending].map(([p, answer]) => answer.then((a) => ({ p, a }))));
        if (next.a !== 'true')
            throw new Error(`${impl}: a waiter's acquire answered ${next.a}`);
        pending.delete(next.p);
        const released = holder;
        holder = next.p;
        if (i === herdReleases - 1)
            break;
        queue(released);
    }
    const after = firedWatches(await ctx.fourLetter('mntr'));
    // Drain: release the holder and every waiter in turn, queueing nobody again.
    for (;;) {
        await holder.send(`unmutex ${name}`);
        if (pending.size === 0)
            break;
        const next = await Promise.race([...pending].map(([p, answer]) => answer.then(() => p)));
        pending.delete(next);
        holder = next;
    }
    return { wakes, self, events: after - before, releases: herdReleases };
}
export async function herd(ctx) {
    const figure = `Watch notifications per release (herd check, ${ctx.config.herdWaiters} waiting processes)`;
    const woken = {
        id: 'herd.woken.max',
        figure,
        label: 'waiters woken per release (max)',
        unit: '',
        better: 'exact',
        target: 1,
        values: {},
    };
    const wokenMean = {
        ...woken,
        id: 'herd.woken.mean',
        label: 'waiters woken per release (mean)',
        values: {},
    };
    const events = {
        id: 'herd.events',
        figure,
        label: 'watch events fired per release (server)',
        unit: '',
        better: 'lower',
        values: {},
    };
    const selfRow = {
        id: 'herd.self',
        figure,
        label: "holder's watch on its own node",
        unit: '',
        better: 'lower',
        values: {},
    };
    for (const impl of ctx.impls) {
        const h = await herdOf(ctx, impl);
        woken.values[impl] = Math.max(...h.wakes);
        wokenMean.values[impl] = mean(h.wakes);
        events.values[impl] = h.events / h.releases;
        selfRow.values[impl] = mean(h.self);
        ctx.log(`  herd ${impl}: woken ${h.wakes.join(',')}; ${h.events} watch events for ${h.releases} releases`);
    }
    return [woken, wokenMean, events, selfRow];
}
//# sourceMappingURL=herd.js.map