/**
 * What `lock`, `leader` and `semaphore` share: running a command while something is held
 * (stopped with SIGTERM, then SIGKILL after the grace, when it is lost), and the signals sent to
 * the CLI (passed on to the command while it runs; before that, they stop the wait).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { after, type Timer } from '../client/timers.js';
import { LeaseExpiredError } from '../errors.js';
import { EXIT, formatDuration } from './args.js';
import type { Output } from './common.js';

/** Signals passed on to the command (a terminal's Ctrl-C reaches it directly as well). */
export const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

export interface ChildResult {
  code: number;
  /** Why the lock (or leadership) was lost while the command ran (the command was then stopped). */
  lost?: Error;
}

/** A command run while something is held, and how it is stopped when that is lost. */
export interface GuardedCommand {
  command: string[];
  /** ms between SIGTERM and SIGKILL. */
  grace: number;
  /** The --lease, when there is one (its expiry is reported as such). */
  lease?: number | undefined;
  /** What is held, for messages (default 'the lock'). */
  held?: string;
}

/** A shell's notation for death by signal. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * The CLI's signals while it holds or waits: passed on to the command once it runs (what is held
 * stays held until the command has exited); before that, `interrupted` aborts with an Interrupted.
 */
export class SignalForwarding {
  private readonly controller = new AbortController();
  /** The command, once started (set through runChild's onSpawn). */
  child: ChildProcess | undefined;
  private readonly onSignal = (sig: NodeJS.Signals) => {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(sig);
      return;
    }
    if (!this.controller.signal.aborted) this.controller.abort(new Interrupted(sig));
  };

  constructor() {
    for (const s of FORWARDED) process.on(s, this.onSignal);
  }

  /** Aborts (reason: Interrupted) when a signal came before the command ran. */
  get interrupted(): AbortSignal {
    return this.controller.signal;
  }

  /** For runChild's onSpawn. */
  readonly spawned = (child: ChildProcess): void => {
    this.child = child;
  };

  stop(): void {
    for (const s of FORWARDED) process.off(s, this.onSignal);
  }
}

/** Runs the command with our stdio; stops it (SIGTERM, then SIGKILL after the grace) when `lockSignal` aborts. */
export function runChild(
  inv: GuardedCommand,
  lockSignal: AbortSignal,
  io: Output,
  onSpawn: (child: ChildProcess) => void,
): Promise<ChildResult> {
  const [file, ...args] = inv.command as [string, ...string[]];
  return new Promise<ChildResult>((resolve) => {
    let lost: Error | undefined;
    let killTimer: Timer | undefined;
    let settled = false;
    const finish = (r: ChildResult) => {
      if (settled) return;
      settled = true;
      killTimer?.clear();
      lockSignal.removeEventListener('abort', onLost);
      resolve(r);
    };
    const onLost = () => {
      const reason = lockSignal.reason as Error;
      lost = reason;
      const why =
        reason instanceof LeaseExpiredError
          ? `the --lease of ${formatDuration(inv.lease ?? 0)} ran out`
          : `lost ${inv.held ?? 'the lock'}: ${reason.message}`;
      io.err(
        `${why}; stopping the command (pid ${child.pid}) with SIGTERM` +
          (inv.grace > 0 ? `, SIGKILL in ${formatDuration(inv.grace)}` : ' and SIGKILL'),
      );
      child.kill('SIGTERM');
      killTimer = after(inv.grace, () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        io.err(`the command (pid ${child.pid}) is still running after SIGTERM; sending SIGKILL`);
        child.kill('SIGKILL');
      });
    };

    const child = spawn(file, args, { stdio: 'inherit' });
    onSpawn(child);
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // a failed kill(); the exit event still comes
      io.err(`cannot run ${JSON.stringify(file)}: ${e.code === 'ENOENT' ? 'command not found' : e.message}`);
      finish({ code: e.code === 'ENOENT' ? EXIT.NOT_FOUND : EXIT.CANNOT_EXECUTE });
    });
    child.on('exit', (code, signal) => {
      const r: ChildResult = { code: code ?? signalExitCode(signal ?? 'SIGKILL') };
      if (lost) r.lost = lost;
      finish(r);
    });
    lockSignal.addEventListener('abort', onLost, { once: true });
  });
}
