import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { trackDir, trackPid, untrackDir, untrackPid } from './cleanup.js';
import { findZooKeeper } from './find-zookeeper.js';
import { fourLetterWord, parseMode } from './four-letter.js';
import { writeLogConfigs } from './log-configs.js';
import { serverJvmArgs } from './server-jvm.js';
import { generateTlsMaterial, serverTlsLaunch } from './tls-material.js';
import * as util from './util.js';
import { LOOPBACK, now, sleep } from './util.js';
const DEFAULT_TICK = 200;
/**
 * A real ZooKeeper server in a child JVM, for tests (Curator's TestingServer, kazoo.testing): standalone, on
 * a free loopback port, with its own temp dir that holds zoo.cfg, the data and the log (zookeeper.log, plus
 * jvm.out for the JVM's own output).
 *
 *     const server = await ZkTestServer.start();
 *     // ... connect to server.connectString ...
 *     await server.close();
 *
 * Everything started is killed and removed when the process exits, even if close() is never called.
 */
export class ZkTestServer {
    /** The address it listens on (the `host` option). */
    host;
    options;
    /** Main class of the JVM; cluster members run QuorumPeerMain. */
    mainClass = 'org.apache.zookeeper.server.ZooKeeperServerMain';
    /** What start()/restart() wait for. */
    readiness = 'serving';
    #zk;
    #dir;
    #port;
    #securePort;
    #tls;
    #child;
    #exited;
    #exit;
    #spawnError;
    #paused = false;
    #starting;
    #closing;
    constructor(options = {}) {
        this.options = options;
        this.host = options.host ?? LOOPBACK;
        this.#port = options.port;
    }
    /** Creates and starts a server; if it does not come up, its files are removed before rejecting. */
    static async start(options) {
        const server = new ZkTestServer(options);
        try {
            await server.start();
        }
        catch (err) {
            await server.close();
            throw err;
        }
        return server;
    }
    /** The client port; known once start() has been called. */
    get port() {
        if (this.#port === undefined)
            throw new Error('ZkTestServer: not started yet, no port chosen');
        return this.#port;
    }
    /** '127.0.0.1:PORT' */
    get connectString() {
        return `${this.host}:${this.port}`;
    }
    /** The TLS port (the `tls` option); known once start() has been called. */
    get securePort() {
        if (!this.options.tls)
            throw new Error('ZkTestServer: started without the tls option, no secure port');
        if (this.#securePort === undefined)
            throw new Error('ZkTestServer: not started yet, no port chosen');
        return this.#securePort;
    }
    /** '127.0.0.1:SECURE_PORT': the port that speaks TLS (the `tls` option). */
    get secureConnectString() {
        return `${this.host}:${this.securePort}`;
    }
    /** node:tls options for a client of `secureConnectString`: the test CA, a client certificate and key. */
    get clientTls() {
        if (!this.#tls)
            throw new Error('ZkTestServer: no TLS material (start it with the tls option)');
        return this.#tls.clientTls;
    }
    /** The server's temp dir: ZooKeeper's dataDir, also holding zoo.cfg, zookeeper.log and jvm.out. */
    get dataDir() {
        if (!this.#dir)
            throw new Error('ZkTestServer: not started yet, no data dir');
        return this.#dir;
    }
    get logFile() {
        return path.join(this.dataDir, 'zookeeper.log');
    }
    /** Pid of the running JVM; undefined when it is not running. */
    get pid() {
        return this.running ? this.#child?.pid : undefined;
    }
    /** The JVM is alive (possibly paused). */
    get running() {
        return this.#child !== undefined && this.#exit === undefined;
    }
    get paused() {
        return this.#paused;
    }
    get closed() {
        return this.#closing !== undefined;
    }
    get tickTime() {
        return this.options.tickTime ?? DEFAULT_TICK;
    }
    /**
     * Starts the JVM and resolves when the server answers (`ruok` → `imok`, and `srvr` shows it serving).
     * After stop()/kill() it starts again on the same port with the same data. No-op when running.
     */
    async start() {
        if (this.#closing)
            throw new Error('ZkTestServer: closed');
        // Concurrent calls share one start.
        this.#starting ??= this.#start().finally(() => {
            this.#starting = undefined;
        });
        await this.#starting;
        return this;
    }
    async #start() {
        if (this.running)
            return;
        this.#zk ??= this.options.zookeeper ?? findZooKeeper();
        const zk = this.#zk;
        if (!this.#dir) {
            const dir = await mkdtemp(path.join(this.options.tmpDir ?? os.tmpdir(), 'zk-test-'));
            trackDir(dir);
            this.#dir = dir;
            await this.prepareDir(dir);
            if (this.options.tls)
                this.#tls = await generateTlsMaterial(path.join(dir, 'tls'), zk.java);
        }
        // A port chosen by us can be taken by someone else before the JVM binds it: then try another one.
        const choosePort = this.#port === undefined;
        const chooseSecure = this.options.tls === true && this.#securePort === undefined;
        for (let attempt = 1;; attempt++) {
            const [port, securePort] = await util.freePorts(2);
            if (choosePort)
                this.#port = port;
            if (chooseSecure)
                this.#securePort = securePort;
            try {
                await this.#launch(zk, this.readiness);
                return;
            }
            catch (err) {
                const again = (choosePort || chooseSecure) && attempt < 3;
                if (!again || !/Address already in use/.test(this.logTail(200))) {
                    if (choosePort)
                        this.#port = undefined;
                    if (chooseSecure)
                        this.#securePort = undefined;
                    throw err;
                }
            }
        }
    }
    /** Writes what the JVM needs into the fresh data dir before the first start (cluster members: myid). */
    async prepareDir(_dir) { }
    /** zoo.cfg entries; subclasses add theirs. */
    config() {
        const tick = this.tickTime;
        return {
            tickTime: tick,
            dataDir: this.dataDir,
            clientPort: this.port,
            clientPortAddress: this.host,
            minSessionTimeout: this.options.minSessionTimeout ?? 2 * tick,
            maxSessionTimeout: this.options.maxSessionTimeout ?? 60_000,
            maxClientCnxns: 0,
            '4lw.commands.whitelist': '*',
            'admin.enableServer': false,
            // Writes still reach the OS before they are acknowledged (they survive a killed JVM); only the fsync,
            // which protects against power loss and costs milliseconds per write, is skipped.
            forceSync: 'no',
            ...(this.#securePort === undefined ? {} : { secureClientPort: this.#securePort }),
        };
    }
    #configText() {
        const entries = { ...this.config(), ...util.parseExtraConfig(this.options.extraConfig) };
        const lines = Object.entries(entries).map(([k, v]) => `${k}=${v}`);
        return `# written by zk-recipes/testing\n${lines.join('\n')}\n`;
    }
    async #launch(zk, readiness) {
        const dir = this.dataDir;
        const cfg = path.join(dir, 'zoo.cfg');
        await writeFile(cfg, this.#configText());
        await writeLogConfigs(dir);
        const tls = serverTlsLaunch(this.#tls, zk.classpath);
        const args = [
            ...serverJvmArgs(dir, this.options.jvmArgs ?? [], tls.jvmArgs),
            '-cp',
            tls.classpath,
            this.mainClass,
            cfg,
        ];
        // The JVM's stdout/stderr go to a file, not to pipes: nothing of it can hold our event loop open.
        const out = fs.openSync(path.join(dir, 'jvm.out'), 'a');
        let child;
        try {
            child = spawn(zk.java, args, { cwd: dir, stdio: ['ignore', out, out], gid: this.options.gid });
        }
        finally {
            fs.closeSync(out);
        }
        this.#child = child;
        this.#exit = undefined;
        this.#spawnError = undefined;
        this.#paused = false;
        this.#exited = new Promise((resolve) => {
            child.once('exit', (code, signal) => {
                if (child.pid !== undefined)
                    untrackPid(child.pid);
                this.#exit = { code, signal };
                this.#paused = false;
                resolve();
            });
            child.once('error', (err) => {
                // Failed to spawn (e.g. java vanished): there is no 'exit' then.
                this.#exit ??= { code: null, signal: null };
                this.#spawnError = err;
                resolve();
            });
        });
        if (child.pid !== undefined)
            trackPid(child.pid);
        // A JVM left running must not keep the process alive; the exit handler kills it.
        child.unref();
        await this.#waitReady(readiness, this.options.startTimeout ?? 30_000);
    }
    async #waitReady(readiness, timeoutMs) {
        const deadline = now() + timeoutMs;
        for (;;) {
            if (this.#exit) {
                const why = this.#spawnError
                    ? `could not run java: ${this.#spawnError.message}`
                    : `the JVM exited (${this.#exit.signal ?? `code ${this.#exit.code}`}) before answering`;
                throw this.#startError(why);
            }
            if (await this.isReady(readiness))
                return;
            if (now() > deadline) {
                await this.kill();
                throw this.#startError(`no answer to '${readiness === 'ruok' ? 'ruok' : 'ruok/srvr'}' within ${timeoutMs} ms`);
            }
            await sleep(50);
        }
    }
    /** One probe: `ruok` answered `imok` and, for 'serving', `srvr` shows a Mode (standalone, leader, ...). */
    async isReady(readiness = 'serving') {
        try {
            if ((await this.fourLetter('ruok', 1000)) !== 'imok')
                return false;
            // `imok` only says the process is up; a quorum member answers it before it has a quorum.
            return readiness === 'ruok' || parseMode(await this.fourLetter('srvr', 1000)) !== undefined;
        }
        catch {
            return false;
        }
    }
    #startError(why) {
        return new Error(`ZkTestServer ${this.mainClass.split('.').pop()} on ${this.host}:${this.#port} did not start: ${why}\n` +
            `java: ${this.#zk?.java}\nclasspath: ${this.#zk?.classpath}\n${this.logTail(40)}`);
    }
    /** The last lines of zookeeper.log and of the JVM's stdout/stderr, for error messages. */
    logTail(lines = 40) {
        if (!this.#dir)
            return '';
        const log = util.tailFile(path.join(this.#dir, 'zookeeper.log'), lines);
        const out = util.tailFile(path.join(this.#dir, 'jvm.out'), lines);
        return (`--- ${path.join(this.#dir, 'zookeeper.log')} (last ${lines} lines) ---\n${log || '(empty)'}\n` +
            `--- ${path.join(this.#dir, 'jvm.out')} ---\n${out || '(empty)'}`);
    }
    /** Stops the JVM: SIGTERM, then SIGKILL if it has not exited after stopTimeout. Data and port are kept. */
    async stop() {
        await this.#terminate('SIGTERM');
    }
    /** SIGKILL: a crash. Data (as far as written) and port are kept; start() or restart() brings it back. */
    async kill() {
        await this.#terminate('SIGKILL');
    }
    async #terminate(signal) {
        const child = this.#child;
        if (!child || !this.running)
            return;
        // Waiting for the exit must keep the event loop alive.
        child.ref();
        try {
            child.kill(signal);
            // A stopped JVM handles SIGTERM only once it runs again.
            if (this.#paused)
                child.kill('SIGCONT');
            if (signal !== 'SIGKILL' && !(await util.within(this.#exited, this.options.stopTimeout ?? 5000))) {
                child.kill('SIGKILL');
            }
            await this.#exited;
        }
        finally {
            child.unref();
        }
    }
    /** stop() then start(): same port, same data; resolves when it answers again. */
    async restart() {
        await this.stop();
        await this.start();
    }
    /**
     * SIGSTOP: the JVM freezes; connections are still accepted by the kernel but nothing answers.
     * Returns once every thread is stopped (Linux; elsewhere at once): the signal takes effect
     * thread by thread, and on a busy machine a thread still running could answer a request
     * sent right after pause().
     */
    pause() {
        const pid = this.pid;
        if (pid === undefined)
            throw new Error('ZkTestServer: not running');
        process.kill(pid, 'SIGSTOP');
        this.#paused = true;
        util.waitStopped(pid, 2000);
    }
    /** SIGCONT after pause(). */
    resume() {
        const pid = this.pid;
        if (pid === undefined)
            throw new Error('ZkTestServer: not running');
        process.kill(pid, 'SIGCONT');
        this.#paused = false;
    }
    /** Kills the JVM and removes its dir. Idempotent; the server cannot be started again. */
    close() {
        this.#closing ??= (async () => {
            // Wait out a start in progress so that its JVM is not left behind.
            await this.#starting?.catch(() => { });
            // No graceful stop: the data is about to be deleted, and tests want close() fast.
            await this.kill();
            const dir = this.#dir;
            if (dir) {
                await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
                untrackDir(dir);
            }
        })();
        return this.#closing;
    }
    async [Symbol.asyncDispose]() {
        await this.close();
    }
    /** Sends a four-letter word (`ruok`, `srvr`, `stat`, `mntr`, `cons`, ...) and resolves with the reply. */
    fourLetter(word, timeoutMs = 2000) {
        return fourLetterWord(this.host, this.port, word, timeoutMs);
    }
    /** 'standalone', 'leader', 'follower', ... from `srvr`; undefined when not serving or not answering. */
    async mode(timeoutMs = 1000) {
        if (!this.running || this.#paused)
            return undefined;
        try {
            return parseMode(await this.fourLetter('srvr', timeoutMs));
        }
        catch {
            return undefined;
        }
    }
}
//# sourceMappingURL=zk-test-server.js.map