/** Plumbing for the harness's own tests: a minimal wire client, process and dir checks. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { externalConnectString, findZooKeeper } from '../../src/testing/index.js';
const zookeeper = createRequire(import.meta.url)('node-zookeeper-client');
/** A connected node-zookeeper-client, with promises; rejects if not connected within `timeoutMs`. */
export function wireClient(connectString, timeoutMs = 10_000) {
    const client = zookeeper.createClient(connectString, { sessionTimeout: 4000, spinDelay: 100 });
    const wrapped = {
        create: (path, data) => new Promise((resolve, reject) => client.create(path, Buffer.from(data), zookeeper.CreateMode.PERSISTENT, (err) => err ? reject(err) : resolve())),
        get: (path) => new Promise((resolve, reject) => client.getData(path, (err, data) => (err ? reject(err) : resolve(data?.toString() ?? '')))),
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
export async function withWireClient(connectString, fn) {
    const client = await wireClient(connectString);
    try {
        return await fn(client);
    }
    finally {
        client.close();
    }
}
/**
 * Whether `pid` is a live process. process.kill(pid, 0) throws ESRCH once a process is gone and reaped; a
 * JVM orphaned by a dead child process may sit as a zombie until init reaps it, which counts as dead too.
 */
export function isAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (err) {
        if (err.code === 'ESRCH')
            return false;
        throw err;
    }
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    }
    catch {
        return false;
    }
}
/** Pids of processes whose command line mentions `text` (Linux /proc). */
export function processesMentioning(text) {
    const pids = [];
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid)
            continue;
        try {
            const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
            if (cmdline.includes(text) && isAlive(Number(entry)))
                pids.push(Number(entry));
        }
        catch {
            // Gone meanwhile.
        }
    }
    return pids;
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls until `fn()` is truthy; throws after `timeoutMs`. */
export async function eventually(fn, timeoutMs = 10_000, what = 'condition') {
    const end = performance.now() + timeoutMs;
    while (!(await fn())) {
        if (performance.now() > end)
            throw new Error(`${what} not reached within ${timeoutMs} ms`);
        await sleep(25);
    }
}
/** The error of a TCP connect to 127.0.0.1:port, or undefined when it connects. */
export function connectError(port) {
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
export function harnessSkip() {
    try {
        findZooKeeper();
        return undefined;
    }
    catch (err) {
        if (externalConnectString())
            return `no ZooKeeper to start (ZK_CONNECT is set): ${err.message}`;
        return undefined;
    }
}
//# sourceMappingURL=helpers.js.map