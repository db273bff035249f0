/**
 * Child of stopped-process.test.ts: holds a lock with a timer pending, and reports what the hold
 * looks like when that timer runs (the test stops this process before it does).
 */
import { monotonicNow, ZkClient, ZkLock } from '../../src/index.js';
const [connect, name, delay] = process.argv.slice(2);
const client = new ZkClient(connect, { sessionTimeout: 2000 });
await client.connect();
const lock = new ZkLock(client, name);
await lock.acquire();
const { signal } = lock;
let abortedAt;
signal.addEventListener('abort', () => {
    abortedAt = monotonicNow();
});
const say = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
setTimeout(() => {
    say({ ev: 'timer', t: monotonicNow(), aborted: signal.aborted, remaining: lock.remaining() });
    const end = setInterval(() => {
        if (abortedAt === undefined)
            return;
        clearInterval(end);
        say({ ev: 'aborted', t: abortedAt });
        void client.close().then(() => process.exit(0));
    }, 10);
}, Number(delay));
say({ ev: 'held', t: monotonicNow() });
//# sourceMappingURL=stopped-timer-child.js.map