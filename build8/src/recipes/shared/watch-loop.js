/**
 * The one way the watching recipes (shared count, barriers, group membership) follow a node: look
 * at it with a one-shot watch, and when the watch fires (or the session ends, which fires it too)
 * look again. Each look reads the whole state, so what changed between a fire and the next look
 * is in it: nothing is missed, though changes in between may be seen together. A look that failed
 * for the connection is made again once a session is up. A reconnect on the same session keeps
 * the watch: ZooKeeper tells it of what changed meanwhile.
 */
import { monotonicNow } from '../../client/clock.js';
import { msUntil, settledBy, sleep } from '../../client/timers.js';
import { isOutcomeUnknown, SessionExpiredError } from '../../errors.js';
import { sessionWithin } from '../queue/own-nodes.js';
/** A request made for a look of a wait whose deadline passed still gets this long to answer. */
const LOOK_GRACE_MS = 1000;
/** Pause between looks that fail while the client says it is connected (a connection going down). */
const FAILED_LOOK_PAUSE_MS = 50;
/**
 * Calls `onLook` with each look's result, looking again after each watch fire, until `onLook`
 * returns something other than undefined (resolved), `deadline` passes (undefined) or `signal`
 * aborts (rejects with its reason). Errors other than the connection's reject.
 */
export async function watchLoop(client, look, onLook, deadline, signal) {
    for (let first = true;; first = false) {
        signal?.throwIfAborted();
        if (!first && monotonicNow() >= deadline)
            return undefined;
        // Aborted when this look is over: removes its watch if it did not fire.
        const over = new AbortController();
        let wake;
        const woken = new Promise((r) => {
            wake = r;
        });
        try {
            const call = { signal: signal ? AbortSignal.any([signal, over.signal]) : over.signal };
            if (deadline !== Number.POSITIVE_INFINITY)
                call.timeout = msUntil(deadline) + LOOK_GRACE_MS;
            let seen;
            try {
                seen = await look(() => wake(), call);
            }
            catch (e) {
                if (signal?.aborted)
                    throw signal.reason;
                if (!isOutcomeUnknown(e) && !(e instanceof SessionExpiredError))
                    throw e;
                if (client.state === 'closed')
                    throw e;
                if (!(await sessionWithin(client, deadline, signal)))
                    return undefined;
                await sleep(FAILED_LOOK_PAUSE_MS, signal);
                continue;
            }
            const result = onLook(seen);
            if (result !== undefined)
                return result;
            if (!(await settledBy(woken, deadline, signal)))
                return undefined;
        }
        finally {
            over.abort();
        }
    }
}
/** Resolves what `look` sees once `done` accepts it, or undefined at the deadline. */
export function lookUntil(client, look, done, deadline, signal) {
    return watchLoop(client, look, (seen) => (done(seen) ? seen : undefined), deadline, signal);
}
/**
 * What `look` sees, as an async iterator: the first look, then one result per look after each
 * watch fire (`changed` drops the looks that saw nothing new). Ends when `signal` aborts or the
 * consumer stops; its watches are removed then.
 */
export async function* lookEach(client, look, changed, signal) {
    const stop = new AbortController();
    const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const queue = [];
    let wake;
    const running = watchLoop(client, look, (seen) => {
        if (!changed(seen))
            return undefined;
        queue.push(seen);
        wake?.();
        return undefined;
    }, Number.POSITIVE_INFINITY, both).catch((e) => (both.aborted ? undefined : Promise.reject(e)));
    let failure;
    running.then(() => wake?.(), (error) => {
        failure = { error };
        wake?.();
    });
    try {
        for (;;) {
            while (queue.length > 0)
                yield queue.shift();
            if (failure)
                throw failure.error;
            if (both.aborted)
                return;
            await new Promise((resolve) => {
                const done = () => {
                    both.removeEventListener('abort', done);
                    wake = undefined;
                    resolve();
                };
                wake = done;
                both.addEventListener('abort', done, { once: true });
            });
        }
    }
    finally {
        stop.abort();
        await running.catch(() => { });
    }
}
//# sourceMappingURL=watch-loop.js.map