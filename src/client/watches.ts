/**
 * One session's one-shot watches. ZooKeeper keeps one watch per path and kind for a session,
 * however often it is asked; so does this registry: one wire watcher per (kind, path), which
 * fans out to every caller's watch. A caller that no longer wants its watch (a waiter that
 * timed out, say) removes it, so a thousand polls of one held lock leave nothing behind but the
 * one watch the server keeps until the node changes.
 *
 * A watch is added when its read is answered, as ZooKeeper's Java client does: the wire client
 * handles a session's replies and notifications in the order the server sent them, so a watch
 * only ever hears of changes after the data its read returned.
 */
import type { WatchEvent, Watcher } from './types.js';

export type WatchKind = 'data' | 'exists' | 'child';

/** One caller's watch: fires at most once. */
export interface WatchEntry {
  fire(event: WatchEvent): void;
}

/** The one wire watcher of a (kind, path), and the callers' watches it fans out to. */
export interface PathWatch {
  /** Handed to the wire client with the read; the same function for every read of the path. */
  readonly wire: (event: WatchEvent) => void;
  readonly entries: Set<WatchEntry>;
}

export class SessionWatches {
  private readonly byKey = new Map<string, PathWatch>();
  private readonly all = new Set<WatchEntry>();

  constructor(private readonly onThrow: (err: unknown) => void) {}

  /** How many callers' watches are waiting (for tests and diagnostics). */
  get size(): number {
    return this.all.size;
  }

  /** The path watch to send a read of (kind, path) with. */
  pathWatch(kind: WatchKind, path: string): PathWatch {
    const key = `${kind}:${path}`;
    let pw = this.byKey.get(key);
    if (!pw) {
      const entries = new Set<WatchEntry>();
      const made: PathWatch = {
        entries,
        wire: (event) => {
          // The wire client dropped its watcher with this event; the next read registers anew.
          if (this.byKey.get(key) === made) this.byKey.delete(key);
          for (const e of [...entries]) e.fire(event);
        },
      };
      pw = made;
      this.byKey.set(key, pw);
    }
    return pw;
  }

  /**
   * Adds `watch` to `pw` once the read sent with `pw.wire` was answered (the server set its watch
   * with that read, and the wire client registered `pw.wire` for it, even if an earlier
   * notification of the path already fired it once). Returns the function that removes it.
   */
  add(pw: PathWatch, watch: Watcher): () => void {
    let done = false;
    const remove = () => {
      done = true;
      pw.entries.delete(entry);
      this.all.delete(entry);
    };
    const entry: WatchEntry = {
      fire: (event) => {
        if (done) return;
        remove();
        try {
          watch(event);
        } catch (err) {
          this.onThrow(err);
        }
      },
    };
    pw.entries.add(entry);
    this.all.add(entry);
    return remove;
  }

  /** Forgets the callers' watches of (kind, path), which never fire: the server dropped it (removeWatches). */
  drop(kind: WatchKind, path: string): void {
    const pw = this.byKey.get(`${kind}:${path}`);
    if (!pw) return;
    this.byKey.delete(`${kind}:${path}`);
    for (const e of pw.entries) this.all.delete(e);
    pw.entries.clear();
  }

  /** The session is over: every watch hears `sessionEnded` (none can fire any more). */
  endAll(): void {
    this.byKey.clear();
    for (const e of [...this.all]) e.fire({ type: 'sessionEnded', path: '' });
  }
}
