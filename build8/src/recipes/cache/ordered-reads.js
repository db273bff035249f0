/**
 * Reads applied in the order they were sent. A session's requests are answered in order, and
 * the server sends a notification after the answers to requests it handled before the change;
 * so applying each read's answer (and each notification that needs no read) in the order they
 * were queued applies snapshots of the server in the order the server took them: the cache
 * never goes back in time within a connection. (Answers settle promises a microtask later
 * than a notification handled in the same socket chunk, so answers cannot just be applied as
 * their promises settle.)
 */
export class OrderedReads {
    onError;
    steps = [];
    head = 0;
    draining = false;
    stopped = false;
    /** How many queued reads of each path have not been applied yet. */
    pending = new Map();
    constructor(onError) {
        this.onError = onError;
    }
    /** Whether a read of `path` is queued and not yet applied. */
    hasPending(path) {
        return this.pending.has(path);
    }
    get idle() {
        return this.head === this.steps.length && !this.draining;
    }
    /** Queues the answer of `read` (sent just now) for `path`, applied after every earlier step. */
    read(path, read, apply) {
        this.pending.set(path, (this.pending.get(path) ?? 0) + 1);
        const outcome = read.then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
        this.push({
            outcome,
            apply: (o) => {
                const left = (this.pending.get(path) ?? 1) - 1;
                if (left === 0)
                    this.pending.delete(path);
                else
                    this.pending.set(path, left);
                apply(o);
            },
        });
    }
    /** Queues `apply`, to run after every earlier step (at once when nothing waits). */
    afterEarlier(apply) {
        this.push({ outcome: undefined, apply: () => apply() });
    }
    /** Nothing more is applied; queued answers are dropped as they come. */
    stop() {
        this.stopped = true;
        this.steps.length = 0;
        this.head = 0;
        this.pending.clear();
    }
    push(step) {
        if (this.stopped)
            return;
        this.steps.push(step);
        if (!this.draining)
            this.drain();
    }
    drain() {
        this.draining = true;
        while (!this.stopped && this.head < this.steps.length) {
            const step = this.steps[this.head];
            if (step.outcome) {
                const waiting = step.outcome;
                step.outcome = undefined;
                void waiting.then((o) => {
                    if (this.stopped)
                        return;
                    const apply = step.apply;
                    step.apply = () => apply(o);
                    this.drain();
                });
                return; // drain() goes on when the answer is in
            }
            this.head++;
            if (this.head > 1024 && this.head * 2 > this.steps.length) {
                this.steps.splice(0, this.head); // applied steps go in batches, not one shift() each
                this.head = 0;
            }
            try {
                step.apply(undefined);
            }
            catch (e) {
                this.onError(e);
            }
        }
        this.steps.length = 0;
        this.head = 0;
        this.draining = false;
    }
}
//# sourceMappingURL=ordered-reads.js.map