/**
 * NetworkNemesis: partitions inside a ZooKeeper ensemble, between its members and between clients and
 * members, with nftables in a network namespace of the test's own (network-namespace.ts). Every fault
 * is logged on the machine's monotonic clock, the clock of the holds the exclusion checker reads.
 */
import { monotonicNow } from '../client/clock.js';
import { sleep } from '../client/timers.js';
import { CLIENT_GID_BASE, clientAddress, deleteRules, loadRules, MEMBER_GID_BASE, renderRules, seededRandom, } from './nemesis-rules.js';
import { inNetworkNamespace, partitionSupportMissing } from './network-namespace.js';
import { memberAddress } from './zk-test-cluster.js';
/**
 * Cuts the network between members and clients of a ZkTestCluster that runs in this process's own
 * network namespace (runNetworkNamespaced()). Members listen on their own addresses (127.0.0.2, ...)
 * and connect out from them; each client process runs under a group id the nemesis gives it
 * (client(name)) and so connects from its own address (127.0.1.1, ...).
 *
 *     const nemesis = await NetworkNemesis.start({ size: 3 });
 *     const cluster = await ZkTestCluster.start(nemesis.clusterOptions());
 *     nemesis.attach(cluster);
 *     const { gid } = await nemesis.client('a');        // spawn the client's process with { gid }
 *     const leader = await nemesis.isolateLeader();     // the leader cannot reach the others, nor they it
 *     await nemesis.heal();
 */
