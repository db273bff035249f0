/** A hold handed out by `ZkLock.lock()`: usable with `await using`. */
import { checkDuration } from '../../client/timers.js';
import { LockUsageError } from '../../errors.js';
import { HeldHandle } from '../queue/held-handle.js';
/** One hold from `lock()`: release it, or let `await using` release it. */
export class LockHandle extends HeldHandle {
    /** Extends the hold's lease (to `ms` from now, default: the lease it was acquired with). */
    renew(ms) {
        if (ms !== undefined)
            checkDuration('lease', ms);
        if (!this.isAcquired)
            throw new LockUsageError(`renew() of ${this.path}, which is not held`);
        this.hold.renew(ms);
    }
}
//# sourceMappingURL=lock-handle.js.map