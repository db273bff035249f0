/**
 * What a caller holds of one granted place in a queue (a lock's `lock()` handle, a semaphore's
 * lease): the Hold's token, signal and deadline, and a release that counts once. The recipes add
 * what is their own (a lock's renew()).
 */
import { monotonicNow } from '../../client/clock.js';
export class HeldHandle {
    hold;
    releaseHold;
    released = false;
    /** @internal */
    constructor(
    /** @internal */ hold, 
    /** Gives the hold back (the recipe's own release of a hold). */
    releaseHold) {
        this.hold = hold;
        this.releaseHold = releaseHold;
    }
    /** Our node's czxid: greater for every later grant of the same queue. */
    get fencingToken() {
        return this.hold.fencingToken;
    }
    /** Aborts when the hold is lost (the session ended, or our node was deleted); not on release(). */
    get signal() {
        return this.hold.signal;
    }
    /** Our node. */
    get path() {
        return this.hold.path;
    }
    get isAcquired() {
        return !this.released && this.hold.active;
    }
    /** Monotonic ms until which the hold is certain (the session's safe deadline, capped by a lease); 0 once ended. */
    get validUntil() {
        return this.released ? 0 : this.hold.validUntil;
    }
    /** ms the hold is still certain for; 0 when not held. */
    remaining() {
        return Math.max(0, this.validUntil - monotonicNow());
    }
    /** Releases this hold (its node is deleted, in the background when the connection is down); a second call is a no-op. */
    async release() {
        if (this.released)
            return;
        this.released = true;
        await this.releaseHold(this.hold);
    }
    async [Symbol.asyncDispose]() {
        await this.release();
    }
}
//# sourceMappingURL=held-handle.js.map