export class NetworkNemesis {
    #snat = new Map();
    #clients = new Map();
    #cut = new Set();
    #events = [];
    #cluster;
    #size = 0;
    constructor() { }
    /**
     * Sets up the rules for a cluster of `size` members (so that their first connections already leave
     * from their own addresses); rejects unless this process runs in a namespace of runNetworkNamespaced().
     */
    static async start(options = {}) {
        if (!inNetworkNamespace()) {
            throw new Error('NetworkNemesis: not in a network namespace of runNetworkNamespaced(); it never changes the machine firewall');
        }
        const missing = partitionSupportMissing();
        if (missing)
            throw new Error(`NetworkNemesis: ${missing}`);
        const nemesis = new NetworkNemesis();
        const size = options.size ?? 3;
        if (!Number.isInteger(size) || size < 1 || size > 250)
            throw new RangeError(`NetworkNemesis: bad size ${size}`);
        nemesis.#size = size;
        for (let i = 0; i < size; i++)
            nemesis.#snat.set(MEMBER_GID_BASE + i, memberAddress(i));
        await nemesis.#apply();
        return nemesis;
    }
    /** ZkTestCluster options: the members on their own addresses, each under its own group id. */
    clusterOptions() {
        const gids = this.#members().map((i) => MEMBER_GID_BASE + i);
        return { size: this.#size, ownAddresses: true, gids };
    }
    /** The cluster started with clusterOptions(): the nemesis asks it who leads. */
    attach(cluster) {
        if (cluster.size !== this.#size)
            throw new Error(`NetworkNemesis: cluster of ${cluster.size}, expected ${this.#size}`);
        this.#cluster = cluster;
    }
    /** Registers a client: start its process with `{ gid }`; its connections leave from `address`. */
    async client(name) {
        let k = this.#clients.get(name);
        if (k === undefined) {
            k = this.#clients.size;
            this.#clients.set(name, k);
            this.#snat.set(CLIENT_GID_BASE + k, clientAddress(k));
            await this.#apply();
        }
        return { gid: CLIENT_GID_BASE + k, address: clientAddress(k) };
    }
    /** The fault log so far, oldest first. */
    get events() {
        return this.#events;
    }
    /** How many faults of each kind were started (heals counted as 'heal'). */
    counts() {
        const out = {};
        for (const e of this.#events)
            out[e.kind] = (out[e.kind] ?? 0) + 1;
        return out;
    }
    /** Whether any cut is in force. */
    get faulted() {
        return this.#cut.size > 0;
    }
    /** Cuts member `index` off from the other members, both ways; clients still reach it. */
    isolate(index, kind = 'isolate') {
        const others = this.#members().filter((i) => i !== index);
        return this.#cutBoth([index], others, kind, `member ${index} | members ${others}`);
    }
    /** Finds the leader with `srvr` and isolates it; resolves with its index. */
    async isolateLeader() {
        const leader = await this.#attached().leaderIndex();
        if (leader < 0)
            throw new Error('NetworkNemesis: no leader to isolate (the ensemble has no quorum now)');
        await this.isolate(leader, 'isolate-leader');
        return leader;
    }
    /** A partition: nothing passes between any endpoint of `a` and any of `b` (members or clients). */
    split(a, b) {
        return this.#cutBoth(a, b, 'split', `${describe(a)} | ${describe(b)}`);
    }
    /** One-way loss: packets from `from` to `to` are dropped; the other direction still passes. */
    async dropOneWay(from, to) {
        this.#block(from, to);
        return this.#record('one-way', `${describe(from)} -> ${describe(to)}`);
    }
    /** Cuts one client from one member, both ways, while the ensemble stays whole. */
    cutClient(client, member) {
        return this.#cutBoth([client], [member], 'cut-client', `${describe([client])} | member ${member}`);
    }
    /** Ends every cut. */
    async heal() {
        this.#cut.clear();
        return this.#record('heal', 'all');
    }
    /**
     * Faults drawn at random (seeded) until `durationMs` has passed or the signal aborts: heal, wait,
     * one fault, wait, ... The network is whole when it resolves.
     */
    async random(options) {
        const rand = seededRandom(options.seed ?? 1);
        const between = ([lo, hi]) => lo + rand() * (hi - lo);
        const pick = (xs) => xs[Math.floor(rand() * xs.length)];
        const kinds = options.kinds ?? ['isolate', 'isolate-leader', 'split', 'one-way', 'cut-client'];
        const end = monotonicNow() + options.durationMs;
        const clients = [...this.#clients.keys()];
        const members = this.#members();
        try {
            while (!options.signal?.aborted && monotonicNow() < end) {
                await sleep(Math.min(between(options.healMs ?? [500, 2000]), end - monotonicNow()), options.signal);
                if (options.signal?.aborted || monotonicNow() >= end)
                    break;
                const kind = pick(kinds);
                const m = pick(members);
                if (kind === 'isolate')
                    await this.isolate(m);
                else if (kind === 'isolate-leader')
                    await this.isolateLeader().catch(() => this.isolate(m));
                else if (kind === 'one-way') {
                    const others = members.filter((i) => i !== m);
                    await (rand() < 0.5 ? this.dropOneWay([m], others) : this.dropOneWay(others, [m]));
                }
                else if (kind === 'cut-client' && clients.length > 0)
                    await this.cutClient(pick(clients), m);
                else {
                    // 2|1 with clients on both sides: each client joins the minority with probability 1/3.
                    const minority = clients.filter(() => rand() < 1 / 3);
                    const majority = clients.filter((c) => !minority.includes(c));
                    const rest = members.filter((i) => i !== m);
                    await this.split([m, ...minority], [...rest, ...majority]);
                }
                await sleep(Math.min(between(options.faultMs ?? [1000, 4000]), end - monotonicNow()), options.signal);
                await this.heal();
            }
        }
        finally {
            if (this.faulted)
                await this.heal();
        }
    }
    /** Runs scripted steps in order, each at its time after the call; heals at the end. */
    async script(steps, signal) {
        const start = monotonicNow();
        try {
            for (const step of steps) {
                await sleep(Math.max(0, start + step.at - monotonicNow()), signal);
                if (signal?.aborted)
                    break;
                await step.action(this);
            }
        }
        finally {
            if (this.faulted)
                await this.heal();
        }
    }
    /** Removes the rules (heals). Idempotent. */
    async close() {
        this.#cut.clear();
        await deleteRules();
    }
    #attached() {
        if (!this.#cluster)
            throw new Error('NetworkNemesis: attach(cluster) first');
        return this.#cluster;
    }
    #members() {
        return Array.from({ length: this.#size }, (_, i) => i);
    }
    #address(e) {
        if (typeof e === 'number') {
            if (!Number.isInteger(e) || e < 0 || e >= this.#size)
                throw new RangeError(`NetworkNemesis: no member ${e}`);
            return memberAddress(e);
        }
        const k = this.#clients.get(e);
        if (k === undefined)
            throw new RangeError(`NetworkNemesis: no client named '${e}' (register it with client())`);
        return clientAddress(k);
    }
    #block(from, to) {
        for (const f of from)
            for (const t of to)
                this.#cut.add(`${this.#address(f)}>${this.#address(t)}`);
    }
    async #cutBoth(a, b, kind, detail) {
        this.#block(a, b);
        this.#block(b, a);
        return this.#record(kind, detail);
    }
    async #record(kind, detail) {
        await this.#apply();
        const event = { at: monotonicNow(), kind, detail };
        this.#events.push(event);
        return event;
    }
    #apply() {
        return loadRules(renderRules(this.#snat, this.#cut));
    }
}
function describe(side) {
    const members = side.filter((e) => typeof e === 'number');
    const clients = side.filter((e) => typeof e === 'string');
    const parts = [];
    if (members.length > 0)
        parts.push(`member${members.length > 1 ? 's' : ''} ${members.join(',')}`);
    if (clients.length > 0)
        parts.push(`client${clients.length > 1 ? 's' : ''} ${clients.join(',')}`);
    return parts.join(' + ') || 'nobody';
}
//# sourceMappingURL=nemesis.js.map