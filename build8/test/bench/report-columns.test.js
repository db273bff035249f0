/**
 * The bench's tables: zk-recipes on node-zookeeper-client gets its columns (value, ours/nzc) in
 * the figures that ran it and in no other, in the terminal and in docs/performance.md alike.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consoleTable, generatedSection } from '../../bench/report.js';
const rows = [
    {
        id: 'handoff.k10.peers-cpu',
        figure: 'Handoff',
        label: 'K=10 CPU of all K processes per acquire+release',
        unit: 'µs',
        better: 'lower',
        values: { ours: 600, nzc: 800, curator: 700, kazoo: 1200 },
    },
    {
        id: 'herd.events',
        figure: 'Herd',
        label: 'watch events fired per release (server)',
        unit: '',
        better: 'lower',
        values: { ours: 1, curator: 1, kazoo: 1 },
    },
];
test('the nzc columns appear in the figures that ran it, with ours/nzc', () => {
    const [handoff, herd] = consoleTable(rows).split('■ ').slice(1);
    assert.match(handoff, /on nzc +ours\/nzc/);
    assert.match(handoff, /800 µs +0\.75 +700 µs +0\.86/);
    assert.doesNotMatch(herd, /nzc/);
});
test('docs/performance.md gets the same columns', () => {
    const md = generatedSection({
        mode: 'full',
        date: '2026-12-02T00:00:00.000Z',
        durationSeconds: 1,
        command: 'node build/bench/run.js',
        zookeeper: 'test',
        machine: { cpu: 'cpu', cores: 2, memoryGiB: 1, os: 'os', node: 'v20', zkRecipes: '0.1.0' },
        // biome-ignore lint/suspicious/noExplicitAny: the config is not read by the tables
        config: {},
        missing: {},
        failures: [],
        rows,
    });
    assert.match(md, /\| \| zk-recipes \| zk-recipes on node-zookeeper-client \| ours\/nzc \| Curator \| ours\/Curator \| Kazoo \| ours\/Kazoo \| target \|\n\| --- \|( ---: \|){8}\n\| K=10 CPU of all K processes per acquire\+release ↓ \| 600 µs \| 800 µs \| 0\.75 \| 700 µs \| 0\.86 \|/);
    assert.match(md, /\| \| zk-recipes \| Curator \| ours\/Curator \| Kazoo \| ours\/Kazoo \| target \|\n\| --- \|( ---: \|){6}\n\| watch events/);
    // The CPU target is read against Curator.
    assert.match(md, /✅ handoff K=10 CPU of all K processes per acquire\+release: ours\/Curator = 0\.86 \(target ≤ 1\.0\)/);
});
//# sourceMappingURL=report-columns.test.js.map