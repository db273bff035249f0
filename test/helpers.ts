/** Shared test plumbing: one real ZooKeeper per test file, clients that always get closed. */
import { after } from 'node:test';
import { monotonicNow, ZkClient, type ZkClientOptions, ZkLock } from '../src/index.js';
import { externalConnectString, FaultProxy, NEEDS_HARNESS, ZkTestServer } from '../src/testing/index.js';

/** Session timeouts in tests: short, so expiry takes seconds (the server allows 400 ms .. 60 s at tickTime 200). */
export const SESSION_TIMEOUT = 2000;
/** A Stat record's size on the wire. */
const STAT_BYTES = 68;

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
export type TestProxy = Pick<
  FaultProxy,
  'pass' | 'blackhole' | 'reset' | 'delay' | 'refuse' | 'dropNextReply'
> & {
  connectString: string;
  /** The server behind the proxy, with the same chroot: for a client that sees what the server has. */
  targetConnectString: string;
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
    targetConnectString: `${hosts.split(',')[0]!}${chroot}`,
    dropNextReply: (options) => proxy.dropNextReply(options),
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
 * Acquires lock `name` through a fault proxy and releases it with the delete cut off by a connection
 * reset: by default its answer is lost after the server deleted the node (replyLost); with `lost:
 * 'request'` the request is lost before the server saw it, and the node is still there (requestLost).
 */
export async function releaseCutOffByReset(
  connectString: string,
  name: string,
  lost: 'request' | 'reply' = 'reply',
) {
  const proxy = await startProxy(connectString);
  const client = await connect(proxy.connectString, { sessionTimeout: 6000 });
  const lock = new ZkLock(client, name);
  await lock.acquire();
  const node = lock.nodePath!;
  const release = () => lock.release();
  if (lost === 'request') await requestLost(proxy, release, node);
  else await replyLost(proxy, release, { kind: 'delete', path: node });
  return { proxy, client, node };
}

/**
 * Runs `op` (a delete of `path`, or a request that removes it) on a client behind `proxy` with its
 * request lost: the proxy drops every byte, then resets the connection and refuses reconnects while
 * a second client, straight to the server, checks that `path` is still there (the server never saw
 * the delete); then traffic passes again. Returns what `op` settled with.
 */
export async function requestLost<T>(proxy: TestProxy, op: () => Promise<T>, path: string): Promise<T> {
  proxy.blackhole();
  const pending = op();
  pending.catch(() => {}); // the caller gets the rejection; it is not unhandled meanwhile
  try {
    await sleep(100); // the request is sent, into the partition
    proxy.refuse();
    proxy.reset();
    const server = await connect(proxy.targetConnectString);
    try {
      if (!(await server.exists(path))) throw new Error(`${path} was deleted: the request was not lost`);
    } finally {
      await server.close();
    }
  } finally {
    proxy.pass();
  }
  return pending;
}

/**
 * Runs `op` on a client behind `proxy` with the answer to its request lost after the server
 * applied it: a create of a sequential node by default, or `kind` (see replyLost). Returns what
 * `op` settles with.
 */
export async function answerCutOffByReset<T>(
  proxy: TestProxy,
  op: () => Promise<T>,
  what: LostReplyOptions = {},
): Promise<T> {
  return (await replyLost(proxy, op, what)).result;
}

/** One ZooKeeper reply frame (after the handshake): header, and the body's bytes. */
export interface ZkReply {
  xid: number;
  zxid: bigint;
  err: number;
  body: Buffer;
  /** A create's answer: the path created (relative to the chroot). */
  path?: string;
}

/** The whole reply frames at the start of `chunk` (a chunk from the server starts at a frame in these tests). */
export function zkReplies(chunk: Buffer): ZkReply[] {
  const out: ZkReply[] = [];
  let at = 0;
  while (at + 20 <= chunk.length) {
    const len = chunk.readInt32BE(at);
    if (len < 16 || at + 4 + len > chunk.length) break;
    const frame = chunk.subarray(at + 4, at + 4 + len);
    const body = frame.subarray(16);
    const reply: ZkReply = {
      xid: frame.readInt32BE(0),
      zxid: frame.readBigInt64BE(4),
      err: frame.readInt32BE(12),
      body,
    };
    // A create's answer is the path; create2's (the built-in wire's) is the path and a Stat.
    const pathLength = body.length >= 5 ? body.readInt32BE(0) : -1;
    const fits = pathLength + 4 === body.length || pathLength + 4 + STAT_BYTES === body.length;
    if (pathLength > 0 && fits && body[4] === 0x2f /* '/' */) {
      reply.path = body.subarray(4, 4 + pathLength).toString();
    }
    out.push(reply);
    at += 4 + len;
  }
  return out;
}

export interface LostReplyOptions {
  /** Whose answer is lost: the first successful create of a sequential node (default), or delete. */
  kind?: 'create' | 'delete';
  /** For a delete: the path it removes, checked gone on the server once the answer is lost. */
  path?: string;
}

/** Whether `r` is a successful answer of `kind` to a request of the client (xid >= 0: not a ping, watch, auth). */
function answers(r: ZkReply, kind: 'create' | 'delete'): boolean {
  if (r.xid < 0 || r.err !== 0) return false;
  if (kind === 'create') return r.path !== undefined && /\d{10}$/.test(r.path);
  return r.body.length === 0;
}

/**
 * Runs `op` on a client behind `proxy` with the answer to one of its requests lost: requests reach
 * the server, and when the server's successful answer of `kind` comes back, the proxy resets the
 * connection instead of passing it on (FaultProxy.dropNextReply). Reconnects are refused while a
 * second client, straight to the server, checks that the server did apply it (the created node
 * exists, the deleted path is gone); then traffic passes again. Throws if no such answer came within
 * 10 s: the fault did not happen. Returns what `op` settled with, and the lost reply.
 */
export async function replyLost<T>(
  proxy: TestProxy,
  op: () => Promise<T>,
  { kind = 'create', path }: LostReplyOptions = {},
): Promise<{ result: T; reply: ZkReply }> {
  let reply: ZkReply | undefined;
  const dropped = proxy.dropNextReply({
    match: (chunk) => {
      reply = zkReplies(chunk).find((r) => answers(r, kind));
      // Refused before the reset that follows: the client cannot act on the server until checked.
      if (reply) proxy.refuse();
      return reply !== undefined;
    },
  });
  dropped.catch(() => {}); // awaited below; not unhandled meanwhile
  const pending = op();
  pending.catch(() => {}); // the caller gets the rejection; it is not unhandled meanwhile
  try {
    await dropped;
    const server = await connect(proxy.targetConnectString);
    try {
      if (kind === 'create') {
        const stat = await server.exists(reply!.path!);
        if (!stat)
          throw new Error(`the server did not apply the create of ${reply!.path} whose answer was lost`);
      } else if (path !== undefined && (await server.exists(path))) {
        throw new Error(`the server did not apply the delete of ${path} whose answer was lost`);
      }
    } finally {
      await server.close();
    }
  } finally {
    proxy.pass();
  }
  return { result: await pending, reply: reply! };
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

/** Collects the process's warnings of `name` (e.g. MaxListenersExceededWarning) until stop(). */
export function collectWarnings(name: string): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const onWarning = (w: Error) => {
    if (w.name === name) seen.push(w.message);
  };
  process.on('warning', onWarning);
  return { seen, stop: () => process.off('warning', onWarning) };
}

/** How many listeners `client` has, over all its events. */
export function clientListeners(client: ZkClient): number {
  return client.eventNames().reduce((n, e) => n + client.listenerCount(e), 0);
}
