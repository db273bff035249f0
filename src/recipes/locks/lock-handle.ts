/** A hold handed out by `ZkLock.lock()`: usable with `await using`. */
import { monotonicNow } from '../../client/clock.js';
import { checkDuration } from '../../client/timers.js';
import { LockUsageError } from '../../errors.js';
import type { Hold } from '../queue/hold.js';

/** One hold from `lock()`: release it, or let `await using` release it. */
export class LockHandle {
  private released = false;

  /** @internal */
  constructor(
    private readonly hold: Hold,
    /** Gives one count of the hold back (the lock's own release of a hold). */
    private readonly releaseHold: (hold: Hold) => Promise<void>,
  ) {}

  get fencingToken(): bigint {
    return this.hold.fencingToken;
  }

  get signal(): AbortSignal {
    return this.hold.signal;
  }

  get path(): string {
    return this.hold.path;
  }

  get isAcquired(): boolean {
    return !this.released && this.hold.active;
  }

  get validUntil(): number {
    return this.released ? 0 : this.hold.validUntil;
  }

  remaining(): number {
    return Math.max(0, this.validUntil - monotonicNow());
  }

  renew(ms?: number): void {
    if (ms !== undefined) checkDuration('lease', ms);
    if (!this.isAcquired) throw new LockUsageError(`renew() of ${this.path}, which is not held`);
    this.hold.renew(ms);
  }

  /** Releases this handle's hold; a second call is a no-op. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.releaseHold(this.hold);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}
