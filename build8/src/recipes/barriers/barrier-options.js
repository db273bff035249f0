/** What the barriers take, checked at the API's edge with the bad value named. */
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration, deadlineAfter } from '../../client/timers.js';
/** ms a barrier's own writes (set, remove) may take when the call gives no timeout. */
export const DEFAULT_WRITE_TIMEOUT = 30_000;
/**
 * A timeout in ms or the options (no timeout: `byDefault`); the signal is checked, and one
 * already aborted rejects at once.
 */
export function resolveWait(arg, byDefault = Number.POSITIVE_INFINITY) {
    if (arg !== undefined && typeof arg !== 'number' && (arg === null || typeof arg !== 'object')) {
        throw new TypeError(`expected a timeout in ms or an options object, got ${describe(arg)}`);
    }
    const opts = typeof arg === 'object' ? arg : { timeout: arg };
    const timeout = opts.timeout === undefined
        ? byDefault
        : checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
        throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
    }
    opts.signal?.throwIfAborted();
    return { deadline: deadlineAfter(timeout), timeout, signal: opts.signal };
}
export function checkBarrierPath(path) {
    validatePath(path, 'barrier path');
    if (path === '/')
        throw new TypeError('barrier path must not be "/"');
    return path;
}
/** A double barrier's member count: a positive safe integer. */
export function checkMemberCount(n) {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
        throw new RangeError(`memberCount must be a positive integer (how many members the barrier waits for), got ${describe(n)}`);
    }
    return n;
}
//# sourceMappingURL=barrier-options.js.map