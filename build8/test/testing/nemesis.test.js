/**
 * The nemesis and servers on their own addresses, in a network namespace of the test's own
 * (netns-probe.ts runs there). Skipped, saying what is missing, when the machine cannot make one
 * (not root, no unshare, nft or ip); with CI set a missing capability fails instead, like the
 * interop peers, so that a green CI always ran the partition tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { peersRequired } from '../../peers/peer-process.js';
import { partitionSupportMissing } from '../../src/testing/index.js';
import { runNamespaced } from '../faults/partition-run.js';
const missing = partitionSupportMissing();
const required = peersRequired();
test(`partitions can be tested here${required ? ' (required: CI is set)' : ''}`, {
    skip: !required && missing ? missing : false,
}, () => {
    assert.equal(missing, undefined, `CI requires the partition tests: ${missing}`);
});
test('each cut of the nemesis does what it says, in a namespace of its own', {
    skip: missing ?? false,
}, async () => {
    const out = await runNamespaced([fileURLToPath(new URL('./netns-probe.js', import.meta.url))]);
    const seen = JSON.parse(out.trim().split('\n').at(-1));
    process.stdout.write(`nemesis probe: ${JSON.stringify(seen)}\n`);
    // A cut-off member stops serving after about syncLimit ticks (1 s here); bounded generously.
    for (const k of [
        'isolatedFollowerStopsAfterMs',
        'isolatedLeaderStopsAfterMs',
        'deafFollowerStopsAfterMs',
    ]) {
        assert.ok(seen[k] < 30_000, `${k}=${seen[k]}`);
    }
});
//# sourceMappingURL=nemesis.test.js.map