import { ClientClosedError, isOutcomeUnknown, SessionExpiredError } from '../../errors.js';
/** Errors of the connection or the session: waited out by reading again on the next one. */
export function transient(e) {
    return isOutcomeUnknown(e) || e instanceof SessionExpiredError;
}
/** `fn()`'s promise, or its synchronous throw as a rejection. */
export function attempt(fn) {
    try {
        return fn();
    }
    catch (e) {
        return Promise.reject(e);
    }
}
/** Resolves when the client is connected (at once if it is); rejects when it closes or `signal` aborts. */
export function whenConnected(client, signal) {
    if (signal.aborted)
        return Promise.reject(signal.reason);
    if (client.state === 'connected')
        return Promise.resolve();
    if (client.state === 'closed')
        return Promise.reject(new ClientClosedError('the client is closed'));
    return new Promise((resolve, reject) => {
        const finish = (fn) => {
            client.off('state', onState);
            signal.removeEventListener('abort', onAbort);
            fn();
        };
        const onState = (state) => {
            if (state === 'connected')
                finish(resolve);
            else if (state === 'closed')
                finish(() => reject(new ClientClosedError('the client is closed')));
        };
        const onAbort = () => finish(() => reject(signal.reason));
        client.on('state', onState);
        signal.addEventListener('abort', onAbort, { once: true });
    });
}
//# sourceMappingURL=session-waits.js.map