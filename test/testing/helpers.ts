/** Plumbing for the harness's own tests: a minimal wire client, process and dir checks. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { externalConnectString, findZooKeeper } from '../../src/testing/index.js';

// node-zookeeper-client is CommonJS without typings; only the few calls used here are declared.
interface NzkClient {
  connect(): void;
  close(): void;
  once(event: 'connected', cb: () => void): void;
  create(path: string, data: Buffer, mode: number, cb: (err: Error | null, path?: string) => void): void;
  getData(path: string, cb: (err: Error | null, data?: Buffer) => void): void;
}
interface Nzk {
  createClient(connectString: string, options?: { sessionTimeout?: number; spinDelay?: number }): NzkClient;
  CreateMode: { PERSISTENT: number };
}
const zookeeper = createRequire(import.meta.url)('node-zookeeper-client') as Nzk;

export interface WireClient {
  create(path: string, data: string): Promise<void>;
  get(path: string): Promise<string>;
  close(): void;
}

/** A connected node-zookeeper-client, with promises; rejects if not connected within `timeoutMs`. */
export function wireClient(connectString: string, timeoutMs = 10_000): Promise<WireClient> {
  const client = zookeeper.createClient(connectString, { sessionTimeout: 4000, spinDelay: 100 });
  const wrapped: WireClient = {
    create: (path, data) =>
      new Promise((resolve, reject) =>
        client.create(path, Buffer.from(data), zookeeper.CreateMode.PERSISTENT, (err) =>
          err ? reject(err) : resolve(),
        ),
      ),
    get: (path) =>
      new Promise((resolve, reject) =>
        client.getData(path, (err, data) => (err ? reject(err) : resolve(data?.toString() ?? ''))),
      ),
    close: () => client.close(),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.close();
      reject(new Error(`no ZooKeeper session with ${connectString} within ${timeoutMs} ms`));
    }, timeoutMs);
    client.once('connected', () => {
      clearTimeout(timer);
      resolve(wrapped);
    });
    client.connect();
  });
}

/** Runs `fn` with a wire client that is closed afterwards. */
export async function withWireClient<T>(
  connectString: string,
  fn: (c: WireClient) => Promise<T>,
): Promise<T> {
  const client = await wireClient(connectString);
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

/**
 * Whether `pid` is a live process. process.kill(pid, 0) throws ESRCH once a process is gone and reaped; a
 * JVM orphaned by a dead child process may sit as a zombie until init reaps it, which counts as dead too.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids of processes whose command line mentions `text` (Linux /proc). */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(text) && isAlive(Number(entry))) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `fn()` is truthy; throws after `timeoutMs`. */
export async function eventually(
  fn: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
) {
  const end = performance.now() + timeoutMs;
  while (!(await fn())) {
    if (performance.now() > end) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** The error of a TCP connect to 127.0.0.1:port, or undefined when it connects. */
export function connectError(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(undefined);
    });
    s.once('error', (err) => resolve(err));
  });
}

/**
 * Skip reason for the harness's tests: only when there is no ZooKeeper to run and ZK_CONNECT says the
 * suite runs against an external one. Without ZK_CONNECT a missing ZooKeeper must fail, loudly.
 */
export function harnessSkip(): string | undefined {
  try {
    findZooKeeper();
    return undefined;
  } catch (err) {
    if (externalConnectString())
      return `no ZooKeeper to start (ZK_CONNECT is set): ${(err as Error).message}`;
    return undefined;
  }
}
