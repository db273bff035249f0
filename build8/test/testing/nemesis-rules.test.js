/** The nemesis's nftables text and its seeded schedule: no root needed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddress, renderRules, seededRandom } from '../../src/testing/nemesis-rules.js';
import { memberAddress } from '../../src/testing/zk-test-cluster.js';
test('renderRules: one snat rule per group id, two drop rules per cut direction (by the connection ends)', () => {
    const text = renderRules(new Map([
        [64000, memberAddress(0)],
        [64100, clientAddress(0)],
    ]), new Set([`${memberAddress(0)}>${memberAddress(1)}`]));
    assert.match(text, /^add rule ip zk_nemesis nat_out meta skgid 64000 snat to 127\.0\.0\.2$/m);
    assert.match(text, /^add rule ip zk_nemesis nat_out meta skgid 64100 snat to 127\.0\.1\.1$/m);
    const drops = text.split('\n').filter((l) => l.endsWith(' drop'));
    assert.deepEqual(drops, [
        'add rule ip zk_nemesis partition ct direction original ct reply ip daddr 127.0.0.2 ct original ip daddr 127.0.0.3 drop',
        'add rule ip zk_nemesis partition ct direction reply ct original ip daddr 127.0.0.2 ct reply ip daddr 127.0.0.3 drop',
    ]);
    // Both chains are flushed in the same transaction: a heal is the text without drops.
    assert.match(text, /^flush chain ip zk_nemesis partition$/m);
    assert.equal(renderRules(new Map(), new Set()).includes(' drop'), false);
});
test('addresses: members from 127.0.0.2, clients from 127.0.1.1, distinct', () => {
    assert.equal(memberAddress(2), '127.0.0.4');
    assert.equal(clientAddress(249), '127.0.1.250');
    assert.equal(clientAddress(250), '127.0.2.1');
});
test('seededRandom: the same seed gives the same schedule, another seed another', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(Array.from({ length: 5 }, () => b()), xs);
    assert.notDeepEqual(Array.from({ length: 5 }, () => c()), xs);
    for (const x of xs)
        assert.ok(x >= 0 && x < 1);
});
//# sourceMappingURL=nemesis-rules.test.js.map