/**
 * A contender process of the fault suite. It takes the lock (or leadership of an election, or a
 * semaphore's lease) over and over; while holding it does a read-modify-write on the fenced
 * resource (not with a shared lock or a semaphore: several hold at once), and logs the hold as a
 * JSON line on stdout:
 *   {"ev":"ready"} {"ev":"acquired",...} {"ev":"hold","record":HoldRecord} {"ev":"done"}
 *   {"ev":"session","session":"<ephemeralOwner>"} (also in "ready": the session its nodes belong to)
 * Config: one JSON argument (WorkerConfig). SIGTERM: it gives up a pending acquire, ends a hold, leaves.
 */
import { monotonicNow } from '../../src/index.js';
import { contender } from './contenders.js';
const cfg = JSON.parse(process.argv[2]);
const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const rand = ([lo, hi]) => lo + Math.random() * (hi - lo);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const c = await contender(cfg);
const client = c.client;
// Its sessions, so that the test can tell a node of a live worker from a leaked or dead one.
emit({ ev: 'ready', pid: process.pid, session: String(client.sessionOwner) });
client.on('connected', () => emit({ ev: 'session', session: String(client.sessionOwner) }));
// When the client itself saw the connection go and the session end, for a violation's story.
for (const state of ['suspended', 'lost'])
    client.on(state, () => emit({ ev: state, t: monotonicNow() }));
let holds = 0;
let stopping = false;
// SIGTERM: finish the current hold, or give up the current acquire at once, then leave.
const stop = new AbortController();
process.on('SIGTERM', () => {
    stopping = true;
    stop.abort(new Error('stopped'));
});
while (!stopping &&
    (cfg.iterations === undefined || holds < cfg.iterations) &&
    (cfg.until === undefined || monotonicNow() < cfg.until)) {
    const timeout = cfg.acquireTimeoutMs ? rand(cfg.acquireTimeoutMs) : undefined;
    const ac = new AbortController();
    let abortTimer;
    if (cfg.abortChance && Math.random() < cfg.abortChance) {
        abortTimer = setTimeout(() => ac.abort(new Error('random abort')), Math.random() * 300);
    }
    let held = null;
    try {
        held = await c.acquire(timeout, AbortSignal.any([ac.signal, stop.signal]));
    }
    catch (e) {
        emit({ ev: 'acquire-failed', reason: String(e.message) });
        if (client.state === 'closed')
            break;
        continue;
    }
    finally {
        clearTimeout(abortTimer);
    }
    if (!held) {
        emit({ ev: 'timeout' });
        continue;
    }
    holds++;
    const { acquired, signal } = held;
    const token = held.token.toString();
    let lostAt;
    const onLost = () => {
        lostAt = monotonicNow();
        emit({ ev: 'lost', token, t: lostAt, reason: String(signal.reason?.message) });
    };
    if (signal.aborted)
        onLost(); // lost before this code ran (a pause right after the grant)
    else
        signal.addEventListener('abort', onLost);
    emit({ ev: 'acquired', token, t: acquired });
    const writes = [];
    try {
        const { value } = (await (await fetch(`${cfg.resource}/value?token=${token}`)).json());
        await sleep(rand(cfg.holdMs));
        // The signal reads the clock (docs/locks.md): after a stop, this runs before the library's timers.
        if (c.writes && (cfg.ignoreSignal || !signal.aborted)) {
            const t = monotonicNow();
            const res = await fetch(`${cfg.resource}/write`, {
                method: 'POST',
                body: JSON.stringify({ token, prev: value, next: value + 1 }),
            });
            writes.push({ t, result: (await res.json()).result });
        }
    }
    catch (e) {
        emit({ ev: 'resource-error', reason: String(e) });
    }
    const released = lostAt ?? monotonicNow();
    const record = {
        worker: cfg.id,
        mode: c.mode,
        token,
        acquired,
        released,
        writes,
        ...(lostAt === undefined ? {} : { lostAt }),
    };
    emit({ ev: 'hold', record });
    signal.removeEventListener('abort', onLost); // a leader's signal aborts on giving up too
    await held.release().catch((e) => emit({ ev: 'release-failed', reason: String(e) }));
}
await client.close();
emit({ ev: 'done' });
//# sourceMappingURL=fault-worker.js.map