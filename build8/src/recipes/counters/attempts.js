/**
 * What every counter recipe does to its node, in one place: attempts through the one retry loop
 * within one deadline, the parent made when the node is missing, an unversioned set, a create if
 * missing. Each write is a confirmedWrite (confirmed-write.ts).
 */
import { dirname } from 'node:path/posix';
import { retrying } from '../../client/retry.js';
import { msUntil } from '../../client/timers.js';
import { BadVersionError, CounterTimeoutError, isOutcomeUnknown, NodeExistsError, NoNodeError, } from '../../errors.js';
import { callUntil } from '../shared/call.js';
import { confirmedWrite } from './confirmed-write.js';
/** Errors after which an optimistic attempt is made again: a concurrent writer won, or the write was shown not applied. */
export const lostToOthers = (e) => e instanceof BadVersionError ||
    e instanceof NodeExistsError ||
    e instanceof NoNodeError ||
    isOutcomeUnknown(e);
/**
 * The bound of one request of a call: its signal, and the time to its deadline plus a grace, so
 * that an attempt begun just before the deadline is answered rather than cut off unanswered.
 */
export function callFor(call) {
    return callUntil(call.deadline, call.signal);
}
/**
 * Runs `attempt` until it succeeds, within the call's deadline, trying again after the errors
 * `again` accepts; past the deadline, a CounterTimeoutError (no attempt was applied).
 */
export async function attempts(ctx, call, attempt, again = lostToOthers) {
    let tries = 0;
    try {
        return await retrying(() => {
            tries++;
            return attempt();
        }, {
            policy: ctx.retry,
            deadline: call.deadline,
            signal: call.signal,
            again: (e) => again(e) && ctx.client.state !== 'closed',
            onRetry: (e, n) => ctx.logger.debug(`[zk-recipes] counter ${ctx.path}: attempt ${n}: ${e.message}`),
        });
    }
    catch (e) {
        if (call.signal?.aborted)
            throw call.signal.reason;
        if (!again(e) || ctx.client.state === 'closed')
            throw e;
        const why = msUntil(call.deadline) <= 0 ? `within ${call.timeout} ms` : 'within its retry policy';
        throw new CounterTimeoutError(`counter ${ctx.path} not changed ${why} (${tries} attempts; the last: ${e.message}); nothing was applied`, { cause: e });
    }
}
/** Makes the node's parent, for a create of the node. */
export async function ensureParent(ctx, call) {
    const parent = dirname(ctx.path);
    if (parent !== '/')
        await ctx.client.mkdirp(parent, callFor(call));
}
/** Sets `data` whatever the node's version, creating the node when missing (Curator's forceSet, SharedCount's setCount). */
export function forceWrite(ctx, call, data) {
    return attempts(ctx, call, async () => {
        try {
            return await confirmedWrite(ctx, { op: 'setData', data, version: -1 }, call.deadline, call.signal);
        }
        catch (e) {
            if (!(e instanceof NoNodeError))
                throw e;
            await ensureParent(ctx, call);
            return confirmedWrite(ctx, { op: 'create', data }, call.deadline, call.signal);
        }
    });
}
/** Creates the node with `data` unless it exists: true when this call created it. */
export async function createIfMissing(ctx, call, data) {
    await ensureParent(ctx, call);
    try {
        await attempts(ctx, call, () => confirmedWrite(ctx, { op: 'create', data }, call.deadline, call.signal), isOutcomeUnknown);
        return true;
    }
    catch (e) {
        if (e instanceof NodeExistsError)
            return false;
        throw e;
    }
}
//# sourceMappingURL=attempts.js.map