/** Shared test plumbing: one real ZooKeeper per test file, clients that always get closed. */
import { after } from 'node:test';
import { monotonicNow, ZkClient, type ZkClientOptions, ZkLock } from '../src/index.js';
import { externalConnectString, FaultProxy, NEEDS_HARNESS, ZkTestServer } from '../src/testing/index.js';

/** Session timeouts in tests: short, so expiry takes seconds (the server allows 400 ms .. 60 s at tickTime 200). */
export const SESSION_TIMEOUT = 2000;

// One module-level hook closes everything a test file started, newest first (clients before
// the proxies and servers they use). node:test's after() called inside a before() hook would
// run too early, so resources register here instead.
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  await Promise.all([...clients].map((c) => c.close()));
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs `fn` when the test file ends. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** The ZooKeeper of a test file. */
export interface TestServer {
  /** Includes a chroot when the server is external (ZK_CONNECT). */
  connectString: string;
  /** Restarts the harness's server; tests that call it skip with `needsHarness` under ZK_CONNECT. */
  restart(): Promise<void>;
}

/**
 * Starts a ZooKeeper for this test file, closed after it. With ZK_CONNECT set, uses that server
 * instead, inside a fresh chroot (removed afterwards) so runs do not see each other's nodes.
 */
export async function startServer(): Promise<TestServer> {
  const external = externalConnectString();
  if (!external) {
    const server = await ZkTestServer.start({ tickTime: 200 });
    onCleanup(() => server.close());
    return { connectString: server.connectString, restart: () => server.restart() };
  }
  const chroot = `/zk-recipes-test-${process.pid}-${Date.now().toString(36)}`;
  const admin = new ZkClient(external);
  await admin.connect();
  await admin.create(chroot);
  onCleanup(async () => {
    await deleteRecursive(admin, chroot).catch(() => {});
    await admin.close();
  });
  return {
    connectString: `${external}${chroot}`,
    restart: () => Promise.reject(new Error(NEEDS_HARNESS)),
  };
}

async function deleteRecursive(client: ZkClient, path: string): Promise<void> {
  const children = await client.getChildren(path).catch(() => [] as string[]);
  await Promise.all(children.map((c) => deleteRecursive(client, `${path}/${c}`)));
  await client.delete(path).catch(() => {});
}

/** What tests use of a FaultProxy; its connect string keeps the target's chroot. */
export type TestProxy = Pick<FaultProxy, 'pass' | 'blackhole' | 'reset' | 'delay' | 'refuse'> & {
  connectString: string;
};

/** A proxy in front of the first server of `connectString`, closed after the test file. */
export async function startProxy(connectString: string): Promise<TestProxy> {
  const slash = connectString.indexOf('/');
  const hosts = slash === -1 ? connectString : connectString.slice(0, slash);
  const chroot = slash === -1 ? '' : connectString.slice(slash);
  const proxy = await FaultProxy.start({ target: hosts.split(',')[0]! });
  onCleanup(() => proxy.close());
  return {
    connectString: `${proxy.connectString}${chroot}`,
    pass: () => proxy.pass(),
    blackhole: () => proxy.blackhole(),
    reset: () => proxy.reset(),
    delay: (ms: number) => proxy.delay(ms),
    refuse: () => proxy.refuse(),
  };
}

const clients = new Set<ZkClient>();

/** A connected client that is closed when the test file ends (or earlier by the test). */
export async function connect(connectString: string, options: ZkClientOptions = {}): Promise<ZkClient> {
  const client = new ZkClient(connectString, { sessionTimeout: SESSION_TIMEOUT, ...options });
  clients.add(client);
  client.once('closed', () => clients.delete(client));
  await client.connect();
  return client;
}

/**
 * A holder of lock `name` on a direct connection, and a second contender for it (not yet
 * acquiring) whose client connects through a fault proxy: the usual start of a waiter-fault test.
 */
export async function holderAndProxiedContender(connectString: string, name: string) {
  const proxy = await startProxy(connectString);
  const holderClient = await connect(connectString);
  const waiterClient = await connect(proxy.connectString);
  const holder = new ZkLock(holderClient, name);
  await holder.acquire();
  return { proxy, holder, waiterClient, waiter: new ZkLock(waiterClient, name) };
}

/**
 * Acquires lock `name` through a fault proxy and releases it with the delete's answer cut off by
 * a connection reset: the release resolves with the delete retried in the background.
 */
export async function releaseCutOffByReset(connectString: string, name: string) {
  const proxy = await startProxy(connectString);
  const client = await connect(proxy.connectString, { sessionTimeout: 6000 });
  const lock = new ZkLock(client, name);
  await lock.acquire();
  await answerCutOffByReset(proxy, () => lock.release());
  return { proxy, client };
}

/**
 * Runs `op` on a client behind `proxy` with the answer to its request cut off: answers are
 * delayed, and the connection is reset while that answer is on its way. Then traffic passes again.
 */
export async function answerCutOffByReset<T>(proxy: TestProxy, op: () => Promise<T>): Promise<T> {
  proxy.delay(300);
  const pending = op();
  pending.catch(() => {}); // the caller gets the rejection; it is not unhandled meanwhile
  await sleep(100);
  proxy.reset();
  proxy.pass();
  return pending;
}

/** Drops `client`'s connection through `proxy`, refusing reconnects until `proxy.pass()`; resolves once it is suspended. */
export async function disconnect(proxy: TestProxy, client: ZkClient): Promise<void> {
  proxy.refuse();
  proxy.reset();
  await eventually(() => client.state === 'suspended' || undefined);
}

/** Resolves with the time (monotonic ms) of the emitter's next `event`. */
export function nextEvent(emitter: NodeJS.EventEmitter, event: string, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, on);
      reject(new Error(`no '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = () => {
      clearTimeout(timer);
      resolve(monotonicNow());
    };
    emitter.once(event, on);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns truthy, or throws after `timeoutMs`. */
export async function eventually<T>(
  fn: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const end = monotonicNow() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (monotonicNow() > end) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await sleep(50);
  }
}
