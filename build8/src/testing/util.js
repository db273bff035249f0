import fs from 'node:fs';
import net from 'node:net';
export const LOOPBACK = '127.0.0.1';
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Monotonic milliseconds, for deadlines that must not move with the wall clock. */
export const now = () => performance.now();
/**
 * `count` distinct free TCP ports on the loopback address. All are held open at once so they differ; there
 * is still a window before the JVM binds them in which another process could take one.
 */
export async function freePorts(count) {
    const servers = [];
    try {
        for (let i = 0; i < count; i++) {
            const server = net.createServer();
            servers.push(server);
            await new Promise((resolve, reject) => {
                server.once('error', reject);
                server.listen(0, LOOPBACK, () => resolve());
            });
        }
        return servers.map((s) => s.address().port);
    }
    finally {
        await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    }
}
/** The last `lines` lines of a text file ('' when it does not exist); reads at most the last 64 KiB. */
export function tailFile(file, lines) {
    let fd;
    try {
        fd = fs.openSync(file, 'r');
    }
    catch {
        return '';
    }
    try {
        const size = fs.fstatSync(fd).size;
        const length = Math.min(size, 64 * 1024);
        const buf = Buffer.alloc(length);
        fs.readSync(fd, buf, 0, length, size - length);
        const text = buf.toString('utf8').trimEnd();
        return text.split('\n').slice(-lines).join('\n');
    }
    finally {
        fs.closeSync(fd);
    }
}
/** Resolves true when `promise` settles within `ms`, false otherwise; leaves no timer behind. */
export async function within(promise, ms) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
    });
    try {
        return await Promise.race([promise.then(() => true), timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * The fields of a /proc stat file (`/proc/<pid>/stat`, or a thread's `/proc/<pid>/task/<tid>/stat`)
 * after the command name, which may hold spaces: [0] is the state, [11] and [12] utime and stime in
 * clock ticks. Undefined without /proc (not Linux) or once the process or thread is gone.
 */
export function procStat(path) {
    try {
        const stat = fs.readFileSync(path, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    }
    catch {
        return undefined;
    }
}
/** Waits (blocking, at most `ms`) until /proc shows every thread of `pid` stopped; no-op without /proc. */
export function waitStopped(pid, ms) {
    const tick = new Int32Array(new SharedArrayBuffer(4));
    const end = now() + ms;
    while (now() < end) {
        let threads;
        try {
            threads = fs.readdirSync(`/proc/${pid}/task`);
        }
        catch {
            return; // no /proc (not Linux), or the process is gone
        }
        const running = threads.some((t) => {
            const state = procStat(`/proc/${pid}/task/${t}/stat`)?.[0]; // undefined: the thread ended
            return state !== undefined && !'TtZX'.includes(state);
        });
        if (!running)
            return;
        Atomics.wait(tick, 0, 0, 1);
    }
}
/** zoo.cfg entries given as `{ key: value }` or as `'key=value'` lines. */
export function parseExtraConfig(extra) {
    if (!extra)
        return {};
    if (!Array.isArray(extra))
        return extra;
    const entries = {};
    for (const line of extra) {
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new Error(`ZkTestServer: extraConfig line is not key=value: ${JSON.stringify(line)}`);
        entries[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
    return entries;
}
//# sourceMappingURL=util.js.map