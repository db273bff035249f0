/**
 * `zk-recipes semaphore <name> --max <n> -- <command...>`: at most n copies of a command at once
 * across all hosts. Takes one lease of ZkSemaphore(name) (Curator InterProcessSemaphoreV2's
 * nodes), runs the command with our stdio, releases when it exits and exits with its code. A
 * lease lost while the command runs (session lost, lease node deleted) stops it as `zk-recipes
 * lock` stops a command whose lock is lost (SIGTERM, SIGKILL after --grace; we exit 70).
 */
import { monotonicNow } from '../client/clock.js';
import { ZkSemaphore } from '../recipes/semaphore/zk-semaphore.js';
import { EXIT, formatDuration } from './args.js';
import { CONNECT_TIMEOUT, connectOrExit } from './common.js';
import { Interrupted, runChild, SignalForwarding, signalExitCode, } from './guarded-command.js';
export async function semaphoreCommand(inv, io) {
    const started = monotonicNow();
    const signals = new SignalForwarding(); // the lease stays held until the command has exited
    let client;
    try {
        const connectTimeout = Math.max(1000, Math.min(CONNECT_TIMEOUT, inv.timeout ?? CONNECT_TIMEOUT));
        client = await connectOrExit(inv.connect, connectTimeout, io, signals.interrupted);
        const semaphore = new ZkSemaphore(client, inv.name, {
            maxLeases: inv.max,
            root: inv.root,
            // A command holds for long: being told at once that an operator removed our lease is worth a watch.
            watchNode: true,
            ...(inv.identifier === undefined ? {} : { identifier: inv.identifier }),
        });
        const timeout = inv.timeout === undefined ? undefined : Math.max(0, inv.timeout - (monotonicNow() - started));
        const [lease] = await semaphore.acquire({ timeout, signal: signals.interrupted });
        if (!lease) {
            io.err(await timeoutMessage(semaphore, inv));
            return EXIT.TIMEOUT;
        }
        let result;
        try {
            if (lease.signal.aborted) {
                io.err(`lost the lease before the command started: ${lease.signal.reason.message}`);
                return EXIT.LOCK_LOST;
            }
            result = await runChild({ command: inv.command, grace: inv.grace, held: 'the lease' }, lease.signal, io, signals.spawned);
        }
        finally {
            // Closing the session below removes the node if this fails.
            await lease.release().catch((e) => {
                io.err(`could not release the lease cleanly (${e.message}); closing the session`);
            });
        }
        return result.lost ? EXIT.LOCK_LOST : result.code;
    }
    catch (e) {
        if (e instanceof Interrupted) {
            io.err(`${e.message} while waiting for a lease of ${JSON.stringify(inv.name)}; not running the command`);
            return signalExitCode(e.signal);
        }
        throw e;
    }
    finally {
        await client?.close();
        signals.stop();
    }
}
/** Says how long we waited and, when we can tell, who holds the leases. */
async function timeoutMessage(semaphore, inv) {
    const waited = inv.timeout === 0 ? 'no lease is free' : `timed out after ${formatDuration(inv.timeout ?? 0)}`;
    let holders = '';
    try {
        const ids = (await semaphore.leases()).slice(0, inv.max);
        if (ids.length > 0)
            holders = `; held by ${ids.join(', ')}`;
    }
    catch {
        // only a hint for the reader
    }
    return `${waited}: could not get a lease of semaphore ${JSON.stringify(inv.name)} (${semaphore.path}, max ${inv.max})${holders}`;
}
//# sourceMappingURL=semaphore-command.js.map