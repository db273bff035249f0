/**
 * `npm run bench [-- --quick]`: zk-recipes (on its built-in wire, and in some figures on
 * node-zookeeper-client too) against Curator 5 and Kazoo on one ZooKeeper
 * (a ZkTestServer started here, or ZK_CONNECT's). Every implementation runs in processes of
 * its own, driven over the same line protocol; rounds rotate their order so that a noisy
 * machine hurts them alike, and each row is a median over rounds.
 *
 * The full run writes bench/results/latest.json, bench/results/latest.svg and the generated
 * part of docs/performance.md; --quick (under 2 minutes) only prints. BENCH_OUT=dir writes the
 * JSON and the chart there instead (either mode), and leaves the docs alone. BENCH_ONLY=word,…
 * runs only the figures named so, and writes nothing (for working on one figure).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMPL_NAMES } from '../peers/launch.js';
import { PeerPool } from '../peers/pool.js';
import { parseConnectString, ZkClient } from '../src/index.js';
import { fourLetterWord, startTestZooKeeper } from '../src/testing/index.js';
import { renderChart } from './chart.js';
import { config } from './context.js';
import { cache } from './figures/cache.js';
import { handoff } from './figures/handoff.js';
import { herd } from './figures/herd.js';
import { leaderFailover } from './figures/leader.js';
import { manyLocks } from './figures/many-locks.js';
import { memory } from './figures/memory.js';
import { parked } from './figures/parked.js';
import { reentrant } from './figures/reentrant.js';
import { rwLock } from './figures/rwlock.js';
import { semaphoreCycle } from './figures/semaphore.js';
import { uncontended } from './figures/uncontended.js';
import { describeMachine, processCpuUs } from './machine.js';
import { consoleTable, generatedSection, performanceDoc, targets } from './report.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.env['BENCH_ONLY']?.split(',').filter((w) => w !== '');
const cfg = config(quick);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const log = (line) => console.log(line);
const FIGURES = [
    ['uncontended cycle', uncontended],
    ['handoff', handoff],
    ['parked waiters', parked],
    ['herd check', herd],
    ['read/write lock', rwLock],
    ['reentrant', reentrant],
    ['semaphore', semaphoreCycle],
    ['leader failover', leaderFailover],
    // Last: these leave thousands of lock directories behind (Kazoo's persist, Curator's
    // containers are reaped by the server later), which must not disturb the latency figures.
    ['many locks', manyLocks],
    ['memory', memory],
    ['tree cache', cache],
];
/** Heats the server's (and every peer's) JIT before anything is recorded. */
async function warmUp(ctx) {
    const n = quick ? 150 : 500;
    for (const impl of ctx.implsBothWires) {
        const [peer] = await ctx.pool.peers(impl, 1);
        await peer.send(`cycle warmup-${impl} ${n}`);
        await peer.send(`many warmup-${impl} ${n} 16`, 300_000);
        if (impl === 'ours')
            await peer.send(`raw warmup ${n * 4} 64`);
    }
}
async function main() {
    log(`zk-recipes bench (${quick ? 'quick' : 'full'})`);
    const zk = await startTestZooKeeper();
    const connect = parseConnectString(zk.connectString);
    const first = connect.servers[0];
    const fourLetter = (word) => zk.server ? zk.server.fourLetter(word) : fourLetterWord(first.host, first.port, word, 5_000);
    const zookeeper = zk.server
        ? 'a ZkTestServer started by the bench (standalone, tickTime 200, forceSync=no)'
        : `ZK_CONNECT=${zk.connectString}`;
    log(`ZooKeeper: ${zookeeper} at ${zk.connectString}`);
    const client = new ZkClient(zk.connectString, { sessionTimeout: 10_000 });
    const pool = new PeerPool(zk.connectString, quick ? 50 : 2000);
    const rows = [];
    const failures = [];
    try {
        await client.connect();
        for (const [impl, why] of pool.missing) {
            log(`${IMPL_NAMES[impl]} cannot run here, its columns stay empty: ${why}`);
        }
        const ctx = {
            config: cfg,
            impls: pool.available.filter((i) => i !== 'nzc'),
            implsBothWires: pool.available,
            pool,
            client,
            connectString: zk.connectString,
            fourLetter,
            serverRequests: async () => Number(/^zk_packets_received\s+(\d+)/m.exec(await fourLetter('mntr'))?.[1]),
            serverCpuUs: () => processCpuUs(zk.server?.pid),
            log,
            failed: (part, e) => {
                const error = e instanceof Error ? e.message : String(e);
                log(`  ${part} failed: ${error}`);
                failures.push({ figure: part, error });
            },
        };
        log(`warming up (${ctx.implsBothWires.map((i) => IMPL_NAMES[i]).join(', ')}) … ${elapsed()}`);
        await warmUp(ctx);
        for (const [name, run] of FIGURES) {
            if (only && !only.some((o) => name.includes(o)))
                continue;
            log(`${name} … ${elapsed()}`);
            try {
                rows.push(...(await run(ctx)));
            }
            catch (e) {
                ctx.failed(name, e);
            }
        }
        const srvr = await fourLetter('srvr').catch(() => undefined);
        const result = {
            mode: quick ? 'quick' : 'full',
            date: new Date().toISOString(),
            durationSeconds: (performance.now() - started) / 1000,
            command: `node build/bench/run.js${quick ? ' --quick' : ''}`,
            zookeeper,
            machine: describeMachine(srvr),
            config: cfg,
            missing: Object.fromEntries(pool.missing),
            failures,
            rows,
        };
        log('');
        log(consoleTable(rows));
        for (const t of targets(rows))
            log(`${t.ok === undefined ? '-' : t.ok ? 'met   ' : 'MISSED'} ${t.text}`);
        const out = process.env['BENCH_OUT'];
        if (out)
            writeResults(result, out);
        else if (!quick && !only) {
            writeResults(result, `${root}bench/results`);
            const docPath = `${root}docs/performance.md`;
            writeFileSync(docPath, performanceDoc(docPath, generatedSection(result), '# Performance\n\n{{generated}}\n'));
            log('wrote docs/performance.md');
        }
        log(`done in ${elapsed()}`);
        return failures.length > 0 ? 1 : 0;
    }
    finally {
        await pool.close();
        await client.close();
        await zk.close();
    }
}
function writeResults(result, dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/latest.json`, `${JSON.stringify(result, null, 2)}\n`);
    const m = result.machine;
    writeFileSync(`${dir}/latest.svg`, renderChart(result.rows, 'zk-recipes vs Apache Curator and Kazoo: ratio ours/theirs', `${result.date.slice(0, 10)} · ${m.cpu}, ${m.cores} cores · ZooKeeper ${m.zookeeperServer ?? '?'} · Node ${m.node} · Curator ${m.curator ?? '—'} · Kazoo ${m.kazoo ?? '—'}`));
    log(`wrote ${dir}/latest.json and ${dir}/latest.svg`);
}
main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=run.js.map