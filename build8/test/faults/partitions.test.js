/**
 * Partitions inside the ZooKeeper ensemble (issue 20): each scenario file runs under `node --test`
 * in a network namespace of its own (NetworkNemesis, docs/testing.md), where the nemesis cuts the
 * network between members and clients with nftables, never touching the machine's firewall.
 * Skipped, saying what is missing, when this machine cannot make one; failed instead under CI
 * (test/testing/nemesis.test.ts reports that).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { partitionSupportMissing } from '../../src/testing/index.js';
import { runNamespaced } from './partition-run.js';
const missing = partitionSupportMissing();
for (const [file, what] of [
    ['partition-holder.js', 'the holder'],
    ['partition-contention.js', 'contention'],
    ['partition-election.js', 'leader election'],
]) {
    test(`partitions inside the ensemble: ${what} (${file}, in a network namespace)`, {
        skip: missing ?? false,
    }, async () => {
        const script = fileURLToPath(new URL(`./${file}`, import.meta.url));
        // ZK_PARTITION_ONLY: a test-name pattern for the scenarios (npm run test:jepsen: the flapping one).
        const only = process.env['ZK_PARTITION_ONLY'];
        const flapSeconds = Number(process.env['ZK_PARTITION_FLAP_SECONDS'] ?? 20);
        const pattern = only ? [`--test-name-pattern=${only}`] : [];
        const out = await runNamespaced(['--test', '--test-concurrency=1', '--test-reporter=spec', ...pattern, script], 170_000 + flapSeconds * 1000);
        // The scenarios' own figures and test names, for the run's log.
        process.stdout.write(out);
        // Proof that the scenarios ran (a nested `node --test` can skip its files and still exit 0).
        const passed = Number(/^ℹ pass (\d+)$/m.exec(out)?.[1] ?? 0);
        assert.ok(passed >= (only ? 1 : 2), `the scenarios ran and passed (${passed})`);
        assert.match(out, /^ℹ fail 0$/m);
    });
}
//# sourceMappingURL=partitions.test.js.map