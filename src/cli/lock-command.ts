/**
 * `zk-recipes lock <name> -- <command...>`: flock(1) for a cluster.
 *
 * Takes the write side of ZkReadWriteLock(name) (the read side with --shared), runs the command
 * with our stdio, releases when it exits and exits with its code. When the lock is lost while
 * the command runs (session lost, node deleted, --lease ran out) the command gets SIGTERM, then
 * SIGKILL after --grace, and we exit 70. SIGINT/SIGTERM/SIGHUP are forwarded to the command; the
 * lock is released once it has exited.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { monotonicNow } from '../client/clock.js';
import { after, type Timer } from '../client/timers.js';
import type { ZkClient } from '../client/zk-client.js';
import { LeaseExpiredError, LockTimeoutError } from '../errors.js';
import { ZkReadWriteLock } from '../recipes/locks/read-write-lock.js';
import { EXIT, formatDuration, type LockInvocation } from './args.js';
import { CONNECT_TIMEOUT, connectOrExit, type Output } from './common.js';
import { listHolders } from './holders-command.js';

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

export async function lockCommand(inv: LockInvocation, io: Output): Promise<number> {
  const started = monotonicNow();
  const interrupt = new AbortController();
  let child: ChildProcess | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(sig); // the lock stays held until the command has exited
      return;
    }
    if (!interrupt.signal.aborted) interrupt.abort(new Interrupted(sig));
  };
  for (const s of FORWARDED) process.on(s, onSignal);

  let client: ZkClient | undefined;
  let result: ChildResult | undefined;
  try {
    // Connecting is part of waiting: never longer than --timeout, but give a server a second.
    const connectTimeout = Math.max(1000, Math.min(CONNECT_TIMEOUT, inv.timeout ?? CONNECT_TIMEOUT));
    client = await connectOrExit(inv.connect, connectTimeout, io, interrupt.signal);
    const rw = new ZkReadWriteLock(client, inv.name, {
      root: inv.root,
      // A command holds for long: being told at once that someone forced us out is worth a watch.
      watchNode: true,
      ...(inv.identifier === undefined ? {} : { identifier: inv.identifier }),
    });
    const lock = inv.shared ? rw.readLock : rw.writeLock;
    const timeout =
      inv.timeout === undefined ? undefined : Math.max(0, inv.timeout - (monotonicNow() - started));
    try {
      await lock.run(
        async (lockSignal) => {
          if (interrupt.signal.aborted) throw interrupt.signal.reason;
          if (lockSignal.aborted) {
            io.err(`lost the lock before the command started: ${(lockSignal.reason as Error).message}`);
            result = { code: EXIT.LOCK_LOST, lost: lockSignal.reason };
            return;
          }
          result = await runChild(inv, lockSignal, io, (c) => {
            child = c;
          });
        },
        { timeout, lease: inv.lease, signal: interrupt.signal },
      );
    } catch (e) {
      if (result) {
        // The command ran; only the release failed. Closing the session removes our node.
        io.err(`could not release the lock cleanly (${(e as Error).message}); closing the session`);
      } else if (e instanceof LockTimeoutError) {
        io.err(await timeoutMessage(client, inv));
        return EXIT.TIMEOUT;
      } else {
        throw e;
      }
    }
    if (result!.lost) return EXIT.LOCK_LOST;
    return result!.code;
  } catch (e) {
    if (e instanceof Interrupted) {
      io.err(`${e.message} while waiting for lock ${JSON.stringify(inv.name)}; not running the command`);
      return signalExitCode(e.signal);
    }
    throw e;
  } finally {
    await client?.close();
    for (const s of FORWARDED) process.off(s, onSignal);
  }
}

/** Says how long we waited and, when we can tell, who holds the lock. */
async function timeoutMessage(client: ZkClient, inv: LockInvocation): Promise<string> {
  const waited =
    inv.timeout === 0 ? 'the lock is taken' : `timed out after ${formatDuration(inv.timeout ?? 0)}`;
  let holders = '';
  try {
    const rows = (await listHolders(client, inv.name, inv.root)).filter((r) => r.state === 'holder');
    if (rows.length > 0) holders = `; held by ${rows.map((r) => `${r.identifier} (${r.mode})`).join(', ')}`;
  } catch {
    // only a hint for the reader
  }
  return `${waited}: could not acquire lock ${JSON.stringify(inv.name)} (${inv.root}/${inv.name})${holders}`;
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
