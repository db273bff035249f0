/**
 * `zk-recipes leader <name> -- <command...>`: runs the command only while this process leads
 * election <name> (ZkLeaderElection, Curator LeaderLatch's nodes). It waits to be elected (as
 * long as it takes by default), runs the command with our stdio, leaves the election when it
 * exits and exits with its code. Leadership lost while it runs stops it as `zk-recipes lock`
 * stops a command whose lock is lost (SIGTERM, SIGKILL after --grace; we exit 70).
 */
import { monotonicNow } from '../client/clock.js';
import { ZkLeaderElection } from '../recipes/leader/zk-leader-election.js';
import { EXIT, formatDuration } from './args.js';
import { CONNECT_TIMEOUT, connectOrExit } from './common.js';
import { Interrupted, runChild, SignalForwarding, signalExitCode, } from './guarded-command.js';
class NotElectedInTime extends Error {
}
export async function leaderCommand(inv, io) {
    const started = monotonicNow();
    const signals = new SignalForwarding(); // we stay leader until the command has exited
    const interrupted = signals.interrupted;
    let client;
    let election;
    let waitTimer;
    try {
        const connectTimeout = Math.max(1000, Math.min(CONNECT_TIMEOUT, inv.timeout ?? CONNECT_TIMEOUT));
        client = await connectOrExit(inv.connect, connectTimeout, io, interrupted);
        election = new ZkLeaderElection(client, inv.name, {
            root: inv.root,
            ...(inv.identifier === undefined ? {} : { participantId: inv.identifier }),
        });
        // --timeout bounds the wait for leadership only, not the command.
        const stop = new AbortController();
        const onInterrupt = () => stop.abort(interrupted.reason);
        interrupted.addEventListener('abort', onInterrupt, { once: true });
        if (inv.timeout !== undefined) {
            const left = Math.max(0, inv.timeout - (monotonicNow() - started));
            waitTimer = setTimeout(() => stop.abort(new NotElectedInTime()), left);
        }
        let result;
        try {
            await election.run(async (termSignal) => {
                clearTimeout(waitTimer);
                interrupted.removeEventListener('abort', onInterrupt);
                result = await runChild({ command: inv.command, grace: inv.grace, held: 'leadership' }, termSignal, io, signals.spawned);
            }, { signal: stop.signal });
        }
        catch (e) {
            if (e instanceof NotElectedInTime) {
                const leader = await election.leader().catch(() => undefined);
                io.err(`${inv.timeout === 0 ? 'not the leader' : `not elected within ${formatDuration(inv.timeout ?? 0)}`}: ` +
                    `election ${JSON.stringify(inv.name)} (${election.path})${leader === undefined ? '' : ` is led by ${leader}`}`);
                return EXIT.TIMEOUT;
            }
            if (!result)
                throw e;
            io.err(`could not leave the election cleanly (${e.message}); closing the session`);
        }
        return result.lost ? EXIT.LOCK_LOST : result.code;
    }
    catch (e) {
        if (e instanceof Interrupted) {
            io.err(`${e.message} while waiting to lead ${JSON.stringify(inv.name)}; not running the command`);
            return signalExitCode(e.signal);
        }
        throw e;
    }
    finally {
        clearTimeout(waitTimer);
        await election?.close();
        await client?.close();
        signals.stop();
    }
}
//# sourceMappingURL=leader-command.js.map