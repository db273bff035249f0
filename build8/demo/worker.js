/**
 * One demo contender process: takes the lock again and again, holds it for a while, and reports
 * each step as a JSON line on stdout (times on the machine's monotonic clock).
 * argv: connectString lockName kind(mutex|read|write) holdMs
 */
import { monotonicNow, ZkClient, ZkLock, ZkReadWriteLock } from '../src/index.js';
const [connectString, name, kind, holdMs] = process.argv.slice(2);
const emit = (ev, extra = {}) => process.stdout.write(`${JSON.stringify({ ev, t: monotonicNow(), ...extra })}\n`);
const client = new ZkClient(connectString, { sessionTimeout: 2000 });
await client.connect();
const identifier = `${kind}-${process.pid}`;
const lock = kind === 'mutex'
    ? new ZkLock(client, name, { identifier })
    : new ZkReadWriteLock(client, name, { identifier })[kind === 'read' ? 'readLock' : 'writeLock'];
// SIGTERM ends the demo for this worker: stop waiting at once, or finish the current hold.
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort(new Error('demo over')));
while (!stop.signal.aborted) {
    emit('waiting');
    try {
        await lock.run(async (signal) => {
            emit('acquired', { token: lock.fencingToken.toString() });
            await new Promise((r) => setTimeout(r, Number(holdMs) * (0.5 + Math.random())));
            emit(signal.aborted ? 'lost' : 'released');
        }, { signal: stop.signal });
    }
    catch {
        break; // aborted while waiting
    }
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 200)); // think time between turns
}
await client.close();
//# sourceMappingURL=worker.js.map