/**
 * The two rules that keep a cache from going back in time, on their own (no server needed, no
 * server mocked): answers are applied in the order their reads were queued whatever order their
 * promises settle in (OrderedReads), and a read older than what is held changes nothing, by
 * czxid and mzxid (CacheTree).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OrderedReads } from '../../src/recipes/cache/ordered-reads.js';
import { CacheTree } from '../../src/recipes/cache/tree.js';
const stat = (czxid, mzxid, version = 0) => ({
    czxid: BigInt(czxid),
    mzxid: BigInt(mzxid),
    pzxid: BigInt(czxid),
    ctime: 0n,
    mtime: 0n,
    version,
    cversion: 0,
    aversion: 0,
    ephemeralOwner: 0n,
    dataLength: 1,
    numChildren: 0,
});
const node = (path, czxid, mzxid, data = `${mzxid}`) => ({
    path,
    data: Buffer.from(data),
    stat: stat(czxid, mzxid),
});
const types = (events) => events.map((e) => `${e.type} ${e.path}`);
test('CacheTree: an older read of the same node changes nothing; a re-created node is deleted then created', () => {
    const tree = new CacheTree();
    assert.deepEqual(types(tree.put(node('/a', 10, 10), 1)), ['created /a']);
    assert.deepEqual(types(tree.put(node('/a', 10, 12), 1)), ['changed /a']);
    assert.deepEqual(tree.put(node('/a', 10, 11), 1), [], 'an older mzxid: stale');
    assert.deepEqual(tree.put(node('/a', 10, 12), 1), [], 'the same: nothing');
    assert.deepEqual(tree.put(node('/a', 9, 20), 1), [], 'an earlier incarnation: stale');
    assert.equal(tree.get('/a')?.data?.toString(), '12');
    assert.deepEqual(types(tree.put(node('/a', 30, 30), 1)), ['deleted /a', 'created /a']);
    assert.equal(tree.get('/a')?.stat.czxid, 30n);
});
test('CacheTree: remove takes what is cached below; sweep removes what a pass did not see, deepest first', () => {
    const tree = new CacheTree();
    for (const p of ['/r', '/r/a', '/r/a/x', '/r/b'])
        tree.put(node(p, 1, 1), 1);
    assert.deepEqual(tree.children('/r'), ['a', 'b']);
    assert.deepEqual(types(tree.remove('/r/a')), ['deleted /r/a/x', 'deleted /r/a']);
    assert.deepEqual(tree.children('/r'), ['b']);
    tree.put(node('/r/c', 2, 2), 1);
    tree.put(node('/r/c/y', 3, 3), 1);
    tree.put(node('/r', 1, 1), 2); // seen by pass 2
    tree.put(node('/r/b', 1, 1), 2);
    assert.deepEqual(types(tree.sweep(2)), ['deleted /r/c/y', 'deleted /r/c']);
    assert.equal(tree.size, 2);
});
test('OrderedReads: answers applied in the order queued, not settled; a step with no read waits its turn', async () => {
    const reads = new OrderedReads((e) => assert.fail(String(e)));
    const applied = [];
    let resolveLater;
    const later = new Promise((r) => {
        resolveLater = r;
    });
    reads.read('/a', later, (o) => applied.push(`a ${o.ok && o.value}`));
    reads.read('/b', Promise.resolve('b1'), (o) => applied.push(`b ${o.ok && o.value}`));
    assert.equal(reads.hasPending('/a'), true);
    reads.afterEarlier(() => applied.push('delete /b'));
    reads.read('/c', Promise.reject(new Error('lost')), (o) => applied.push(`c ${o.ok ? '' : 'failed'}`));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(applied.length, 0, 'nothing overtakes the first answer');
    resolveLater('a1');
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(applied.join(', '), 'a a1, b b1, delete /b, c failed');
    assert.equal(reads.hasPending('/a'), false);
    assert.equal(reads.idle, true);
    reads.afterEarlier(() => applied.push('at once'));
    assert.equal(applied.at(-1), 'at once', 'an idle queue applies at once');
});
//# sourceMappingURL=ordering.test.js.map