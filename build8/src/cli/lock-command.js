/**
 * `zk-recipes lock <name> -- <command...>`: flock(1) for a cluster.
 *
 * Takes the write side of ZkReadWriteLock(name) (the read side with --shared), runs the command
 * with our stdio, releases when it exits and exits with its code. When the lock is lost while
 * the command runs (session lost, node deleted, --lease ran out) the command gets SIGTERM, then
 * SIGKILL after --grace, and we exit 70. SIGINT/SIGTERM/SIGHUP are forwarded to the command; the
 * lock is released once it has exited.
 */
import { monotonicNow } from '../client/clock.js';
import { LockTimeoutError } from '../errors.js';
import { ZkReadWriteLock } from '../recipes/locks/read-write-lock.js';
import { EXIT, formatDuration } from './args.js';
import { CONNECT_TIMEOUT, connectOrExit } from './common.js';
import { Interrupted, runChild, SignalForwarding, signalExitCode, } from './guarded-command.js';
import { listHolders } from './holders-command.js';
export async function lockCommand(inv, io) {
    const started = monotonicNow();
    const signals = new SignalForwarding();
    const interrupted = signals.interrupted;
    let client;
    let result;
    try {
        // Connecting is part of waiting: never longer than --timeout, but give a server a second.
        const connectTimeout = Math.max(1000, Math.min(CONNECT_TIMEOUT, inv.timeout ?? CONNECT_TIMEOUT));
        client = await connectOrExit(inv.connect, connectTimeout, io, interrupted);
        const rw = new ZkReadWriteLock(client, inv.name, {
            root: inv.root,
            // A command holds for long: being told at once that someone forced us out is worth a watch.
            watchNode: true,
            ...(inv.identifier === undefined ? {} : { identifier: inv.identifier }),
        });
        const lock = inv.shared ? rw.readLock : rw.writeLock;
        const timeout = inv.timeout === undefined ? undefined : Math.max(0, inv.timeout - (monotonicNow() - started));
        try {
            await lock.run(async (lockSignal) => {
                if (interrupted.aborted)
                    throw interrupted.reason;
                if (lockSignal.aborted) {
                    io.err(`lost the lock before the command started: ${lockSignal.reason.message}`);
                    result = { code: EXIT.LOCK_LOST, lost: lockSignal.reason };
                    return;
                }
                result = await runChild(inv, lockSignal, io, signals.spawned);
            }, { timeout, lease: inv.lease, signal: interrupted });
        }
        catch (e) {
            if (result) {
                // The command ran; only the release failed. Closing the session removes our node.
                io.err(`could not release the lock cleanly (${e.message}); closing the session`);
            }
            else if (e instanceof LockTimeoutError) {
                io.err(await timeoutMessage(client, inv));
                return EXIT.TIMEOUT;
            }
            else {
                throw e;
            }
        }
        if (result.lost)
            return EXIT.LOCK_LOST;
        return result.code;
    }
    catch (e) {
        if (e instanceof Interrupted) {
            io.err(`${e.message} while waiting for lock ${JSON.stringify(inv.name)}; not running the command`);
            return signalExitCode(e.signal);
        }
        throw e;
    }
    finally {
        await client?.close();
        signals.stop();
    }
}
/** Says how long we waited and, when we can tell, who holds the lock. */
async function timeoutMessage(client, inv) {
    const waited = inv.timeout === 0 ? 'the lock is taken' : `timed out after ${formatDuration(inv.timeout ?? 0)}`;
    let holders = '';
    try {
        const rows = (await listHolders(client, inv.name, inv.root)).filter((r) => r.state === 'holder');
        if (rows.length > 0)
            holders = `; held by ${rows.map((r) => `${r.identifier} (${r.mode})`).join(', ')}`;
    }
    catch {
        // only a hint for the reader
    }
    return `${waited}: could not acquire lock ${JSON.stringify(inv.name)} (${inv.root}/${inv.name})${holders}`;
}
//# sourceMappingURL=lock-command.js.map