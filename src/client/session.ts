/**
 * One ZooKeeper session as this client keeps it: its wire client, the requests out on it, its
 * watches, what liveness needs to know (when the server last answered), and its end, as one
 * AbortSignal that everything depending on the session listens to.
 */
import { setMaxListeners } from 'node:events';
import { NoNodeError, NotEmptyError, OperationTimeoutError } from '../errors.js';
import { monotonicNow } from './clock.js';
import { type RequestStart, requestEnd, requestStart } from './diagnostics.js';
import type { CallOptions } from './options.js';
import { after } from './timers.js';
import type { Logger, Watcher } from './types.js';
import { type PathWatch, SessionWatches, type WatchKind } from './watches.js';
import type { Wire, WireResult } from './wire-contract.js';

interface Pending {
  fail(err: Error): void;
}

export type Issue<T> = (wire: Wire, cb: (r: WireResult<T>) => void) => void;
export type WatchedIssue<T> = (
  wire: Wire,
  wireWatch: PathWatch['wire'] | undefined,
  cb: (r: WireResult<T>) => void,
) => void;

export class Session {
  readonly pending = new Set<Pending>();
  readonly watches: SessionWatches;
  /** Callers' persistent watches (addWatch): each hears `sessionEnded` when the session ends. */
  readonly persistent = new Set<{ readonly path: string; end(): void; drop(): void }>();
  /** Aborted when the session ends or close() begins: everything that depends on it listens here. */
  readonly ending = new AbortController();
  id: string | undefined;
  negotiatedTimeout: number;
  /**
   * Send time of the latest request whose touch of the session the leader has certainly heard of
   * (see `answered`); the safe deadline counts from here.
   */
  lastAnsweredSentAt = Number.NEGATIVE_INFINITY;
  /** Answers on this connection whose touch may not have reached the leader yet, oldest first. */
  private readonly undelivered: { sentAt: number; answeredAt: number }[] = [];
  /** When the current connection attempt began: a handshake answered later was sent after this. */
  dialStartedAt: number;
  lastKickAt: number;
  heartbeatInFlight = false;
  ended = false;

  constructor(
    readonly wire: Wire,
    requestedTimeout: number,
    logger: Logger,
  ) {
    this.watches = new SessionWatches((e) => logger.error('[zk-recipes] a watcher threw', e));
    // Every hold of the session listens for its end: thousands of listeners are normal here.
    setMaxListeners(0, this.ending.signal);
    this.negotiatedTimeout = requestedTimeout;
    this.dialStartedAt = monotonicNow();
    this.lastKickAt = this.dialStartedAt;
  }

  /** The leader heard of the session at or after `sentAt` (the handshake): it was alive then. */
  heardBack(sentAt: number): void {
    if (sentAt > this.lastAnsweredSentAt) this.lastAnsweredSentAt = sentAt;
  }

  /**
   * The server answered a request sent at `sentAt`, at `answeredAt`. A follower tells the leader
   * of the touch only in its reply to the leader's next ping (every tickTime/2), and goes on
   * answering while cut off from it: an answer counts once a request that passed through the
   * leader (`viaLeader`), sent at least `lag` after that answer came, was answered too, since a
   * ping round of the same link then came between (docs/connection.md).
   */
  answered(sentAt: number, answeredAt: number, viaLeader: boolean, lag: number): void {
    const waiting = this.undelivered;
    if (viaLeader) {
      let delivered = Number.NEGATIVE_INFINITY;
      while (waiting.length > 0 && waiting[0]!.answeredAt <= sentAt - lag)
        delivered = Math.max(delivered, waiting.shift()!.sentAt);
      this.heardBack(delivered);
    }
    // One entry per quarter of the lag is enough (a busy session answers thousands a second).
    const last = waiting.at(-1);
    if (!last || answeredAt - last.answeredAt >= lag / 4) waiting.push({ sentAt, answeredAt });
  }

  /** The connection ended: what its server answered never reaches the leader through another. */
  connectionEnded(): void {
    this.undelivered.length = 0;
  }

  /** The session id as ZooKeeper's signed 64-bit value (a node's `ephemeralOwner`). */
  get owner(): bigint | undefined {
    return this.id === undefined ? undefined : BigInt.asIntN(64, BigInt(`0x${this.id}`));
  }

