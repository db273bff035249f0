/**
 * Many holds on one client cost one listener each on the session's signal, and none on the
 * client: its listener count stays flat however many locks it holds, with no listener warning,
 * and every hold hears of the session's end.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { before, test } from 'node:test';
import { LockLostError, ZkLock } from '../../src/index.js';
import { clientListeners, collectWarnings, connect, startServer } from '../helpers.js';
let server;
before(async () => {
    server = await startServer();
});
test('500 holds: the client listener count stays flat, each hold listens once to the session signal', async () => {
    const warnings = collectWarnings('MaxListenersExceededWarning');
    try {
        const c = await connect(server.connectString);
        const first = new ZkLock(c, 'many-0', { cleanupDelay: 0 });
        assert.equal(await first.acquire(5000), true);
        const withOne = clientListeners(c);
        const signal = c.sessionSignal;
        const onSignalWithOne = getEventListeners(signal, 'abort').length;
        const locks = Array.from({ length: 500 }, (_, i) => new ZkLock(c, `many-${i + 1}`, { cleanupDelay: 0 }));
        for (let i = 0; i < locks.length; i += 50) {
            const batch = await Promise.all(locks.slice(i, i + 50).map((l) => l.acquire(10_000)));
            assert.ok(batch.every(Boolean));
        }
        assert.equal(clientListeners(c), withOne, 'no client listener per hold');
        assert.equal(getEventListeners(signal, 'abort').length, onSignalWithOne + 500, 'one per hold');
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(warnings.seen, []);
        await c.close();
        for (const l of [first, ...locks]) {
            assert.equal(l.isAcquired, false);
        }
        assert.equal(getEventListeners(signal, 'abort').length, 0, 'every hold stopped listening');
    }
    finally {
        warnings.stop();
    }
});
test('every hold of a closed client hears of it through its signal, as LockLostError', async () => {
    const c = await connect(server.connectString);
    const locks = Array.from({ length: 20 }, (_, i) => new ZkLock(c, `closing-${i}`, { cleanupDelay: 0 }));
    await Promise.all(locks.map((l) => l.acquire(10_000)));
    const signals = locks.map((l) => l.signal);
    await c.close();
    for (const s of signals) {
        assert.equal(s.aborted, true);
        assert.ok(s.reason instanceof LockLostError);
        assert.match(s.reason.message, /the client was closed/);
    }
});
//# sourceMappingURL=many-holds.test.js.map