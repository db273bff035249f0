/**
 * Parked waiters: what a process costs while it only waits for a lock (issue 17: "a process
 * that waits should cost next to nothing while it waits"). Per implementation one peer holds a
 * lock and `parkedWaiters` others queue behind it. Once every waiter's node is in the queue and
 * two seconds have passed, each waiter's CPU time (every thread: /proc schedstat, exact to the ns),
 * its wake-ups, and the requests the server received on its session (`cons`, pings included)
 * are read at the start and the end of a `parkedMs` window.
 *
 * All implementations park at once: a parked process competes for next to nothing, so one
 * window serves them all, and a burst on the machine falls on all of them alike.
 */
import { sortContenders } from '../../src/index.js';
import { threadsSchedstat } from '../machine.js';
import { append, median } from '../stats.js';
/** `cons`: session id ('0x…') → packets received on that connection. */
export function parseCons(reply) {
    const bySession = new Map();
    for (const line of reply.split('\n')) {
        const sid = /sid=(0x[0-9a-f]+)/.exec(line)?.[1];
        const recved = /recved=(\d+)/.exec(line)?.[1];
        if (sid && recved)
            bySession.set(sid, Number(recved));
    }
    return bySession;
}
const sessionHex = (owner) => `0x${BigInt.asUintN(64, owner).toString(16)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function park(ctx, impl, round) {
    const w = ctx.config.parkedWaiters;
    const [holder, ...waiters] = await ctx.pool.peers(impl, w + 1);
    const name = `parked-${impl}-${round}`;
    if ((await holder.send(`mutex ${name} 10000`)) !== 'true')
        throw new Error(`${impl}: no holder for ${name}`);
    const done = Promise.allSettled(waiters.map(async (p) => {
        const acquired = await p.send(`mutex ${name} 300000`, 310_000);
        if (acquired !== 'true')
            throw new Error(`${impl}: a parked waiter's acquire answered ${acquired}`);
        return p.send(`unmutex ${name}`);
    }));
    return { name, holder: holder, waiters, done };
}
/** Waits until every waiter's node is in the queue; resolves the waiters' session ids. */
async function queued(ctx, impl, p) {
    const dir = `/locks/${p.name}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
        const children = await ctx.client.getChildren(dir).catch(() => []);
        if (children.length === p.waiters.length + 1) {
            const sorted = sortContenders(children);
            const owners = await Promise.all(sorted.slice(1).map(async (c) => (await ctx.client.exists(`${dir}/${c.name}`))?.ephemeralOwner));
            return owners.filter((o) => o !== undefined).map(sessionHex);
        }
        if (Date.now() > deadline)
            throw new Error(`${impl}: the waiters on ${dir} did not all queue`);
        await sleep(50);
    }
}
async function snapshot(ctx, p, sessions) {
    let cpuNs = 0;
    let runs = 0;
    for (const w of p.waiters) {
        const s = threadsSchedstat(w.pid);
        if (!s)
            throw new Error('no /proc/<pid>/task/*/schedstat here');
        cpuNs += s.cpuNs;
        runs += s.runs;
    }
    const cons = parseCons(await ctx.fourLetter('cons').catch(() => ''));
    const counts = sessions.map((s) => cons.get(s));
    const requests = counts.every((c) => c !== undefined) && counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : undefined;
    return { cpuNs, runs, requests };
}
export async function parked(ctx) {
    const { parkedWaiters: w, parkedMs, rounds } = ctx.config;
    const impls = ctx.implsBothWires;
    const seconds = parkedMs / 1000;
    const cpu = {};
    const wakeups = {};
    const requests = {};
    for (const impl of impls)
        await ctx.pool.peers(impl, w + 1); // all started before anything parks
    for (let r = 0; r < rounds; r++) {
        const parkings = new Map();
        try {
            for (const impl of impls)
                parkings.set(impl, await park(ctx, impl, r));
            const sessions = new Map();
            for (const [impl, p] of parkings)
                sessions.set(impl, await queued(ctx, impl, p));
            await sleep(2_000); // every waiter has set its watch and gone quiet
            const before = new Map();
            for (const [impl, p] of parkings)
                before.set(impl, await snapshot(ctx, p, sessions.get(impl)));
            await sleep(parkedMs);
            for (const [impl, p] of parkings) {
                const a = before.get(impl);
                const b = await snapshot(ctx, p, sessions.get(impl));
                append(cpu, impl, (b.cpuNs - a.cpuNs) / 1e3 / w / seconds);
                append(wakeups, impl, (b.runs - a.runs) / w / seconds);
                if (a.requests !== undefined && b.requests !== undefined)
                    append(requests, impl, ((b.requests - a.requests) / w / seconds) * 60);
            }
        }
        finally {
            // Let go: each waiter acquires and releases in turn.
            for (const [impl, p] of parkings) {
                await p.holder.send(`unmutex ${p.name}`);
                const failed = (await p.done).find((s) => s.status === 'rejected');
                if (failed)
                    ctx.failed(`parked ${impl}`, failed.reason);
            }
        }
        ctx.log(`  parked round ${r + 1}/${rounds}: µs CPU per waiter per s ${impls.map((i) => `${i} ${cpu[i]?.at(-1)?.toFixed(1)}`).join(', ')}`);
    }
    const figure = `Parked waiters (${w} processes waiting on a held lock, ${seconds} s)`;
    const row = (id, label, unit, series, note) => ({
        id: `parked.${id}`,
        figure,
        label,
        unit,
        better: 'lower',
        values: Object.fromEntries(impls.filter((i) => series[i]).map((i) => [i, median(series[i])])),
        rounds: series,
        note,
    });
    const rows = [
        row('cpu', 'CPU per parked waiter per second', 'µs', cpu, 'every thread of the process: /proc/<pid>/task/*/schedstat'),
        row('wakeups', 'thread wake-ups per parked waiter per second', '', wakeups, 'times a thread of the process was put on a CPU (schedstat)'),
        row('requests', 'requests per parked waiter per minute (server)', '', requests, "the server's count on the waiter's connection (cons), pings included"),
    ];
    return rows.filter((r) => Object.keys(r.values).length > 0);
}
//# sourceMappingURL=parked.js.map