/**
 * What a semaphore takes: its options and an acquire's, checked at the API's edge with the bad
 * value named, and the shared count node's encoding (Curator's SharedCount: a 4-byte big-endian int).
 */
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration } from '../../client/timers.js';
import { INT32 } from '../counters/encoding.js';
/** A maximum of leases: a positive safe integer, or a TypeError naming the value and where it came from. */
export function checkMax(v, what = 'maxLeases') {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
        throw new TypeError(`${what} must be a positive integer, got ${describe(v)}`);
    }
    return v;
}
export function normalizeAcquire(arg) {
    if (arg !== undefined && typeof arg !== 'number' && (arg === null || typeof arg !== 'object')) {
        throw new TypeError(`expected a timeout in ms or an options object, got ${describe(arg)}`);
    }
    const opts = typeof arg === 'object' ? arg : { timeout: arg };
    let timeout = opts.timeout;
    if (timeout !== undefined) {
        checkDuration('timeout', timeout, { zero: true, infinite: true });
        if (timeout === Number.POSITIVE_INFINITY)
            timeout = undefined;
    }
    const leases = opts.leases ?? 1;
    if (typeof leases !== 'number' || !Number.isSafeInteger(leases) || leases < 1) {
        throw new TypeError(`leases must be a positive integer, got ${describe(leases)}`);
    }
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
        throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
    }
    opts.signal?.throwIfAborted();
    return { leases, timeout, signal: opts.signal };
}
/** Checks the count path, if any; the maximum itself is checked by checkMax. */
export function checkCountPath(path) {
    if (typeof path !== 'string')
        throw new TypeError(`countPath must be a path, got ${describe(path)}`);
    validatePath(path, 'countPath');
    return path;
}
/** Curator's SharedCount encoding (counters/encoding.ts): exactly 4 bytes, a big-endian signed int. */
export function encodeCount(n) {
    return INT32.encode(n);
}
/** The maximum stored in a count node; a node of another length is a CounterFormatError. */
export function decodeCount(path, data) {
    return checkMax(INT32.decode(path, data), `the count stored in ${path}`);
}
//# sourceMappingURL=semaphore-options.js.map