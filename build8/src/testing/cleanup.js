/**
 * Process-wide registry of what the harness started (JVM pids, temp dirs), so that nothing outlives the
 * test process: on 'exit', SIGINT, SIGTERM and SIGHUP the JVMs are SIGKILLed and the dirs removed,
 * synchronously. A small watchdog process does the same when this process dies without running any
 * handler (SIGKILL, a crash): it holds the read end of a pipe from us, and sees EOF when we are gone.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
const pids = new Set();
const dirs = new Set();
export function trackPid(pid) {
    pids.add(pid);
    tell(`+p${pid}`);
    armed();
}
export function untrackPid(pid) {
    pids.delete(pid);
    tell(`-p${pid}`);
    disarmIfIdle();
}
export function trackDir(dir) {
    dirs.add(dir);
    tell(`+d${dir}`);
    armed();
}
export function untrackDir(dir) {
    dirs.delete(dir);
    tell(`-d${dir}`);
    disarmIfIdle();
}
/** Kills every tracked JVM and removes every tracked dir, synchronously (usable from an 'exit' handler). */
export function cleanupSync() {
    for (const pid of pids) {
        try {
            process.kill(pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
    }
    pids.clear();
    for (const dir of dirs) {
        try {
            // A just-killed JVM may still be finishing a write; retries cover the resulting ENOTEMPTY.
            fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
        }
        catch {
            // Best effort: nothing more can be done while exiting.
        }
    }
    dirs.clear();
}
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let exitHookInstalled = false;
let signalsInstalled = false;
function onSignal(signal) {
    cleanupSync();
    removeSignalHandlers();
    // Re-raise so the process dies of the signal (exit code 128+n) as it would have without us, unless
    // someone else listens for it and so decides what happens.
    if (process.listenerCount(signal) === 0)
        process.kill(process.pid, signal);
}
function armed() {
    if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.on('exit', cleanupSync);
    }
    if (!signalsInstalled) {
        signalsInstalled = true;
        for (const s of SIGNALS)
            process.on(s, onSignal);
    }
}
function removeSignalHandlers() {
    if (!signalsInstalled)
        return;
    signalsInstalled = false;
    for (const s of SIGNALS)
        process.off(s, onSignal);
}
/** Handlers for signals change how the process reacts to them, so they are only kept while needed. */
function disarmIfIdle() {
    if (pids.size === 0 && dirs.size === 0)
        removeSignalHandlers();
}
// The watchdog. Plain CommonJS for `node -e`. It ignores terminal signals so that a Ctrl-C reaching the
// whole process group does not take it down before it has cleaned up after us.
const WATCHDOG = `
const fs = require('node:fs');
const pids = new Set(), dirs = new Set();
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  for (let i; (i = buf.indexOf('\\n')) >= 0; buf = buf.slice(i + 1)) {
    const op = buf.slice(0, 2), arg = buf.slice(2, i);
    if (op === '+p') pids.add(Number(arg));
    else if (op === '-p') pids.delete(Number(arg));
    else if (op === '+d') dirs.add(arg);
    else if (op === '-d') dirs.delete(arg);
  }
});
const done = () => {
  for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch {} }
  for (const d of dirs) { try { fs.rmSync(d, { recursive: true, force: true, maxRetries: 3 }); } catch {} }
  process.exit(0);
};
process.stdin.on('end', done);
process.stdin.on('error', done);
`;
let watchdog;
let watchdogBroken = process.env['ZK_TEST_NO_WATCHDOG'] === '1';
function tell(line) {
    if (watchdogBroken)
        return;
    if (!watchdog) {
        try {
            const env = { ...process.env };
            // The watchdog is plain node: no preloads, and not a test file in the eyes of node --test.
            delete env['NODE_OPTIONS'];
            delete env['NODE_TEST_CONTEXT'];
            watchdog = spawn(process.execPath, ['-e', WATCHDOG], {
                stdio: ['pipe', 'ignore', 'ignore'],
                // Own process group: a Ctrl-C in the terminal is not delivered to it.
                detached: true,
                env,
            });
        }
        catch {
            watchdogBroken = true;
            return;
        }
        watchdog.on('error', () => {
            watchdogBroken = true;
        });
        watchdog.stdin?.on('error', () => {
            watchdogBroken = true;
        });
        // Neither the process nor its pipe may keep our event loop alive.
        watchdog.unref();
        watchdog.stdin?.unref();
    }
    watchdog.stdin?.write(`${line}\n`);
}
//# sourceMappingURL=cleanup.js.map