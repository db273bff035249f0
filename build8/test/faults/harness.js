/** Runs fault-suite workers as separate OS processes and collects what they report. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { monotonicNow } from '../../src/index.js';
const workerPath = fileURLToPath(new URL('./fault-worker.js', import.meta.url));
/** How soon a continued process must have said something (see Worker.stoppedIntervals). */
const CATCH_UP_MS = 1000;
export class Worker {
    cfg;
    child;
    events = [];
    exited;
    listeners = new Set();
    constructor(cfg, child) {
        this.cfg = cfg;
        this.child = child;
        createInterface({ input: child.stdout }).on('line', (line) => {
            try {
                const e = { ...JSON.parse(line), worker: cfg.id, at: monotonicNow() };
                this.events.push(e);
                const last = this.pauses.length - 1;
                if (last >= 0 && Number.isFinite(this.pauses[last][1]) && this.firstWordAfter[last] === undefined)
                    this.firstWordAfter[last] = e.t ?? e.at;
            }
            catch {
                this.events.push({ ev: 'noise', reason: line, worker: cfg.id, at: monotonicNow() });
            }
            for (const l of [...this.listeners])
                l();
        });
        child.stderr.on('data', (d) => process.stderr.write(`[${cfg.id}] ${d}`));
        this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    }
    get pid() {
        return this.child.pid;
    }
    /** Not exited (a stopped process counts as alive). */
    get alive() {
        return this.child.exitCode === null && this.child.signalCode === null;
    }
    /** The worker's current session (its nodes' ephemeralOwner), once it has told. */
    get session() {
        for (let i = this.events.length - 1; i >= 0; i--) {
            if (this.events[i].session !== undefined)
                return this.events[i].session;
        }
        return undefined;
    }
    /** Whether it holds now, as far as it has told: granted, and not yet reported ended or lost. */
    get holding() {
        const granted = [...this.events].reverse().find((e) => e.ev === 'acquired');
        if (!granted)
            return false;
        return !this.events.some((e) => (e.ev === 'hold' && e.record.token === granted.token) ||
            (e.ev === 'lost' && e.token === granted.token));
    }
    holds() {
        return this.events
            .filter((e) => e.ev === 'hold')
            .map((e) => ({ ...e.record, paused: this.stoppedIntervals }));
    }
    /** Resolves with the first event (already seen or future) matching `pred`. */
    waitFor(pred, timeoutMs = 60_000, what = 'event') {
        const seen = this.events.find(pred);
        if (seen)
            return Promise.resolve(seen);
        return new Promise((resolve, reject) => {
            const check = () => {
                const e = this.events.find(pred);
                if (e) {
                    done();
                    resolve(e);
                }
            };
            const timer = setTimeout(() => {
                done();
                reject(new Error(`${this.cfg.id}: no ${what} within ${timeoutMs} ms`));
            }, timeoutMs);
            const done = () => {
                clearTimeout(timer);
                this.listeners.delete(check);
            };
            this.listeners.add(check);
        });
    }
    killedAt;
    /** [stopped, continued] intervals of SIGSTOP/SIGCONT sent by the test. */
    pauses = [];
    /** For each pause, when the process first reported anything after the continue. */
    firstWordAfter = [];
    /**
     * The pauses as the checker needs them: a continued process is still not running until the
     * scheduler and its event loop get to it (tens of ms on a loaded machine), so nothing can
     * have told it before then. Each ends at its first report after the continue, or at the continue
     * if none came; at most CATCH_UP_MS after the continue, so a library slow to tell is caught.
     */
    get stoppedIntervals() {
        return this.pauses.map(([from, to], i) => [
            from,
            Math.max(to, Math.min(this.firstWordAfter[i] ?? to, to + CATCH_UP_MS)),
        ]);
    }
    kill(signal) {
        if (signal === 'SIGKILL')
            this.killedAt ??= monotonicNow();
        if (signal === 'SIGSTOP') {
            this.pauses.push([monotonicNow(), Number.POSITIVE_INFINITY]);
            this.firstWordAfter.push(undefined);
        }
        if (signal === 'SIGCONT' && this.pauses.length > 0)
            this.pauses[this.pauses.length - 1][1] = monotonicNow();
        if (this.child.exitCode === null && this.child.signalCode === null)
            this.child.kill(signal);
    }
}
/** `gid`: run it under that group id (a NetworkNemesis client's, so it connects from its own address). */
export function startWorker(cfg, options = {}) {
    const child = spawn(process.execPath, [workerPath, JSON.stringify(cfg)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(options.gid === undefined ? {} : { gid: options.gid }),
    });
    return new Worker(cfg, child);
}
/**
 * The nodes under `dir` whose ephemeralOwner is not the current session of a live worker: nodes
 * of killed workers before their session expired, or leaks. `admin` lists them.
 */
export async function foreignNodes(admin, dir, workers) {
    const live = new Set(workers.filter((w) => w.alive && w.session).map((w) => w.session));
    const out = [];
    for (const child of await admin.getChildren(dir).catch(() => [])) {
        const stat = await admin.exists(`${dir}/${child}`).catch(() => null);
        if (stat && !live.has(String(stat.ephemeralOwner)))
            out.push(child);
    }
    return out;
}
/** Asks every worker still running to stop (SIGTERM: it ends its hold or its acquire, and leaves). */
export function stop(workers) {
    for (const w of workers)
        w.kill('SIGTERM');
}
/**
 * Waits until some worker reports a grant after `since` (monotonic ms), at most `withinMs` after
 * it; returns how long after `since` that grant came. Fails when none does.
 */
export async function grantAfter(workers, since, withinMs) {
    const first = () => {
        let t = Number.POSITIVE_INFINITY;
        for (const w of workers)
            for (const e of w.events)
                if (e.ev === 'acquired' && e.t > since)
                    t = Math.min(t, e.t);
        return t;
    };
    // Polled until the bound has passed for this process as well (workers log with their own delay).
    while (first() === Number.POSITIVE_INFINITY && monotonicNow() < since + withinMs + 1000) {
        await new Promise((r) => setTimeout(r, 50));
    }
    const took = first() - since;
    if (!(took <= withinMs)) {
        throw new Error(`no grant within ${withinMs} ms after the faults ended (${Number.isFinite(took) ? `first after ${Math.round(took)} ms` : 'none'})`);
    }
    return took;
}
/** Waits for all workers to exit; kills stragglers after `timeoutMs` and reports them. */
export async function finish(workers, timeoutMs) {
    const stuck = [];
    const timer = setTimeout(() => {
        for (const w of workers) {
            if (w.child.exitCode === null && w.child.signalCode === null) {
                stuck.push(w.cfg.id);
                w.kill('SIGKILL');
            }
        }
    }, timeoutMs);
    await Promise.all(workers.map((w) => w.exited));
    clearTimeout(timer);
    return stuck;
}
/** Prints a scenario's figures, so a run shows what it exercised. */
export function report(name, figures) {
    const text = Object.entries(figures)
        .map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 10) / 10 : v}`)
        .join(' ');
    process.stdout.write(`${name}: ${text}\n`);
}
//# sourceMappingURL=harness.js.map