/** What the CLI commands share: output, connecting, error reporting. */
import { ZkClient } from '../client/zk-client.js';
import { ConnectTimeoutError } from '../errors.js';
import { EXIT, formatDuration } from './args.js';
export const processOutput = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`zk-recipes: ${line}\n`),
};
/** The connect timeout when none is implied: long enough for a slow network, short enough for a CLI. */
export const CONNECT_TIMEOUT = 10_000;
/** Thrown with the exit code to use and the message already written. */
export class ExitError extends Error {
    exitCode;
    constructor(exitCode) {
        super(`exit ${exitCode}`);
        this.exitCode = exitCode;
    }
}
/**
 * A connected client, or an ExitError(69) after saying which address did not answer.
 * Rejects with the signal's reason when `signal` aborts first.
 */
export async function connectOrExit(connect, connectTimeout, io, signal) {
    const client = new ZkClient(connect, { connectTimeout });
    try {
        await client.connect(signal ? { signal } : {});
        return client;
    }
    catch (e) {
        await client.close();
        if (e instanceof ConnectTimeoutError) {
            io.err(`cannot reach ZooKeeper at ${connect}: no server answered within ${formatDuration(connectTimeout)}` +
                ' (is it running? set --connect or ZK_CONNECT)');
            throw new ExitError(EXIT.UNAVAILABLE);
        }
        throw e;
    }
}
/** ZooKeeper's own notation for a session id (zkCli, server logs): unsigned hex with 0x. */
export function sessionHex(ephemeralOwner) {
    return `0x${BigInt.asUintN(64, ephemeralOwner).toString(16)}`;
}
//# sourceMappingURL=common.js.map