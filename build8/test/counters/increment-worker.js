/**
 * A process that increments one ZkAtomicLong `count` times, one increment at a time, and reports
 * what it was told: {"acked":N,"unknown":N,"failed":N,"suspended":N,"errors":[...]} on one line.
 * argv: connectString path count
 */
import { CounterOutcomeUnknownError, ZkAtomicLong, ZkClient } from '../../src/index.js';
const [connectString, path, count] = process.argv.slice(2);
const client = new ZkClient(connectString, { sessionTimeout: 6000 });
let suspended = 0;
client.on('suspended', () => suspended++);
await client.connect();
const counter = new ZkAtomicLong(client, path);
let acked = 0;
let unknown = 0;
const errors = [];
for (let i = 0; i < Number(count); i++) {
    try {
        await counter.increment({ timeout: 60_000 });
        acked++;
    }
    catch (e) {
        if (e instanceof CounterOutcomeUnknownError)
            unknown++;
        else
            errors.push(String(e));
    }
}
await client.close();
process.stdout.write(`${JSON.stringify({ acked, unknown, failed: errors.length, suspended, errors })}\n`);
//# sourceMappingURL=increment-worker.js.map