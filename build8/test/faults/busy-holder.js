/**
 * A holder that keeps its server busy: it takes the lock (cfg.kind) once, then reads every 50 ms until its
 * lock's signal aborts (or SIGTERM), so its client's last answer comes as late as the server answers
 * at all. Used by the partition finding (partition-holder.ts): a follower cut off from the leader
 * answers such reads until it notices. Same JSON lines as fault-worker.ts:
 *   {"ev":"ready"} {"ev":"acquired","token","t"} {"ev":"lost","token","t"} {"ev":"hold","record"} {"ev":"done"}
 * Config: one JSON argument (WorkerConfig; holdMs[1] bounds the hold).
 */
import { monotonicNow } from '../../src/index.js';
import { contender } from './contenders.js';
const cfg = JSON.parse(process.argv[2]);
const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const c = await contender(cfg);
const client = c.client;
emit({ ev: 'ready', pid: process.pid, session: String(client.sessionOwner) });
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
const held = await c.acquire(undefined, stop.signal).catch(() => null);
if (held) {
    const token = held.token.toString();
    const grantedAt = held.acquired;
    emit({ ev: 'acquired', token, t: grantedAt });
    const end = grantedAt + cfg.holdMs[1];
    let lostAt;
    held.signal.addEventListener('abort', () => {
        lostAt = monotonicNow();
        emit({ ev: 'lost', token, t: lostAt });
    });
    while (lostAt === undefined && !stop.signal.aborted && monotonicNow() < end) {
        await client.exists('/').catch(() => { });
        await new Promise((r) => setTimeout(r, 50));
    }
    const record = {
        worker: cfg.id,
        mode: cfg.kind === 'read' ? 'shared' : 'exclusive',
        token,
        acquired: grantedAt,
        released: lostAt ?? monotonicNow(),
        writes: [],
        ...(lostAt === undefined ? {} : { lostAt }),
    };
    emit({ ev: 'hold', record });
    await held.release().catch(() => { });
}
await client.close();
emit({ ev: 'done' });
//# sourceMappingURL=busy-holder.js.map