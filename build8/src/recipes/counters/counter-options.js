import { checkCall } from '../../client/options.js';
import { describe, validatePath } from '../../client/paths.js';
import { deadlineAfter } from '../../client/timers.js';
/** ms a counter change may take when the call gives no timeout: contention and reconnects included. */
export const DEFAULT_COUNTER_TIMEOUT = 30_000;
/** Optimistic attempts: again at once-ish after a concurrent writer won, backing off to 250 ms. */
export const COUNTER_RETRY = {
    retries: Number.POSITIVE_INFINITY,
    minTimeout: 5,
    maxTimeout: 250,
    factor: 2,
};
export function checkCounterPath(path) {
    validatePath(path, 'counter path');
    if (path === '/')
        throw new TypeError('counter path must not be "/" (the root holds no counter)');
    return path;
}
export function resolveCall(opts) {
    const call = opts ?? {};
    checkCall(call);
    call.signal?.throwIfAborted();
    const timeout = call.timeout ?? DEFAULT_COUNTER_TIMEOUT;
    return { deadline: deadlineAfter(timeout), signal: call.signal, timeout };
}
export function resolveRetry(retry) {
    if (retry === undefined)
        return COUNTER_RETRY;
    if (retry === null || typeof retry !== 'object') {
        throw new TypeError(`retry must be a retry policy object, got ${describe(retry)}`);
    }
    const policy = { ...COUNTER_RETRY, ...retry };
    for (const [key, v] of Object.entries(policy)) {
        if (typeof v !== 'number' || Number.isNaN(v) || v < 0) {
            throw new RangeError(`retry.${key} must be a non-negative number, got ${describe(v)}`);
        }
    }
    return policy;
}
//# sourceMappingURL=counter-options.js.map