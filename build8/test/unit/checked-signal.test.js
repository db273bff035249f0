/** checkedOnRead: a signal whose `aborted` looks at a deadline first (hold signals use it). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedOnRead } from '../../src/client/timers.js';
test('reading aborted runs the check, which may abort the signal there and then', () => {
    const c = new AbortController();
    let looks = 0;
    let due = false;
    checkedOnRead(c.signal, () => {
        looks++;
        if (due)
            c.abort(new Error('past the deadline'));
    });
    assert.equal(c.signal.aborted, false);
    assert.equal(looks, 1);
    due = true;
    let heard = 0;
    c.signal.addEventListener('abort', () => heard++);
    assert.equal(c.signal.aborted, true, 'the read that finds the deadline past sees true');
    assert.equal(heard, 1, 'listeners heard of it before the read returned');
    assert.equal(c.signal.reason.message, 'past the deadline');
    assert.equal(c.signal.aborted, true);
    assert.equal(looks, 2, 'no more checks once aborted');
});
test('throwIfAborted runs the check too, and throws the reason', () => {
    const c = new AbortController();
    checkedOnRead(c.signal, () => c.abort(new RangeError('lease over')));
    assert.throws(() => c.signal.throwIfAborted(), RangeError);
});
test('AbortSignal.any built on it hears of the abort the check makes', () => {
    const c = new AbortController();
    let due = false;
    checkedOnRead(c.signal, () => {
        if (due)
            c.abort(new Error('gone'));
    });
    const any = AbortSignal.any([c.signal]);
    assert.equal(any.aborted, false);
    due = true;
    assert.equal(c.signal.aborted, true);
    assert.equal(any.aborted, true);
});
//# sourceMappingURL=checked-signal.test.js.map