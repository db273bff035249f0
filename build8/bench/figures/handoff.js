/**
 * Handoff under contention: K processes (each its own session) loop acquire, release, acquire
 * on one lock. Every peer stamps, on the shared CLOCK_MONOTONIC, when its acquire resolved and
 * when it called release(); merged and ordered, each release() call to the next acquire's
 * resolution is one handoff. Only handoffs that complete before the run's end count: after it
 * nobody re-queues and the queue drains.
 *
 * Two regimes. A holder that releases at once saturates the machine (handoffs/s, CPU per
 * handoff), but then the next holder has often only just called acquire() again and is still
 * on its way into the queue: its "handoff" is partly an uncontended acquire. A holder busy for
 * `handoffBusyMs` lets every other process get into the queue first, so that the latency is
 * that of a handoff to a process that was waiting.
 */
import { monoNs } from '../context.js';
import { processCpuUs } from '../machine.js';
import { append, median, percentile, rotate } from '../stats.js';
/** CPU µs the peers have used so far, together; undefined if any is unreadable. */
function peersCpuUs(peers) {
    let sum = 0;
    for (const p of peers) {
        const us = processCpuUs(p.pid);
        if (us === undefined)
            return undefined;
        sum += us;
    }
    return sum;
}
const perHold = (before, after, holds) => before === undefined || after === undefined ? undefined : (after - before) / Math.max(1, holds);
/** One contention run of `impl`: K peers on lock `name`, for `ms` from a common start. */
async function contend(ctx, impl, kind, k, name, ms, holdMs) {
    const peers = await ctx.pool.peers(impl, k);
    // The start leaves time for the command to reach every peer.
    const start = monoNs() + 200000000n;
    const until = start + BigInt(ms) * 1000000n;
    const requestsBefore = await ctx.serverRequests();
    const cpuBefore = [ctx.serverCpuUs(), peersCpuUs(peers)];
    const answers = await Promise.all(peers.map((p) => p.send(`contend ${kind} ${name} ${start} ${until} ${holdMs}`, ms + 120_000)));
    const cpuAfter = [ctx.serverCpuUs(), peersCpuUs(peers)];
    const requests = (await ctx.serverRequests()) - requestsBefore;
    const holds = [];
    for (const answer of answers) {
        const t = answer === '' ? [] : answer.split(' ').map(BigInt);
        // per hold: acquire() called, acquire resolved, release() called
        for (let i = 0; i + 2 < t.length; i += 3)
            holds.push([t[i + 1], t[i + 2]]);
    }
    holds.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const latenciesUs = [];
    let overlaps = 0;
    let first;
    let last;
    for (let i = 0; i + 1 < holds.length; i++) {
        const next = holds[i + 1][0];
        if (next > until)
            break;
        const gap = next - holds[i][1];
        if (gap < 0n)
            overlaps += 1;
        latenciesUs.push(Number(gap) / 1e3);
        first ??= holds[i][1];
        last = next;
    }
    const seconds = first !== undefined && last !== undefined ? Number(last - first) / 1e9 : 0;
    return {
        latenciesUs,
        perSecond: seconds > 0 ? latenciesUs.length / seconds : 0,
        overlaps,
        requestsPerHold: requests / Math.max(1, holds.length),
        serverCpuPerHold: perHold(cpuBefore[0], cpuAfter[0], holds.length),
        peersCpuPerHold: perHold(cpuBefore[1], cpuAfter[1], holds.length),
    };
}
/** Handoff rows (p50, p99, handoffs/s, requests) per K, medians over rounds, implementations alternating. */
export async function contention(ctx, kind, ks, figure, idPrefix, impls = ctx.impls) {
    const rows = [];
    for (const k of ks) {
        try {
            rows.push(...(await contentionAt(ctx, impls, kind, k, figure, idPrefix)));
        }
        catch (e) {
            ctx.failed(`${idPrefix} K=${k}`, e); // the other K still count
        }
    }
    return rows;
}
async function contentionAt(ctx, impls, kind, k, figure, idPrefix) {
    const { rounds, contendMs, contendWarmupMs, handoffBusyMs } = ctx.config;
    for (const impl of impls)
        await ctx.pool.peers(impl, k); // all started before timing
    const perRound = {};
    const busyPerRound = {};
    for (const impl of impls) {
        await contend(ctx, impl, kind, k, `${idPrefix}-warm-${impl}-${k}`, contendWarmupMs, 0);
    }
    for (let r = 0; r < rounds; r++) {
        for (const impl of rotate(impls, r)) {
            const name = `${idPrefix}-${impl}-${k}-${r}`;
            append(perRound, impl, await contend(ctx, impl, kind, k, name, contendMs, 0));
            append(busyPerRound, impl, await contend(ctx, impl, kind, k, `${name}-busy`, contendMs, handoffBusyMs));
        }
    }
    const overlaps = impls.map((i) => [i, [...(perRound[i] ?? []), ...(busyPerRound[i] ?? [])].reduce((a, h) => a + h.overlaps, 0)]);
    const note = overlaps.some(([, n]) => n > 0)
        ? `OVERLAPPING HOLDS: ${overlaps.map(([i, n]) => `${i} ${n}`).join(', ')}`
        : undefined;
    const counts = (series) => impls.map((i) => `${i} ${(series[i] ?? []).map((h) => h.latenciesUs.length).join('/')}`).join(', ');
    ctx.log(`  ${idPrefix} K=${k}: handoffs per round ${counts(perRound)}; holder busy ${counts(busyPerRound)}`);
    const rows = [];
    const busy = `, holder busy ${handoffBusyMs} ms`;
    const figures = [
        ['busy-p50', `p50${busy}`, 'µs', (h) => percentile(h.latenciesUs, 50), busyPerRound],
        ['busy-p99', `p99${busy}`, 'µs', (h) => percentile(h.latenciesUs, 99), busyPerRound],
        ['p50', 'p50', 'µs', (h) => percentile(h.latenciesUs, 50), perRound],
        ['p99', 'p99', 'µs', (h) => percentile(h.latenciesUs, 99), perRound],
        ['rate', 'handoffs/s', '/s', (h) => h.perSecond, perRound],
        ['requests', 'requests per acquire+release (server)', '', (h) => h.requestsPerHold, perRound],
        ['server-cpu', 'server CPU per acquire+release', 'µs', (h) => h.serverCpuPerHold, perRound],
        ['peers-cpu', 'CPU of all K processes per acquire+release', 'µs', (h) => h.peersCpuPerHold, perRound],
    ];
    for (const [key, label, unit, pick, source] of figures) {
        const row = {
            id: `${idPrefix}.k${k}.${key}`,
            figure,
            label: `K=${k} ${label}`,
            unit,
            better: key === 'rate' ? 'higher' : 'lower',
            values: {},
            rounds: {},
        };
        for (const impl of impls) {
            const series = (source[impl] ?? []).map(pick).filter((v) => v !== undefined);
            if (series.length === 0)
                continue; // (CPU without /proc)
            row.rounds[impl] = series;
            row.values[impl] = median(series);
        }
        if (Object.keys(row.values).length === 0)
            continue;
        if (key.endsWith('cpu'))
            row.note = 'diagnostic: /proc CPU time';
        if (note)
            row.note = note;
        rows.push(row);
    }
    return rows;
}
export function handoff(ctx) {
    return contention(ctx, 'mutex', ctx.config.handoffKs, 'Mutex handoff under contention (release() call → next acquire resolved)', 'handoff', ctx.implsBothWires);
}
//# sourceMappingURL=handoff.js.map