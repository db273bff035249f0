/**
 * What a caller holds of one granted place in a queue (a lock's `lock()` handle, a semaphore's
 * lease): the Hold's token, signal and deadline, and a release that counts once. The recipes add
 * what is their own (a lock's renew()).
 */
import { monotonicNow } from '../../client/clock.js';
import type { Hold } from './hold.js';

export class HeldHandle {
  private released = false;

  /** @internal */
  constructor(
    /** @internal */ protected readonly hold: Hold,
    /** Gives the hold back (the recipe's own release of a hold). */
    private readonly releaseHold: (hold: Hold) => Promise<void>,
  ) {}

  /** Our node's czxid: greater for every later grant of the same queue. */
  get fencingToken(): bigint {
    return this.hold.fencingToken;
  }

  /** Aborts when the hold is lost (the session ended, or our node was deleted); not on release(). */
  get signal(): AbortSignal {
    return this.hold.signal;
  }

  /** Our node. */
  get path(): string {
    return this.hold.path;
  }

  get isAcquired(): boolean {
    return !this.released && this.hold.active;
  }

  /** Monotonic ms until which the hold is certain (the session's safe deadline, capped by a lease); 0 once ended. */
  get validUntil(): number {
    return this.released ? 0 : this.hold.validUntil;
  }

  /** ms the hold is still certain for; 0 when not held. */
  remaining(): number {
    return Math.max(0, this.validUntil - monotonicNow());
  }

  /** Releases this hold (its node is deleted, in the background when the connection is down); a second call is a no-op. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.releaseHold(this.hold);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}
