import { ZkTestServer } from './zk-test-server.js';
/** Skip reason for tests that stop, kill, restart or pause the server: they cannot do that to ZK_CONNECT's. */
export const NEEDS_HARNESS = 'needs a ZooKeeper started by the harness; ZK_CONNECT is set';
/** The ZooKeeper given by the environment (ZK_CONNECT=host:port[,host:port...]), if any. */
export function externalConnectString(env = process.env) {
    return env['ZK_CONNECT']?.trim() || undefined;
}
/**
 * For node:test's `skip` option: the reason to skip when ZK_CONNECT is set, undefined otherwise.
 *
 *     test('survives a server restart', { skip: needsHarness() }, async () => { ... });
 */
export function needsHarness(env = process.env) {
    return externalConnectString(env) ? NEEDS_HARNESS : undefined;
}
/** ZK_CONNECT's server if set, else a fresh ZkTestServer. */
export async function startTestZooKeeper(options = {}) {
    const { env, ...serverOptions } = options;
    const external = externalConnectString(env);
    if (external) {
        const close = async () => { };
        return { connectString: external, close, [Symbol.asyncDispose]: close };
    }
    const server = await ZkTestServer.start(serverOptions);
    const close = () => server.close();
    return { connectString: server.connectString, server, close, [Symbol.asyncDispose]: close };
}
export async function withServer(fnOrOptions, options) {
    if (typeof fnOrOptions !== 'function')
        return startTestZooKeeper(fnOrOptions);
    const zk = await startTestZooKeeper(options);
    try {
        return await fnOrOptions(zk);
    }
    finally {
        await zk.close();
    }
}
//# sourceMappingURL=env.js.map