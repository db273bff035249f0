import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findZooKeeper } from './find-zookeeper.js';
import { freePorts, LOOPBACK, now, sleep } from './util.js';
import { ZkTestServer, } from './zk-test-server.js';
/** The loopback address of member `index` with `ownAddresses`: 127.0.0.2 for the first. */
export function memberAddress(index) {
    return `127.0.0.${index + 2}`;
}
/**
 * One member of a ZkTestCluster: a ZkTestServer running QuorumPeerMain. stop/kill/restart/pause/resume work
 * as for a standalone server, except that start() and restart() only wait for the process to answer `ruok`:
 * whether it serves depends on the others (use cluster.waitForQuorum()).
 */
export class ZkTestClusterMember extends ZkTestServer {
    /** Position in cluster.members. */
    index;
    /** The member's ZooKeeper server id (index + 1). */
    myid;
    mainClass = 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
    readiness = 'ruok';
    #quorum;
    /** @internal Created by ZkTestCluster. */
    constructor(index, quorum, options) {
        super(options);
        this.index = index;
        this.myid = index + 1;
        this.#quorum = quorum;
    }
    async prepareDir(dir) {
        await writeFile(path.join(dir, 'myid'), `${this.myid}\n`);
    }
    config() {
        return {
            ...super.config(),
            initLimit: this.#quorum.initLimit,
            syncLimit: this.#quorum.syncLimit,
            ...this.#quorum.servers,
        };
    }
}
const SERVING = new Set(['leader', 'follower', 'observer', 'standalone']);
/**
 * A ZooKeeper ensemble of `size` members (default 3) on 127.0.0.1 (or each on its own address), each with its own client, quorum and
 * election port, data dir and myid (Curator's TestingCluster).
 *
 *     const cluster = await ZkTestCluster.start();
 *     const leader = await cluster.leader();
 *     await leader!.kill();
 *     await cluster.waitForQuorum(); // the others elect a new leader
 *     await cluster.close();
 */
export class ZkTestCluster {
    members = [];
    #options;
    #started;
    #closing;
    constructor(options = {}) {
        this.#options = options;
    }
    /** Creates and starts a cluster; if it does not come up, everything is removed before rejecting. */
    static async start(options) {
        const cluster = new ZkTestCluster(options);
        try {
            await cluster.start();
        }
        catch (err) {
            await cluster.close();
            throw err;
        }
        return cluster;
    }
    get size() {
        return this.#options.size ?? 3;
    }
    /** All members' client addresses, comma-separated: '127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3'. */
    get connectString() {
        if (this.members.length === 0)
            throw new Error('ZkTestCluster: not started yet');
        return this.members.map((m) => m.connectString).join(',');
    }
    /** Starts all members and resolves when every one answers and they agree on one leader. */
    async start() {
        if (this.#closing)
            throw new Error('ZkTestCluster: closed');
        this.#started ??= this.#start();
        await this.#started;
        return this;
    }
    async #start() {
        const size = this.size;
        if (!Number.isInteger(size) || size < 1)
            throw new Error(`ZkTestCluster: bad size ${size}`);
        const { size: _size, initLimit = 10, syncLimit = 5, ownAddresses = false, gids = [], ...serverOptions } = this.#options;
        if (ownAddresses && size > 250)
            throw new Error(`ZkTestCluster: ownAddresses supports up to 250 members, not ${size}`);
        const host = (i) => (ownAddresses ? memberAddress(i) : LOOPBACK);
        // Look ZooKeeper up once, not once per member.
        const zookeeper = serverOptions.zookeeper ?? findZooKeeper();
        const ports = await freePorts(3 * size);
        const servers = {};
        for (let i = 0; i < size; i++) {
            servers[`server.${i + 1}`] = `${host(i)}:${ports[3 * i + 1]}:${ports[3 * i + 2]}`;
        }
        for (let i = 0; i < size; i++) {
            const quorum = { servers, initLimit, syncLimit };
            this.members.push(new ZkTestClusterMember(i, quorum, {
                ...serverOptions,
                zookeeper,
                port: ports[3 * i],
                host: host(i),
                ...(gids[i] === undefined ? {} : { gid: gids[i] }),
            }));
        }
        try {
            const started = await Promise.allSettled(this.members.map((m) => m.start()));
            const failed = started.find((r) => r.status === 'rejected');
            if (failed)
                throw failed.reason;
            await this.waitForQuorum(this.#options.startTimeout ?? 30_000);
        }
        catch (err) {
            // Leave no half-started ensemble running; the dirs stay for close() (or the exit handler).
            await Promise.all(this.members.map((m) => m.kill()));
            throw err;
        }
    }
    /** One round of `srvr` to every running member: the leader, or undefined when there is none right now. */
    async leader() {
        const modes = await Promise.all(this.members.map((m) => m.mode()));
        const leaders = this.members.filter((_, i) => modes[i] === 'leader' || modes[i] === 'standalone');
        return leaders.length === 1 ? leaders[0] : undefined;
    }
    /** Index of the leader in `members`, or -1. */
    async leaderIndex() {
        return (await this.leader())?.index ?? -1;
    }
    /**
     * Resolves with the leader once the running, unpaused members form a quorum: a majority of the ensemble
     * serves, every one of them serves, and exactly one is the leader. Use it after killing, pausing or
     * restarting members.
     */
    async waitForQuorum(timeoutMs = 30_000) {
        const deadline = now() + timeoutMs;
        const majority = Math.floor(this.size / 2) + 1;
        for (;;) {
            const live = this.members.filter((m) => m.running && !m.paused);
            const modes = await Promise.all(live.map((m) => m.mode()));
            const serving = modes.filter((mode) => mode !== undefined && SERVING.has(mode)).length;
            const leaders = live.filter((_, i) => modes[i] === 'leader' || modes[i] === 'standalone');
            if (leaders.length === 1 && serving === live.length && serving >= majority)
                return leaders[0];
            if (now() > deadline) {
                const state = live.map((m, i) => `myid ${m.myid}: ${modes[i] ?? 'not serving'}`).join(', ');
                const logs = this.members.map((m) => m.logTail(15)).join('\n');
                throw new Error(`ZkTestCluster: no quorum within ${timeoutMs} ms (${live.length} of ${this.size} members running; ${state})\n${logs}`);
            }
            await sleep(50);
        }
    }
    /** Kills every member and removes their dirs. Idempotent. */
    close() {
        this.#closing ??= (async () => {
            await this.#started?.catch(() => { });
            await Promise.all(this.members.map((m) => m.close()));
        })();
        return this.#closing;
    }
    async [Symbol.asyncDispose]() {
        await this.close();
    }
}
//# sourceMappingURL=zk-test-cluster.js.map