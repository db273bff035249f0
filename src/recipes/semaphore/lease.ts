/**
 * One lease of a semaphore: our node among the leases, held by the queue's Hold, which hears
 * every way it can be lost and aborts `signal` first (the session's end before the server can
 * expire our node and so give the lease to someone else).
 */
import { monotonicNow } from '../../client/clock.js';
import type { Hold } from '../queue/hold.js';

export class Lease {
  private released = false;

  /** @internal */
  constructor(
    private readonly hold: Hold,
    private readonly releaseHold: (hold: Hold) => Promise<void>,
  ) {}

  /** Our lease node's czxid: greater for every later lease of the semaphore. */
  get fencingToken(): bigint {
    return this.hold.fencingToken;
  }

  /** Aborts when the lease is lost (the session ended, or our node was deleted); not on release(). */
  get signal(): AbortSignal {
    return this.hold.signal;
  }

  /** Our lease node. */
  get path(): string {
    return this.hold.path;
  }

  get isAcquired(): boolean {
    return !this.released && this.hold.active;
  }

  /** Monotonic ms until which the lease is certain (the session's safe deadline); 0 once ended. */
  get validUntil(): number {
    return this.released ? 0 : this.hold.validUntil;
  }

  remaining(): number {
    return Math.max(0, this.validUntil - monotonicNow());
  }

  /** Deletes our lease node (in the background when the connection is down); a second call is a no-op. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.releaseHold(this.hold);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}
