/**
 * ZkBarrier: Curator DistributedBarrier's and Kazoo Barrier's recipe on the same node: the
 * barrier is up while its node exists. `waitOnBarrier` returns once the node is gone, however
 * the connection behaves meanwhile (a watch kept across reconnects, a fresh look after a
 * session loss).
 *
 *   const gate = new ZkBarrier(client, '/barriers/deploy');
 *   await gate.setBarrier();
 *   await gate.waitOnBarrier({ timeout: 60_000 });   // elsewhere: until someone removes it
 *   await gate.removeBarrier();
 */
import { retrying, UNTIL_SESSION_ENDS } from '../../client/retry.js';
import { BarrierTimeoutError, isOutcomeUnknown, NodeExistsError } from '../../errors.js';
import { callUntil, checkClient } from '../shared/call.js';
import { deleteIfThere } from '../shared/own-ephemeral.js';
import { lookUntil } from '../shared/watch-loop.js';
import { checkBarrierPath, DEFAULT_WRITE_TIMEOUT, resolveWait, } from './barrier-options.js';
export class ZkBarrier {
    path;
    client;
    constructor(client, path) {
        this.client = checkClient(client);
        this.path = checkBarrierPath(path);
    }
    /** Puts the barrier up (creates its node and missing parents); already up is fine. Default timeout 30 s. */
    async setBarrier(opts) {
        const wait = resolveWait(opts, DEFAULT_WRITE_TIMEOUT);
        await this.retried(wait, async (call) => {
            await this.client.mkdirp(this.path.slice(0, this.path.lastIndexOf('/')) || '/', call);
            await this.client.create(this.path, undefined, call).catch((e) => {
                if (!(e instanceof NodeExistsError))
                    throw e;
            });
        });
    }
    /** Takes the barrier down (deletes its node); already down is fine. Waiters are let through. Default timeout 30 s. */
    async removeBarrier(opts) {
        const wait = resolveWait(opts, DEFAULT_WRITE_TIMEOUT);
        await this.retried(wait, (call) => deleteIfThere(this.client, this.path, call));
    }
    /** Whether the barrier is up now. */
    async isSet(opts = {}) {
        return (await this.client.exists(this.path, opts)) !== null;
    }
    /**
     * Resolves once the barrier is down (at once if it is). Rejects with BarrierTimeoutError when
     * `timeout` ms pass first, with the signal's reason when it aborts.
     */
    async waitOnBarrier(opts) {
        const wait = resolveWait(opts);
        const down = await lookUntil(this.client, async (watch, call) => (await this.client.exists(this.path, { ...call, watch })) === null, (gone) => gone, wait.deadline, wait.signal);
        if (!down)
            throw new BarrierTimeoutError(`barrier ${this.path} still up after ${wait.timeout} ms`);
    }
    /** A create or delete of the barrier node, tried again while its outcome is unknown (both are idempotent here). */
    retried(wait, op) {
        return retrying(() => op(callUntil(wait.deadline, wait.signal)), {
            policy: UNTIL_SESSION_ENDS,
            deadline: wait.deadline,
            signal: wait.signal,
            again: (e) => isOutcomeUnknown(e) && this.client.state !== 'closed',
        });
    }
}
//# sourceMappingURL=zk-barrier.js.map