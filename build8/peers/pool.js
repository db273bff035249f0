/**
 * The peer processes of one bench run: per implementation a growing pool (handoff with K
 * waiters uses the first K), plus dedicated peers (the memory figure wants a fresh heap).
 * An implementation that cannot run here is reported once and left out.
 */
import { findImpl, IMPLS } from './launch.js';
import { PeerProcess } from './peer-process.js';
// Peers start a few at a time: 50 JVMs at once on 2 cores would time out their sessions.
const START_BATCH = 4;
export class PeerPool {
    connectString;
    warmCycles;
    commands = new Map();
    /** Why an implementation is left out. */
    missing = new Map();
    pools = new Map();
    extras = new Set();
    /**
     * @param warmCycles uncontended cycles each pooled peer runs once started, so that a JIT
     *   (the JVM's above all) has compiled the recipe before a peer is measured in a crowd
     *   where it gets the lock only now and then.
     */
    constructor(connectString, warmCycles = 0) {
        this.connectString = connectString;
        this.warmCycles = warmCycles;
        for (const impl of IMPLS) {
            const found = findImpl(impl);
            if ('missing' in found)
                this.missing.set(impl, found.missing);
            else
                this.commands.set(impl, found);
        }
    }
    /** The implementations that can run here, ours first. */
    get available() {
        return IMPLS.filter((i) => this.commands.has(i));
    }
    /** The first `count` pooled peers of `impl`, starting the missing ones. */
    async peers(impl, count) {
        const pool = this.pools.get(impl) ?? [];
        this.pools.set(impl, pool);
        while (pool.length < count) {
            const batch = Math.min(START_BATCH, count - pool.length);
            const started = await Promise.all(Array.from({ length: batch }, async (_, i) => {
                const peer = await this.start(impl);
                if (this.warmCycles > 0)
                    await peer.send(`cycle pool-warm-${impl}-${pool.length + i} ${this.warmCycles}`);
                return peer;
            }));
            pool.push(...started);
        }
        return pool.slice(0, count);
    }
    /**
     * A peer of its own (closed with `closeExtra` or at the end), with extra arguments; `warm`
     * runs it through uncontended cycles and a burst of locks first, as the pooled peers are
     * (the memory figure wants a fresh heap instead).
     */
    async extra(impl, args = [], opts = {}) {
        const peer = await this.start(impl, args);
        this.extras.add(peer);
        if (opts.warm && this.warmCycles > 0) {
            const tag = `extra-warm-${impl}-${this.extras.size}`;
            await peer.send(`cycle ${tag} ${this.warmCycles}`);
            await peer.send(`many ${tag} ${this.warmCycles} 16`, 300_000);
        }
        return peer;
    }
    async closeExtra(peer) {
        this.extras.delete(peer);
        await peer.close(5_000);
    }
    start(impl, args = []) {
        const how = this.commands.get(impl);
        if (!how)
            throw new Error(`${impl} cannot run here: ${this.missing.get(impl)}`);
        return PeerProcess.spawn(impl, how, this.connectString, args);
    }
    /** Closes every peer; those that do not quit in time are killed. */
    async close() {
        const all = [...this.extras, ...[...this.pools.values()].flat()];
        this.extras.clear();
        this.pools.clear();
        await Promise.all(all.map((p) => p.close(5_000)));
    }
}
//# sourceMappingURL=pool.js.map