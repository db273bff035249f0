/**
 * The zk-recipes command as a subprocess, for the CLI tests (lock, leader, semaphore, holders):
 * one way to start it, collect its output and clean it up.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monotonicNow } from '../../src/index.js';
import { onCleanup } from '../helpers.js';
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const running = new Set();
let cleanupRegistered = false;
/**
 * Starts the CLI against `connect` (its ZK_CONNECT) in its own process group, so that cleanup
 * can kill the command it runs too (a test signals the CLI's pid only, which is what forwarding
 * is about).
 */
export function startCli(connect, args, env = {}) {
    if (!cleanupRegistered) {
        cleanupRegistered = true;
        onCleanup(() => killClis()); // registered after the server: runs before it closes
    }
    const started = monotonicNow();
    const child = spawn(process.execPath, [CLI, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
        env: { ...process.env, ZK_CONNECT: connect, ...env },
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
        stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
        stderr += d;
    });
    let ms = 0;
    child.on('exit', () => {
        ms = monotonicNow() - started;
        running.delete(child);
    });
    // 'close' comes after 'exit', once every process holding the output pipes (the command too) is gone.
    const exited = new Promise((resolve) => {
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms }));
    });
    return { child, exited };
}
/** SIGKILLs the process group of every CLI still running (the commands they run too). */
export function killClis() {
    for (const child of running) {
        try {
            process.kill(-child.pid, 'SIGKILL');
        }
        catch {
            // already gone
        }
    }
}
/** `zk-recipes holders <args> --json`, parsed; fails the test on a non-zero exit. */
export async function holdersJson(connect, args) {
    const r = await startCli(connect, ['holders', ...args, '--json']).exited;
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
}
//# sourceMappingURL=cli-process.js.map