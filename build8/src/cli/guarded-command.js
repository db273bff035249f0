/**
 * What `lock`, `leader` and `semaphore` share: running a command while something is held
 * (stopped with SIGTERM, then SIGKILL after the grace, when it is lost), and the signals sent to
 * the CLI (passed on to the command while it runs; before that, they stop the wait).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { after } from '../client/timers.js';
import { LeaseExpiredError } from '../errors.js';
import { EXIT, formatDuration } from './args.js';
/** Signals passed on to the command (a terminal's Ctrl-C reaches it directly as well). */
export const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];
export class Interrupted extends Error {
    signal;
    constructor(signal) {
        super(`interrupted by ${signal}`);
        this.signal = signal;
    }
}
/** A shell's notation for death by signal. */
export function signalExitCode(signal) {
    return 128 + (constants.signals[signal] ?? 0);
}
/**
 * The CLI's signals while it holds or waits: passed on to the command once it runs (what is held
 * stays held until the command has exited); before that, `interrupted` aborts with an Interrupted.
 */
export class SignalForwarding {
    controller = new AbortController();
    /** The command, once started (set through runChild's onSpawn). */
    child;
    onSignal = (sig) => {
        const child = this.child;
        if (child && child.exitCode === null && child.signalCode === null) {
            child.kill(sig);
            return;
        }
        if (!this.controller.signal.aborted)
            this.controller.abort(new Interrupted(sig));
    };
    constructor() {
        for (const s of FORWARDED)
            process.on(s, this.onSignal);
    }
    /** Aborts (reason: Interrupted) when a signal came before the command ran. */
    get interrupted() {
        return this.controller.signal;
    }
    /** For runChild's onSpawn. */
    spawned = (child) => {
        this.child = child;
    };
    stop() {
        for (const s of FORWARDED)
            process.off(s, this.onSignal);
    }
}
/** Runs the command with our stdio; stops it (SIGTERM, then SIGKILL after the grace) when `lockSignal` aborts. */
export function runChild(inv, lockSignal, io, onSpawn) {
    const [file, ...args] = inv.command;
    return new Promise((resolve) => {
        let lost;
        let killTimer;
        let settled = false;
        const finish = (r) => {
            if (settled)
                return;
            settled = true;
            killTimer?.clear();
            lockSignal.removeEventListener('abort', onLost);
            resolve(r);
        };
        const onLost = () => {
            const reason = lockSignal.reason;
            lost = reason;
            const why = reason instanceof LeaseExpiredError
                ? `the --lease of ${formatDuration(inv.lease ?? 0)} ran out`
                : `lost ${inv.held ?? 'the lock'}: ${reason.message}`;
            io.err(`${why}; stopping the command (pid ${child.pid}) with SIGTERM` +
                (inv.grace > 0 ? `, SIGKILL in ${formatDuration(inv.grace)}` : ' and SIGKILL'));
            child.kill('SIGTERM');
            killTimer = after(inv.grace, () => {
                if (child.exitCode !== null || child.signalCode !== null)
                    return;
                io.err(`the command (pid ${child.pid}) is still running after SIGTERM; sending SIGKILL`);
                child.kill('SIGKILL');
            });
        };
        const child = spawn(file, args, { stdio: 'inherit' });
        onSpawn(child);
        child.on('error', (e) => {
            if (child.pid !== undefined)
                return; // a failed kill(); the exit event still comes
            io.err(`cannot run ${JSON.stringify(file)}: ${e.code === 'ENOENT' ? 'command not found' : e.message}`);
            finish({ code: e.code === 'ENOENT' ? EXIT.NOT_FOUND : EXIT.CANNOT_EXECUTE });
        });
        child.on('exit', (code, signal) => {
            const r = { code: code ?? signalExitCode(signal ?? 'SIGKILL') };
            if (lost)
                r.lost = lost;
            finish(r);
        });
        lockSignal.addEventListener('abort', onLost, { once: true });
    });
}
//# sourceMappingURL=guarded-command.js.map