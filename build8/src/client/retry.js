/**
 * The one retry loop (on p-retry): every request that is tried again goes through here, with a
 * policy, one deadline for all attempts together, and a signal that stops them. What it decides
 * on is named by what it means: an error after which the request's outcome is unknown
 * (`isOutcomeUnknown`) may be tried again, if trying again is safe for that request (a read, a
 * delete of our own node, a search for our own create).
 */
import pRetry from 'p-retry';
import { isOutcomeUnknown } from '../errors.js';
import { msUntil } from './timers.js';
/** Background work that may go on as long as its session: no limit on attempts, backoff to 1 s. */
export const UNTIL_SESSION_ENDS = {
    retries: Number.POSITIVE_INFINITY,
    minTimeout: 50,
    maxTimeout: 1000,
    factor: 2,
};
/**
 * Runs `attempt` until it succeeds, fails with an error `again` refuses, the retries run out,
 * the deadline passes or the signal aborts. The first attempt runs outside p-retry: answers are
 * the common case, and p-retry's bookkeeping per call was a visible share of a busy client's CPU.
 */
export function retrying(attempt, opts) {
    const deadline = opts.deadline ?? Number.POSITIVE_INFINITY;
    const again = (e) => (opts.again ?? isOutcomeUnknown)(e) && msUntil(deadline) > 0 && !opts.signal?.aborted;
    return attempt().catch((first) => {
        if (!again(first) || opts.policy.retries <= 0)
            throw first;
        let firstSeen = false;
        return pRetry(() => {
            if (firstSeen)
                return attempt();
            firstSeen = true;
            return Promise.reject(first);
        }, {
            retries: opts.policy.retries,
            minTimeout: opts.policy.minTimeout,
            maxTimeout: opts.policy.maxTimeout,
            factor: opts.policy.factor,
            maxRetryTime: msUntil(deadline),
            unref: true,
            ...(opts.signal ? { signal: opts.signal } : {}),
            shouldRetry: ({ error }) => again(error),
            onFailedAttempt: ({ error, attemptNumber }) => {
                if (again(error))
                    opts.onRetry?.(error, attemptNumber);
            },
        });
    });
}
//# sourceMappingURL=retry.js.map