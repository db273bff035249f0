/**
 * Leader failover: two participants (processes of their own) in one election; the leader goes,
 * and we time how long until the other leads, from the moment it went (on the shared
 * CLOCK_MONOTONIC: the follower's own log of when its term began). Two ways to go:
 *
 * - a clean close (`unlatch`): the leader deletes its node; the follower's watch fires;
 * - kill -9 of the leader's process: its node stays until the server expires its session, so
 *   the failover is about the session timeout (10 s for every peer), plus the server's expiry
 *   tick and the notification.
 *
 * zk-recipes' ZkLeaderElection beside Curator's LeaderLatch (the Kazoo peer has no election).
 */
import { monoNs } from '../context.js';
import { append, median, rotate } from '../stats.js';
/** ms from `went` to the follower's first term in `name`. */
async function followerElectedAfter(follower, name, went) {
    if ((await follower.send(`awaitleader ${name} 60000`, 70_000)) !== 'true') {
        throw new Error(`the follower was not elected in ${name} within 60 s`);
    }
    const gained = /\+(\d+)/.exec(await follower.send(`leaderlog ${name}`));
    if (!gained)
        throw new Error(`no term in the follower's log of ${name}`);
    return Number(BigInt(gained[1]) - went) / 1e6;
}
/** One failover of `impl`: a leader (an extra process when it is to be killed) and a pooled follower. */
async function failover(ctx, impl, how, name) {
    const [follower] = await ctx.pool.peers(impl, 1);
    const leader = how === 'kill' ? await ctx.pool.extra(impl) : (await ctx.pool.peers(impl, 2))[1];
    try {
        await leader.send(`latch ${name} leader`);
        if ((await leader.send(`awaitleader ${name} 30000`, 40_000)) !== 'true') {
            throw new Error(`the first participant did not lead ${name}`);
        }
        await follower.send(`latch ${name} follower`);
        // The follower is in the election (its node behind the leader's) before the leader goes.
        const dir = `/elections/${name}`;
        for (let i = 0; (await ctx.client.getChildren(dir)).length < 2; i++) {
            if (i > 500)
                throw new Error(`the follower did not join ${name}`);
            await new Promise((r) => setTimeout(r, 10));
        }
        const went = monoNs();
        if (how === 'kill')
            process.kill(leader.pid, 'SIGKILL');
        else
            await leader.send(`unlatch ${name}`);
        return await followerElectedAfter(follower, name, went);
    }
    finally {
        await follower.send(`unlatch ${name}`).catch(() => { });
        if (how === 'kill')
            await ctx.pool.closeExtra(leader);
    }
}
export async function leaderFailover(ctx) {
    const impls = ctx.impls.filter((i) => i !== 'kazoo');
    const samples = new Map([
        ['close', {}],
        ['kill', {}],
    ]);
    for (let r = 0; r < ctx.config.rounds; r++) {
        for (const impl of rotate(impls, r)) {
            for (const how of ['close', 'kill']) {
                try {
                    append(samples.get(how), impl, await failover(ctx, impl, how, `failover-${impl}-${how}-${r}`));
                }
                catch (e) {
                    ctx.failed(`leader failover ${impl} ${how} round ${r + 1}`, e);
                }
            }
        }
        ctx.log(`  leader failover round ${r + 1}/${ctx.config.rounds} done`);
    }
    const figure = 'Leader failover';
    return ['close', 'kill'].map((how) => {
        const byImpl = samples.get(how);
        const row = {
            id: `leader.failover.${how}`,
            figure,
            label: how === 'close' ? 'after a clean close' : 'after kill -9 (session timeout 10 s)',
            unit: 'ms',
            better: 'lower',
            values: {},
            rounds: byImpl,
        };
        for (const impl of impls)
            if (byImpl[impl])
                row.values[impl] = median(byImpl[impl]);
        if (how === 'kill')
            row.note = 'bounded below by the session timeout: the server must expire the session';
        return row;
    });
}
//# sourceMappingURL=leader.js.map