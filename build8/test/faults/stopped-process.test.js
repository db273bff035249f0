/**
 * Finding of churn scenario 9 (CI, 2026-12-02): a timer that came due while the process was
 * stopped runs, once it is continued, before the library's own timers and sockets (Node runs
 * expired timers in the order they were due). A holder checking `signal.aborted` in it saw a hold
 * it no longer had, and wrote after another was granted. Now reading `signal.aborted` checks the
 * hold's deadline by the clock first (and declares the session lost if it has passed).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { monotonicNow } from '../../src/index.js';
import { startServer } from '../helpers.js';
const child = fileURLToPath(new URL('./stopped-timer-child.js', import.meta.url));
const T = 2000;
let server;
before(async () => {
    server = await startServer();
});
test('finding of churn 9: after a stop past the session, the first timer that runs sees the signal aborted (remaining() 0)', async () => {
    const proc = spawn(process.execPath, [child, server.connectString, 'stopped-timer', '300'], {
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    const events = [];
    const waiters = [];
    createInterface({ input: proc.stdout }).on('line', (l) => {
        events.push(JSON.parse(l));
        for (const w of waiters.splice(0))
            w();
    });
    const next = async (ev) => {
        const end = monotonicNow() + 30_000;
        while (!events.some((e) => e.ev === ev)) {
            assert.ok(monotonicNow() < end, `the child reported ${ev}`);
            await new Promise((r) => {
                waiters.push(r);
                setTimeout(r, 200);
            });
        }
        return events.find((e) => e.ev === ev);
    };
    try {
        const held = await next('held');
        proc.kill('SIGSTOP');
        const stoppedAt = monotonicNow();
        await new Promise((r) => setTimeout(r, T + 1000));
        const continuedAt = monotonicNow();
        proc.kill('SIGCONT');
        const timer = await next('timer');
        // The fault happened: the stop began before the timer was due and lasted past the session.
        assert.ok(stoppedAt < held.t + 300, `stopped ${Math.round(stoppedAt - held.t)} ms after the grant, before the timer`);
        assert.ok(timer.t >= continuedAt - 5, 'the timer ran only after the process was continued');
        assert.equal(timer.remaining, 0, 'remaining() reads the clock: the hold is not certain any more');
        assert.equal(timer.aborted, true, 'signal.aborted reads the clock too: the hold is gone');
        const aborted = await next('aborted');
        assert.ok(aborted.t - continuedAt < 1000, `the signal aborted ${Math.round(aborted.t - continuedAt)} ms after the continue`);
    }
    finally {
        proc.kill('SIGKILL');
    }
});
//# sourceMappingURL=stopped-process.test.js.map