  /** The session is over: every request out fails with `err`, every watch hears `sessionEnded`. */
  end(err: Error): void {
    this.ended = true;
    this.ending.abort(err);
    for (const p of [...this.pending]) p.fail(err);
    this.watches.endAll();
    for (const p of [...this.persistent]) p.end();
  }

  /**
   * Sends one request; it settles within `timeout` whatever the network does, or at once when
   * `signal` aborts. `onAnswer` runs inside the wire's callback, before any later reply or
   * notification is handled.
   */
  send<T>(
    op: string,
    path: string,
    issue: Issue<T>,
    { timeout, signal }: { timeout: number; signal?: AbortSignal | undefined },
    onAnswer?: (value: T) => void,
    watch = false,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Observers (diagnostics.ts) see every request; the message is only built when one listens.
    const observed: RequestStart | undefined =
      requestStart.hasSubscribers || requestEnd.hasSubscribers
        ? { op, path, watch, sessionId: this.id ?? '0' }
        : undefined;
    if (observed) requestStart.publish(observed);
    return new Promise<T>((resolve, reject) => {
      const sentAt = monotonicNow();
      let settled = false;
      const settle = (error?: Error) => {
        settled = true;
        timer.clear();
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(entry);
        // The start's message itself, completed: an observer pairs them by identity (a WeakMap).
        if (observed)
          requestEnd.publish(Object.assign(observed, { durationMs: monotonicNow() - sentAt, error }));
      };
      const entry: Pending = {
        fail: (err) => {
          if (settled) return;
          settle(err);
          reject(err);
        },
      };
      const onAbort = () => entry.fail(signal!.reason);
      const timer = after(timeout, () =>
        entry.fail(new OperationTimeoutError(`no answer within ${Math.round(timeout)} ms`, { path })),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.add(entry);
      issue(this.wire, (r) => {
        if (settled) return;
        // A wire that keepsAlive reports its answers itself (onAnswer), telling which passed the leader.
        if ((r.ok || r.answered) && !this.wire.keepsAlive) this.heardBack(sentAt);
        if (!r.ok) return entry.fail(r.error);
        settle();
        onAnswer?.(r.value);
        resolve(r.value);
      });
    });
  }

  /** Deletes `path` when it has no children; false when it is not empty or already gone. */
  /** The children of `path`; none when it is gone. */
  async childrenOf(path: string, call: { timeout: number }): Promise<string[]> {
    try {
      const r = await this.send<{ children: string[] }>(
        'getChildren',
        path,
        (w, cb) => w.getChildren(path, undefined, cb),
        call,
      );
      return r.children;
    } catch (e) {
      if (e instanceof NoNodeError) return [];
      throw e;
    }
  }

  async deleteIfEmpty(
    path: string,
    call: { timeout: number; signal?: AbortSignal | undefined },
  ): Promise<boolean> {
    try {
      await this.send<void>('delete', path, (w, cb) => w.remove(path, -1, cb), call);
      return true;
    } catch (e) {
      if (e instanceof NoNodeError || e instanceof NotEmptyError) return false;
      throw e;
    }
  }

  /**
   * One read, with `watch` (if any) set by it: the watch is added when the read is answered and
   * removed when `call.signal` aborts (see watches.ts).
   */
  read<T>(
    kind: WatchKind,
    path: string,
    watch: Watcher | undefined,
    call: { timeout: number; signal?: AbortSignal | undefined },
    issue: WatchedIssue<T>,
  ): Promise<T> {
    const op = READ_OPS[kind];
    if (!watch) return this.send(op, path, (w, cb) => issue(w, undefined, cb), call);
    const pw = this.watches.pathWatch(kind, path);
    const signal = call.signal;
    const added = () => {
      if (!signal) return void this.watches.add(pw, watch);
      const onAbort = () => remove();
      const remove = this.watches.add(pw, (e) => {
        signal.removeEventListener('abort', onAbort);
        watch(e);
      });
      signal.addEventListener('abort', onAbort, { once: true });
    };
    return this.send(op, path, (w, cb) => issue(w, pw.wire, cb), call, added, true);
  }
}

const READ_OPS: Record<WatchKind, string> = { exists: 'exists', data: 'getData', child: 'getChildren' };

/** `call` with its timeout bounded by `requestTimeout` (the default when it has none). */
export function bounded(
  call: CallOptions,
  requestTimeout: number,
): { timeout: number; signal?: AbortSignal } {
  const timeout = Math.min(call.timeout ?? requestTimeout, requestTimeout);
  return call.signal ? { timeout, signal: call.signal } : { timeout };
}
