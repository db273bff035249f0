/**
 * Every place where a duration becomes a timer goes through here. Node fires a timer of more
 * than 2^31-1 ms (about 24.8 days) after 1 ms instead, with a warning: a lease of 30 days would
 * end at once, and a loop that waits for a long deadline would spin. These timers wait in
 * steps of at most that much, so any duration up to Number.MAX_SAFE_INTEGER ms means what it
 * says, and Infinity (or a deadline of Infinity) never fires.
 */
import { monotonicNow } from './clock.js';
import { describe } from './paths.js';
/** The longest delay Node's setTimeout keeps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Calls `fn` once, `ms` from now (any length; Infinity: never). */
export function after(ms, fn, opts = {}) {
    return at(monotonicNow() + Math.max(0, ms), fn, opts);
}
/** Calls `fn` once at the monotonic time `deadline` (see monotonicNow; Infinity: never). */
export function at(deadline, fn, opts = {}) {
    let handle;
    let cleared = false;
    const arm = () => {
        const left = deadline - monotonicNow();
        if (left <= 0) {
            handle = undefined;
            fn();
            return;
        }
        handle = setTimeout(arm, Math.min(MAX_TIMER_MS, Math.ceil(left)));
        if (opts.unref)
            handle.unref();
    };
    if (deadline !== Number.POSITIVE_INFINITY) {
        // Never call back synchronously: the caller may not have stored the timer yet.
        handle = setTimeout(arm, Math.max(0, Math.min(MAX_TIMER_MS, Math.ceil(deadline - monotonicNow()))));
        if (opts.unref)
            handle.unref();
    }
    return {
        clear() {
            if (cleared)
                return;
            cleared = true;
            clearTimeout(handle);
        },
    };
}
/** Resolves after `ms` (bounded by MAX_SAFE_INTEGER like every timer here), or at once on abort. */
export function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            timer.clear();
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = after(ms, done);
        signal?.addEventListener('abort', done, { once: true });
    });
}
/**
 * Waits for `promise` to settle, at most until `deadline`: true when it settled (whatever its
 * outcome), false at the deadline; rejects with the signal's reason when `signal` aborts first.
 */
export function settledBy(promise, deadline, signal) {
    return new Promise((resolve, reject) => {
        let done = false;
        const finish = (fn) => {
            if (done)
                return;
            done = true;
            timer.clear();
            signal?.removeEventListener('abort', onAbort);
            fn();
        };
        const onAbort = () => finish(() => reject(signal.reason));
        const timer = at(deadline, () => finish(() => resolve(false)));
        if (signal?.aborted)
            return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        promise.then(() => finish(() => resolve(true)), () => finish(() => resolve(true)));
    });
}
/** The monotonic deadline `ms` from now; undefined or Infinity give Infinity. */
export function deadlineAfter(ms) {
    return ms === undefined ? Number.POSITIVE_INFINITY : monotonicNow() + ms;
}
/** ms left until `deadline` (never negative; Infinity for none). */
export function msUntil(deadline) {
    return Math.max(0, deadline - monotonicNow());
}
/**
 * Checks a duration in ms at the API's edge: a number, not NaN, not negative, at most
 * Number.MAX_SAFE_INTEGER (or Infinity where allowed). Throws a RangeError naming `name`.
 */
export function checkDuration(name, v, rule = {}) {
    const ok = typeof v === 'number' &&
        !Number.isNaN(v) &&
        (rule.zero ? v >= 0 : v > 0) &&
        (v <= Number.MAX_SAFE_INTEGER || (rule.infinite === true && v === Number.POSITIVE_INFINITY));
    if (!ok) {
        const what = rule.zero ? 'a non-negative' : 'a positive';
        const upTo = rule.infinite ? 'Number.MAX_SAFE_INTEGER, or Infinity' : 'Number.MAX_SAFE_INTEGER';
        throw new RangeError(`${name} must be ${what} number of ms up to ${upTo}, got ${describe(v)}`);
    }
    return v;
}
const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get;
const nativeThrowIfAborted = AbortSignal.prototype.throwIfAborted;
/**
 * Makes `signal.aborted` and `signal.throwIfAborted()` run `check` first, so that a deadline
 * kept by a timer is also seen by a reader who comes before that timer (one that came due while
 * the process was stopped). `check` may abort the signal. Node's own users of the signal
 * (`AbortSignal.any`, fetch) read its internal state and hear of it when it aborts.
 */
export function checkedOnRead(signal, check) {
    Object.defineProperty(signal, 'aborted', {
        get() {
            if (!nativeAborted.call(signal))
                check();
            return nativeAborted.call(signal);
        },
    });
    Object.defineProperty(signal, 'throwIfAborted', {
        value() {
            if (!nativeAborted.call(signal))
                check();
            nativeThrowIfAborted.call(signal);
        },
    });
}
/**
 * The abort reason of internal clean-ups (a finished wait ending its reads): made once, as
 * `abort()` without a reason builds a DOMException, stack trace and all, each time (about 1 % of
 * a woken waiter's CPU in the handoff profile).
 */
export const NO_LONGER_NEEDED = new Error('no longer needed');
//# sourceMappingURL=timers.js.map