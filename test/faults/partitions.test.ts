/**
 * Partitions inside the ZooKeeper ensemble (issue 20): each scenario file runs under `node --test`
 * in a network namespace of its own (NetworkNemesis, docs/testing.md), where the nemesis cuts the
 * network between members and clients with nftables, never touching the machine's firewall.
 * Skipped, saying what is missing, when this machine cannot make one; failed instead under CI
 * (test/testing/nemesis.test.ts reports that).
 */
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { partitionSupportMissing } from '../../src/testing/index.js';
import { runNamespaced } from './partition-run.js';

const missing = partitionSupportMissing();

for (const [file, what] of [
  ['partition-holder.js', 'the holder'],
  ['partition-contention.js', 'contention'],
] as const) {
  test(`partitions inside the ensemble: ${what} (${file}, in a network namespace)`, {
    skip: missing ?? false,
  }, async () => {
    const script = fileURLToPath(new URL(`./${file}`, import.meta.url));
    const out = await runNamespaced(
      ['--test', '--test-concurrency=1', '--test-reporter=spec', script],
      170_000,
    );
    // The scenarios' own figures and test names, for the run's log.
    process.stdout.write(out);
  });
}
