/**
 * A participant of a ZkLeaderElection for the partition scenarios: it runs for leadership over and
 * over (selector style, `run(fn)` without requeue); each term reads the fenced resource, stays
 * busy (a read every 50 ms) for a random time within holdMs unless the term is lost, then writes
 * with its fencing token if still leading. Same JSON lines as fault-worker.ts, a term being a hold:
 *   {"ev":"ready"} {"ev":"acquired","token","t"} {"ev":"lost","token","t"} {"ev":"hold","record"} {"ev":"done"}
 * Config: one JSON argument (WorkerConfig; kind ignored). SIGTERM: ends a term or the wait, leaves.
 */
import { monotonicNow, ZkClient, ZkLeaderElection } from '../../src/index.js';
const cfg = JSON.parse(process.argv[2]);
const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const rand = ([lo, hi]) => lo + Math.random() * (hi - lo);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const client = new ZkClient(cfg.connect, {
    sessionTimeout: cfg.sessionTimeout,
    connectTimeout: 60_000,
    ...(cfg.safetyMargin === undefined ? {} : { safetyMargin: cfg.safetyMargin }),
});
await client.connect();
emit({ ev: 'ready', pid: process.pid, session: String(client.sessionOwner) });
client.on('connected', () => emit({ ev: 'session', session: String(client.sessionOwner) }));
const election = new ZkLeaderElection(client, cfg.name, { participantId: cfg.id });
let grantedAt = 0;
let grantedToken = 0n;
election.on('leader', (info) => {
    grantedAt = monotonicNow();
    grantedToken = info.fencingToken;
});
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort(new Error('stopped')));
let terms = 0;
while (!stop.signal.aborted && (cfg.iterations === undefined || terms < cfg.iterations)) {
    try {
        await election.run(async (signal) => {
            terms++;
            const token = grantedToken.toString();
            const acquired = grantedAt;
            let lostAt;
            const onLost = () => {
                lostAt = monotonicNow();
                emit({ ev: 'lost', token, t: lostAt });
            };
            if (signal.aborted)
                onLost();
            else
                signal.addEventListener('abort', onLost, { once: true });
            emit({ ev: 'acquired', token, t: acquired });
            const writes = [];
            const { value } = (await (await fetch(`${cfg.resource}/value?token=${token}`)).json());
            const end = monotonicNow() + rand(cfg.holdMs);
            while (!signal.aborted && !stop.signal.aborted && monotonicNow() < end) {
                await client.exists('/').catch(() => { });
                await sleep(50);
            }
            if (!signal.aborted) {
                const t = monotonicNow();
                const res = await fetch(`${cfg.resource}/write`, {
                    method: 'POST',
                    body: JSON.stringify({ token, prev: value, next: value + 1 }),
                });
                writes.push({ t, result: (await res.json()).result });
            }
            signal.removeEventListener('abort', onLost);
            const record = {
                worker: cfg.id,
                mode: 'exclusive',
                token,
                acquired,
                released: lostAt ?? monotonicNow(),
                writes,
                ...(lostAt === undefined ? {} : { lostAt }),
            };
            emit({ ev: 'hold', record });
        }, { signal: stop.signal });
    }
    catch (e) {
        emit({ ev: 'acquire-failed', reason: String(e.message) });
        if (client.state === 'closed')
            break;
    }
}
await election.close();
await client.close();
emit({ ev: 'done' });
//# sourceMappingURL=election-worker.js.map