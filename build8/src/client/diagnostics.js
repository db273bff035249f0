/**
 * What the library tells observers, through `node:diagnostics_channel`: requests, client state
 * changes, lock events and leader elections' terms. Subscribing costs the library nothing when nobody listens (one
 * `hasSubscribers` check per request), and a subscriber sees every request, whatever path it
 * took through the code: the tests and the bench count and steer requests this way instead of
 * patching ZkClient. See docs/observability.md.
 *
 *   import { subscribe } from 'node:diagnostics_channel';
 *   subscribe('zk-recipes:request:end', (m) => histogram.record((m as RequestEnd).durationMs));
 */
import { channel } from 'node:diagnostics_channel';
export const CHANNELS = {
    requestStart: 'zk-recipes:request:start',
    requestEnd: 'zk-recipes:request:end',
    state: 'zk-recipes:client:state',
    lock: 'zk-recipes:lock',
    leader: 'zk-recipes:leader',
    semaphore: 'zk-recipes:semaphore',
};
export const requestStart = channel(CHANNELS.requestStart);
export const requestEnd = channel(CHANNELS.requestEnd);
export const stateChange = channel(CHANNELS.state);
export const lockEvent = channel(CHANNELS.lock);
export const leaderEvent = channel(CHANNELS.leader);
export const semaphoreEvent = channel(CHANNELS.semaphore);
//# sourceMappingURL=diagnostics.js.map