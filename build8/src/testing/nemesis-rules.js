/** The nftables side of NetworkNemesis: endpoints' addresses and group ids, and the ruleset it loads. */
import { spawn } from 'node:child_process';
import { findTool } from './network-namespace.js';
/** Group ids the nemesis runs processes under: members from 64000, clients from 64100. */
export const MEMBER_GID_BASE = 64000;
export const CLIENT_GID_BASE = 64100;
const TABLE = 'ip zk_nemesis';
/** Client `k`'s own source address: 127.0.1.1 for the first. */
export function clientAddress(k) {
    return `127.0.${1 + Math.floor(k / 250)}.${1 + (k % 250)}`;
}
/**
 * The whole ruleset, loaded in one nft transaction (so a fault starts or ends at one moment):
 * - `nat_out`: a connection opened by a process of group id G leaves from G's own address (ZooKeeper does
 *   not bind its outgoing quorum connections, so without this every member would talk from 127.0.0.1);
 * - `partition`: packets from one endpoint to another are dropped on arrival. The ends are read from the
 *   connection's conntrack entry (who opened it to whom), so a one-way cut drops exactly one direction
 *   of every connection between them. Dropped, not rejected: connections stay up and time out like
 *   on a real partition.
 */
export function renderRules(snat, cut) {
    const lines = [
        `table ${TABLE} {`,
        '  chain nat_out { type nat hook postrouting priority srcnat; policy accept; }',
        '  chain partition { type filter hook prerouting priority -150; policy accept; }',
        '}',
        `flush chain ${TABLE} nat_out`,
        `flush chain ${TABLE} partition`,
    ];
    for (const [gid, address] of snat)
        lines.push(`add rule ${TABLE} nat_out meta skgid ${gid} snat to ${address}`);
    for (const pair of [...cut].sort()) {
        const [from, to] = pair.split('>');
        // By the connection's two ends, not the packet's addresses: a reply may already have its
        // destination translated back. The opener's own address is the reply tuple's destination.
        lines.push(`add rule ${TABLE} partition ct direction original ct reply ip daddr ${from} ct original ip daddr ${to} drop`, `add rule ${TABLE} partition ct direction reply ct original ip daddr ${from} ct reply ip daddr ${to} drop`);
    }
    return `${lines.join('\n')}\n`;
}
/** Loads nft rules from text; rejects with nft's message when it refuses them. */
export function loadRules(text) {
    return new Promise((resolve, reject) => {
        const child = spawn(findTool('nft') ?? 'nft', ['-f', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => {
            err += d.toString('utf8');
        });
        child.on('error', reject);
        child.on('close', (code) => code === 0 ? resolve() : reject(new Error(`nft -f - failed (exit ${code}): ${err.trim()}\n${text}`)));
        child.stdin.end(text);
    });
}
/** Removes the nemesis's table (its namespace goes with the process anyway). */
export function deleteRules() {
    return loadRules(`table ${TABLE} {}\ndelete table ${TABLE}\n`);
}
/** A small seeded PRNG (mulberry32): the same seed gives the same schedule. */
export function seededRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
//# sourceMappingURL=nemesis-rules.js.map