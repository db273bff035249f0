/**
 * One term of leadership: our node at the head of the election, held by the queue's Hold (which
 * hears every way it can be lost, the session's end first), with a signal of its own that
 * aborts when the term ends for any reason: lost, or given up. On loss it aborts inside the
 * hold's own abort, before anything else acts, so before ZooKeeper can elect anyone else
 * (the client's deadline for the session has a safety margin).
 */
import { checkedOnRead } from '../../client/timers.js';
import { LeadershipLostError } from '../../errors.js';
import { Hold } from '../queue/hold.js';
export class Term {
    config;
    controller = new AbortController();
    hold;
    resolveEnded;
    /** Resolves once the term has ended (lost or given up). */
    ended = new Promise((resolve) => {
        this.resolveEnded = resolve;
    });
    /** Undefined when the node was lost before the term could begin (its session already ended). */
    static begin(config) {
        const term = new Term(config);
        return term.active ? term : undefined;
    }
    constructor(config) {
        this.config = config;
        let constructed = false;
        this.hold = new Hold({
            node: config.node,
            client: config.client,
            queue: config.queue,
            logger: config.logger,
            // A leader leads for long: being told at once that its node was deleted is worth a watch.
            watchNode: true,
            on: {
                lost: (_h, reason) => {
                    if (constructed)
                        this.end('lost', reason);
                    else
                        this.controller.abort(reason); // lost inside Hold's constructor: no term at all
                },
                revocationRequested: () => { },
                suspended: () => { },
            },
        });
        constructed = true;
        checkedOnRead(this.controller.signal, () => this.hold.checkDeadline());
    }
    get active() {
        return !this.controller.signal.aborted;
    }
    /** Aborts when the term ends: lost (before anyone else can be elected), or given up. */
    get signal() {
        return this.controller.signal;
    }
    /** Our node's czxid: strictly greater for every later term of this election. */
    get fencingToken() {
        return this.hold.fencingToken;
    }
    get node() {
        return this.hold.path;
    }
    /** Monotonic ms until which the term is certain (the session's safe deadline); 0 once ended. */
    get validUntil() {
        return this.active ? this.hold.validUntil : 0;
    }
    /** Gives the term up: the signal aborts first, then our node is deleted, handing leadership on. */
    async resign(why) {
        if (!this.active)
            return;
        this.end('resigned', new LeadershipLostError(`leadership of ${this.config.election} given up: ${why}`));
        try {
            await this.hold.release();
        }
        catch (e) {
            // Not an unknown outcome (those go on in the background): the node stays until the session ends.
            this.config.logger.error(`[zk-recipes] could not delete ${this.node} on giving up leadership`, e);
        }
    }
    end(how, reason) {
        if (!this.active)
            return;
        const told = reason instanceof LeadershipLostError
            ? reason
            : new LeadershipLostError(`leadership of ${this.config.election} lost: ${reason.message}`, {
                cause: reason,
            });
        this.controller.abort(told);
        this.resolveEnded();
        this.config.ended(this, how, told);
    }
}
//# sourceMappingURL=term.js.map