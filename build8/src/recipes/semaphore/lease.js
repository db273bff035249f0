/**
 * One lease of a semaphore: our node among the leases, held by the queue's Hold, which hears
 * every way it can be lost and aborts `signal` first (the session's end before the server can
 * expire our node and so give the lease to someone else). Everything else is the shared handle.
 */
import { HeldHandle } from '../queue/held-handle.js';
export class Lease extends HeldHandle {
}
//# sourceMappingURL=lease.js.map