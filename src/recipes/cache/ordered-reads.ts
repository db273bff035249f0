/**
 * Reads applied in the order they were sent. A session's requests are answered in order, and
 * the server sends a notification after the answers to requests it handled before the change;
 * so applying each read's answer (and each notification that needs no read) in the order they
 * were queued applies snapshots of the server in the order the server took them: the cache
 * never goes back in time within a connection. (Answers settle promises a microtask later
 * than a notification handled in the same socket chunk, so answers cannot just be applied as
 * their promises settle.)
 */

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Step {
  /** Undefined for a step that needs no answer. */
  outcome: Promise<Outcome<unknown>> | undefined;
  apply(outcome: Outcome<unknown> | undefined): void;
}

export type { Outcome };

export class OrderedReads {
  private readonly steps: Step[] = [];
  private head = 0;
  private draining = false;
  private stopped = false;
  /** How many queued reads of each path have not been applied yet. */
  private readonly pending = new Map<string, number>();

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Whether a read of `path` is queued and not yet applied. */
  hasPending(path: string): boolean {
    return this.pending.has(path);
  }

  get idle(): boolean {
    return this.head === this.steps.length && !this.draining;
  }

  /** Queues the answer of `read` (sent just now) for `path`, applied after every earlier step. */
  read<T>(path: string, read: Promise<T>, apply: (o: Outcome<T>) => void): void {
    this.pending.set(path, (this.pending.get(path) ?? 0) + 1);
    const outcome = read.then(
      (value): Outcome<T> => ({ ok: true, value }),
      (error: unknown): Outcome<T> => ({ ok: false, error }),
    );
    this.push({
      outcome,
      apply: (o) => {
        const left = (this.pending.get(path) ?? 1) - 1;
        if (left === 0) this.pending.delete(path);
        else this.pending.set(path, left);
        apply(o as Outcome<T>);
      },
    });
  }

  /** Queues `apply`, to run after every earlier step (at once when nothing waits). */
  afterEarlier(apply: () => void): void {
    this.push({ outcome: undefined, apply: () => apply() });
  }

  /** Nothing more is applied; queued answers are dropped as they come. */
  stop(): void {
    this.stopped = true;
    this.steps.length = 0;
    this.head = 0;
    this.pending.clear();
  }

  private push(step: Step): void {
    if (this.stopped) return;
    this.steps.push(step);
    if (!this.draining) this.drain();
  }

  private drain(): void {
    this.draining = true;
    while (!this.stopped && this.head < this.steps.length) {
      const step = this.steps[this.head] as Step;
      if (step.outcome) {
        const waiting = step.outcome;
        step.outcome = undefined;
        void waiting.then((o) => {
          if (this.stopped) return;
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
      } catch (e) {
        this.onError(e);
      }
    }
    this.steps.length = 0;
    this.head = 0;
    this.draining = false;
  }
}
