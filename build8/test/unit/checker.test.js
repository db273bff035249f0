/** The fault suite's checker must catch what it claims to catch. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHistory } from '../../src/testing/exclusion-checker.js';
const hold = (over) => ({
    worker: 'w',
    mode: 'exclusive',
    token: '1',
    acquired: 0,
    released: 10,
    writes: [{ t: 5, result: 'ok' }],
    ...over,
});
test('sequential holds are clean', () => {
    const r = checkHistory([
        hold({ worker: 'a' }),
        hold({ worker: 'b', token: '2', acquired: 10, released: 20, writes: [{ t: 15, result: 'ok' }] }),
    ]);
    assert.deepEqual(r.violations, []);
});
test('two exclusive holds at once with an accepted late write are a violation', () => {
    const r = checkHistory([
        hold({ worker: 'a', released: 20, writes: [{ t: 15, result: 'ok' }] }),
        hold({ worker: 'b', token: '2', acquired: 10, released: 30, writes: [{ t: 12, result: 'ok' }] }),
    ]);
    assert.equal(r.violations.length, 1);
});
test('overlap is allowed when the earlier holder was told first, or was stopped and fenced off', () => {
    const told = checkHistory([
        hold({ worker: 'a', released: 20, lostAt: 9 }),
        hold({ worker: 'b', token: '2', acquired: 10, released: 30 }),
    ]);
    assert.deepEqual(told.violations, []);
    const notStopped = checkHistory([
        hold({ worker: 'a', released: 40, writes: [{ t: 35, result: 'stale' }] }),
        hold({ worker: 'b', token: '2', acquired: 10, released: 30 }),
    ]);
    assert.equal(notStopped.violations.length, 1, 'a running holder beside another is a violation even if fenced');
    const fenced = checkHistory([
        hold({ worker: 'a', released: 40, writes: [{ t: 35, result: 'stale' }], paused: [[8, 33]] }),
        hold({ worker: 'b', token: '2', acquired: 10, released: 30 }),
    ]);
    assert.deepEqual(fenced.violations, []);
    assert.equal(fenced.fenced, 1);
    const accepted = checkHistory([
        hold({ worker: 'a', released: 40, writes: [{ t: 35, result: 'ok' }], paused: [[8, 33]] }),
        hold({ worker: 'b', token: '2', acquired: 10, released: 30 }),
    ]);
    assert.equal(accepted.violations.length, 1, 'a stopped holder whose late write was accepted');
});
test('readers may overlap; a reader beside a writer may not', () => {
    const readers = checkHistory([
        hold({ worker: 'a', mode: 'shared', writes: [] }),
        hold({ worker: 'b', mode: 'shared', token: '2', acquired: 5, writes: [] }),
    ]);
    assert.deepEqual(readers.violations, []);
    const mixed = checkHistory([
        hold({ worker: 'a', mode: 'shared', writes: [] }),
        hold({ worker: 'b', token: '2', acquired: 5, released: 15, writes: [] }),
    ]);
    assert.equal(mixed.violations.length, 1);
});
test('a lost update and a token regression are violations', () => {
    assert.equal(checkHistory([hold({ writes: [{ t: 1, result: 'lost-update' }] })]).violations.length, 1);
    const regressed = checkHistory([
        hold({ token: '5' }),
        hold({ worker: 'b', token: '3', acquired: 10, released: 20 }),
    ]);
    assert.match(regressed.violations[0], /regressed/);
});
test('maxHolders (a semaphore): up to the maximum at once is clean, one more is a violation naming them', () => {
    const lease = (worker, acquired, released, over = {}) => hold({ worker, token: String(acquired), acquired, released, writes: [], ...over });
    const two = [lease('a', 0, 10), lease('b', 1, 10), lease('c', 10, 20)];
    assert.deepEqual(checkHistory(two, { maxHolders: 2 }).violations, []);
    const three = [lease('a', 0, 10), lease('b', 1, 10), lease('c', 5, 20)];
    const r = checkHistory(three, { maxHolders: 2 });
    assert.equal(r.violations.length, 1);
    assert.match(r.violations[0], /^3 held at once \(at most 2\) at 5\.0: a \(token 0\), b \(token 1\), c \(token 5\)$/);
    // Told before the third grant, or stopped then: it does not count.
    const told = [lease('a', 0, 10, { lostAt: 4 }), lease('b', 1, 10), lease('c', 5, 20)];
    assert.deepEqual(checkHistory(told, { maxHolders: 2 }).violations, []);
    const paused = [lease('a', 0, 10, { paused: [[3, 8]] }), lease('b', 1, 10), lease('c', 5, 20)];
    assert.deepEqual(checkHistory(paused, { maxHolders: 2 }).violations, []);
    assert.throws(() => checkHistory([], { maxHolders: 0 }), /maxHolders must be a positive integer, got 0/);
});
//# sourceMappingURL=checker.test.js.map