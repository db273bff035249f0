/**
 * What close() lets the recipes still send on the session it is ending (their deferred deletes):
 * a connection loss is retried, sent again once the wire reconnects, until close()'s bound.
 */
import { ConnectionLossError, OperationTimeoutError } from '../errors.js';
import { retrying } from './retry.js';
import type { Session } from './session.js';
import { msUntil } from './timers.js';

/** @internal What a closing task may still send on the session close() is ending. */
export interface ClosingSession {
  /** Deletes `path` when it has no children; false when it is not empty or already gone. */
  deleteIfEmpty(path: string): Promise<boolean>;
  /** The children of `path` (empty when it is gone): answered after every request sent before. */
  getChildren(path: string): Promise<string[]>;
}

export type ClosingTask = (last: ClosingSession) => Promise<unknown>;

/** Requests on `s` while it closes, until `deadline`. */
export function closingRequests(s: Session, deadline: number): ClosingSession {
  const last = <T>(what: string, path: string, request: (timeout: number) => Promise<T>) =>
    retrying(
      () => {
        if (s.ended || msUntil(deadline) <= 0)
          throw new OperationTimeoutError(`close() gave up ${what} ${path}`, { path });
        return request(msUntil(deadline));
      },
      {
        // Queued by the wire client until it reconnects; the pause only guards against a
        // wire client that fails requests at once (closed) turning this into a busy loop.
        policy: { retries: Number.POSITIVE_INFINITY, minTimeout: 20, maxTimeout: 20, factor: 1 },
        deadline,
        again: (e) => e instanceof ConnectionLossError,
      },
    );
  return {
    deleteIfEmpty: (path) => last('deleting', path, (timeout) => s.deleteIfEmpty(path, { timeout })),
    getChildren: (path) => last('reading', path, (timeout) => s.childrenOf(path, { timeout })),
  };
}
