/**
 * The cleanup guarantee, tested on real child processes that start a server and then end in the ways a
 * test process can end: returning without close(), a signal, SIGKILL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eventually, harnessSkip, isAlive } from './helpers.js';
const INDEX = fileURLToPath(new URL('../../src/testing/index.js', import.meta.url));
// Starts a server, prints its pid and dir, then either returns (leaving the server open) or waits.
const CHILD = `
const { ZkTestServer } = await import(process.argv[2]);
const server = await ZkTestServer.start();
console.log(JSON.stringify({ pid: server.pid, dir: server.dataDir }));
if (process.argv[3] === 'wait') setInterval(() => {}, 1000);
`;
describe('cleanup when the process ends', { skip: harnessSkip(), timeout: 60_000 }, () => {
    let script;
    before(() => {
        script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-cleanup-test-')), 'child.mjs');
        fs.writeFileSync(script, CHILD);
    });
    after(() => fs.rmSync(path.dirname(script), { recursive: true, force: true }));
    /**
     * `watchdog: false` leaves the cleanup to the child's own exit and signal handlers: then nothing
     * else would kill its JVM or remove its dir, and a generous bound still tells whether they ran.
     */
    async function startChild(mode, watchdog) {
        const env = { ...process.env, ZK_TEST_NO_WATCHDOG: watchdog ? '0' : '1' };
        const child = spawn(process.execPath, [script, INDEX, mode], {
            stdio: ['ignore', 'pipe', 'inherit'],
            env,
        });
        const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
        let out = '';
        const jvm = await new Promise((resolve, reject) => {
            child.stdout.on('data', (d) => {
                out += d.toString();
                if (out.includes('\n'))
                    resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
            });
            void exit.then(({ code, signal }) => reject(new Error(`child exited early (${signal ?? code}): ${out}`)));
        });
        // A 'return' child may already be gone, and its JVM with it.
        if (mode === 'wait') {
            assert.ok(isAlive(jvm.pid));
            assert.ok(fs.existsSync(jvm.dir));
        }
        return { child, jvm, exit };
    }
    // Bounds for a loaded machine: the handlers work at exit, the watchdog within moments of it.
    async function assertCleanedUp(jvm, timeoutMs = 10_000) {
        try {
            await eventually(() => !isAlive(jvm.pid), timeoutMs, `JVM ${jvm.pid} gone`);
            await eventually(() => !fs.existsSync(jvm.dir), timeoutMs, `${jvm.dir} removed`);
        }
        catch (err) {
            // Not cleaned up: do it here, so a failing test leaves nothing behind either.
            try {
                process.kill(jvm.pid, 'SIGKILL');
            }
            catch { }
            fs.rmSync(jvm.dir, { recursive: true, force: true });
            throw err;
        }
    }
    test('a process that never calls close() still exits by itself, and takes the JVM along', async () => {
        const { jvm, exit } = await startChild('return', false);
        assert.deepEqual(await exit, { code: 0, signal: null });
        await assertCleanedUp(jvm);
    });
    test('SIGTERM: cleanup, then the process dies of the signal', async () => {
        const { child, jvm, exit } = await startChild('wait', false);
        child.kill('SIGTERM');
        assert.deepEqual(await exit, { code: null, signal: 'SIGTERM' });
        await assertCleanedUp(jvm);
    });
    test('SIGINT as well', async () => {
        const { child, jvm, exit } = await startChild('wait', false);
        child.kill('SIGINT');
        assert.deepEqual(await exit, { code: null, signal: 'SIGINT' });
        await assertCleanedUp(jvm);
    });
    test('SIGKILL: no handler runs, the watchdog kills the JVM and removes the dir', async () => {
        const { child, jvm, exit } = await startChild('wait', true);
        child.kill('SIGKILL');
        assert.deepEqual(await exit, { code: null, signal: 'SIGKILL' });
        await assertCleanedUp(jvm);
    });
});
//# sourceMappingURL=cleanup.test.js.map