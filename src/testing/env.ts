import type { Env } from './find-zookeeper.js';
import { ZkTestServer, type ZkTestServerOptions } from './zk-test-server.js';

/** Skip reason for tests that stop, kill, restart or pause the server: they cannot do that to ZK_CONNECT's. */
export const NEEDS_HARNESS = 'needs a ZooKeeper started by the harness; ZK_CONNECT is set';

/** The ZooKeeper given by the environment (ZK_CONNECT=host:port[,host:port...]), if any. */
export function externalConnectString(env: Env = process.env): string | undefined {
  return env['ZK_CONNECT']?.trim() || undefined;
}

/**
 * For node:test's `skip` option: the reason to skip when ZK_CONNECT is set, undefined otherwise.
 *
 *     test('survives a server restart', { skip: needsHarness() }, async () => { ... });
 */
export function needsHarness(env: Env = process.env): string | undefined {
  return externalConnectString(env) ? NEEDS_HARNESS : undefined;
}

/** A ZooKeeper for a test: started by the harness, or the external one from ZK_CONNECT. */
export interface TestZooKeeper extends AsyncDisposable {
  connectString: string;
  /** The harness's server; undefined for an external one (so tests that need to kill it can skip). */
  server?: ZkTestServer;
  /** Closes the harness's server; does nothing for an external one. */
  close(): Promise<void>;
}

export interface TestZooKeeperOptions extends ZkTestServerOptions {
  /** Where to read ZK_CONNECT from. Default process.env. */
  env?: Env;
}

/** ZK_CONNECT's server if set, else a fresh ZkTestServer. */
export async function startTestZooKeeper(options: TestZooKeeperOptions = {}): Promise<TestZooKeeper> {
  const { env, ...serverOptions } = options;
  const external = externalConnectString(env);
  if (external) {
    const close = async () => {};
    return { connectString: external, close, [Symbol.asyncDispose]: close };
  }
  const server = await ZkTestServer.start(serverOptions);
  const close = () => server.close();
  return { connectString: server.connectString, server, close, [Symbol.asyncDispose]: close };
}

/**
 * withServer(options?) is startTestZooKeeper(options). withServer(fn, options?) runs `fn` with the
 * ZooKeeper and closes it afterwards, whatever `fn` does.
 */
export function withServer(options?: TestZooKeeperOptions): Promise<TestZooKeeper>;
export function withServer<T>(
  fn: (zk: TestZooKeeper) => T | Promise<T>,
  options?: TestZooKeeperOptions,
): Promise<T>;
export async function withServer<T>(
  fnOrOptions?: ((zk: TestZooKeeper) => T | Promise<T>) | TestZooKeeperOptions,
  options?: TestZooKeeperOptions,
): Promise<T | TestZooKeeper> {
  if (typeof fnOrOptions !== 'function') return startTestZooKeeper(fnOrOptions);
  const zk = await startTestZooKeeper(options);
  try {
    return await fnOrOptions(zk);
  } finally {
    await zk.close();
  }
}
