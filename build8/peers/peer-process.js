/**
 * Drives a Curator (Java) or Kazoo (Python) peer process over its line protocol
 * (see CuratorPeer.java and kazoo_peer.py beside this file's source).
 * `findPeer()` says exactly what is missing when a peer cannot run here.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { trackPid, untrackPid } from '../src/testing/cleanup.js';
// This file runs from build/peers/; the peer sources stay in peers/.
const sourceDir = fileURLToPath(new URL('../../peers/', import.meta.url));
const JAVA_JARS = [
    'curator-client',
    'curator-framework',
    'curator-recipes',
    'zookeeper',
    'zookeeper-jute',
    'guava',
    'slf4j-api',
    'slf4j-nop',
    'netty-handler',
    'netty-common',
    'netty-buffer',
    'netty-transport',
    'netty-codec',
    'netty-resolver',
    'netty-transport-native-epoll',
    'netty-transport-native-unix-common',
    // service discovery (libcurator-discovery-java) and the Jackson it serializes with
    'curator-x-discovery',
    'jackson-core',
    'jackson-databind',
    'jackson-annotations',
];
/**
 * Whether the interop tests must run rather than skip: in CI (`CI` set, as `CI=true bash .ci/run`
 * does), a missing Curator or Kazoo is a failure, so that a green CI always carries interop.
 */
export function peersRequired(env = process.env) {
    const ci = env['CI']?.trim().toLowerCase();
    return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}
/** How to start a peer here, or the reason it cannot start (with what to install). */
export function findPeer(kind) {
    if (kind === 'curator') {
        const jars = JAVA_JARS.map((j) => `/usr/share/java/${j}.jar`);
        const absent = jars.filter((j) => !existsSync(j));
        if (absent.length > 0) {
            return {
                missing: `Curator jars not found (${absent[0]}): apt-get install -y libcurator-recipes-java libcurator-discovery-java zookeeper`,
            };
        }
        if (!existsSync('/usr/bin/java'))
            return { missing: 'java not found: apt-get install -y default-jre-headless' };
        return { command: '/usr/bin/java', args: ['-cp', jars.join(':'), `${sourceDir}CuratorPeer.java`] };
    }
    const python = '/usr/bin/python3';
    try {
        execFileSync(python, ['-c', 'import kazoo'], { stdio: 'ignore' });
    }
    catch {
        return { missing: 'Kazoo for /usr/bin/python3 not found: apt-get install -y python3-kazoo' };
    }
    return { command: python, args: [`${sourceDir}kazoo_peer.py`] };
}
export class PeerProcess {
    kind;
    child;
    lines = [];
    waiting;
    exited = false;
    stderrTail = '';
    constructor(
    /** 'curator', 'kazoo', or whatever name `spawn()` was given. */
    kind, child) {
        this.kind = kind;
        this.child = child;
        createInterface({ input: child.stdout }).on('line', (line) => {
            const w = this.waiting;
            if (w) {
                this.waiting = undefined;
                w(line);
            }
            else
                this.lines.push(line);
        });
        // The peers log to stderr; keep the pipe drained and the end of it for error messages.
        child.stderr.on('data', (chunk) => {
            this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
        });
        // Tracked like the harness's JVMs: killed however this process ends.
        if (child.pid !== undefined)
            trackPid(child.pid);
        const gone = () => {
            if (this.exited)
                return;
            this.exited = true;
            if (child.pid !== undefined)
                untrackPid(child.pid);
            this.waiting?.('err peer exited');
            this.child.emit('gone');
        };
        child.on('exit', gone);
        child.on('error', gone); // a failed spawn: no 'exit' may follow
        child.stdin.on('error', () => { }); // EPIPE after an exit shows as 'err peer exited'
    }
    /** The peer's process id (undefined if the spawn failed). */
    get pid() {
        return this.child.pid;
    }
    /** The last few KB the peer wrote to stderr. */
    get stderr() {
        return this.stderrTail;
    }
    /** Starts a peer connected to `connectString`; resolves once it said "ok ready". */
    static async start(kind, connectString) {
        const found = findPeer(kind);
        if ('missing' in found)
            throw new Error(found.missing);
        return PeerProcess.spawn(kind, found, connectString);
    }
    /** Starts any program that speaks the line protocol, with `connectString` and `extraArgs` after its args. */
    static async spawn(kind, how, connectString, extraArgs = []) {
        const child = spawn(how.command, [...how.args, connectString, ...extraArgs], {
            stdio: 'pipe',
            env: how.env ? { ...process.env, ...how.env } : undefined,
        });
        const peer = new PeerProcess(kind, child);
        const ready = await peer.next(60_000);
        if (!ready.startsWith('ok')) {
            await peer.close();
            throw new Error(`${kind} peer did not start: ${ready} ${peer.stderr.trim().slice(-500)}`);
        }
        return peer;
    }
    /** Sends one command and resolves its answer without the leading "ok"; rejects on "err". */
    async send(command, timeoutMs = 60_000) {
        if (this.exited)
            throw new Error(`${this.kind} peer has exited`);
        this.child.stdin.write(`${command}\n`);
        const line = await this.next(timeoutMs);
        if (!line.startsWith('ok'))
            throw new Error(`${this.kind} peer: ${command}: ${line}`);
        return line.slice(2).trim();
    }
    next(timeoutMs) {
        const queued = this.lines.shift();
        if (queued !== undefined)
            return Promise.resolve(queued);
        if (this.exited)
            return Promise.resolve('err peer exited');
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.waiting = undefined;
                resolve(`err no answer within ${timeoutMs} ms`);
            }, timeoutMs);
            this.waiting = (line) => {
                clearTimeout(timer);
                resolve(line);
            };
        });
    }
    /** Asks the peer to quit; kills it if it does not answer within `graceMs`. */
    async close(graceMs = 10_000) {
        if (this.exited)
            return;
        await this.send('quit', graceMs).catch(() => { });
        if (!this.exited)
            this.child.kill('SIGKILL');
        await new Promise((r) => (this.exited ? r() : this.child.once('gone', () => r())));
    }
}
//# sourceMappingURL=peer-process.js.map