import { describe } from '../../client/paths.js';
import { msUntil } from '../../client/timers.js';
import { REQUEST_GRACE_MS } from '../queue/directories.js';
export function checkClient(client) {
    if (!client || typeof client.multi !== 'function') {
        throw new TypeError(`client must be a ZkClient, got ${describe(client)}`);
    }
    return client;
}
/** A request's bound: `signal`, and the time to `deadline` plus REQUEST_GRACE_MS (an attempt begun in time gets its answer). */
export function callUntil(deadline, signal) {
    const call = signal ? { signal } : {};
    if (deadline !== Number.POSITIVE_INFINITY)
        call.timeout = msUntil(deadline) + REQUEST_GRACE_MS;
    return call;
}
//# sourceMappingURL=call.js.map