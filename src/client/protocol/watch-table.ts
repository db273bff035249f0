/**
 * The one-shot watches a session holds on the server, kept as node-zookeeper-client's
 * WatcherManager keeps them (ZkClient's watches.ts relies on it): one set of functions per
 * (kind, path), a function registered once however often it is given, all fired once and
 * forgotten when the path's event comes. Paths here are the caller's (without the chroot).
 */
import type { WatchEvent } from '../types.js';
import type { WireWatcher } from '../wire-contract.js';
import { EventType } from './opcodes.js';

export type WatchKind = 'data' | 'exist' | 'child';
/** Persistent watches (addWatch, 3.6): they stay after firing, until removed or the session ends. */
export type PersistentKind = 'persistent' | 'recursive';

const EVENT_NAMES: Record<number, WatchEvent['type']> = {
  [EventType.nodeCreated]: 'nodeCreated',
  [EventType.nodeDeleted]: 'nodeDeleted',
  [EventType.nodeDataChanged]: 'nodeDataChanged',
  [EventType.nodeChildrenChanged]: 'nodeChildrenChanged',
};

// Which kinds of watch an event fires (WatcherManager.emit).
const FIRES: Record<number, readonly WatchKind[]> = {
  [EventType.nodeCreated]: ['data', 'exist'],
  [EventType.nodeDataChanged]: ['data', 'exist'],
  [EventType.nodeChildrenChanged]: ['child'],
  [EventType.nodeDeleted]: ['data', 'child'],
};

/** The name of a notification's event type, or undefined for one a server must not send. */
export function eventName(type: number): WatchEvent['type'] | undefined {
  return EVENT_NAMES[type];
}

export class WatchTable {
  private readonly kinds: Record<WatchKind, Map<string, Set<WireWatcher>>> = {
    data: new Map(),
    exist: new Map(),
    child: new Map(),
  };

  private readonly persistentKinds: Record<PersistentKind, Map<string, Set<WireWatcher>>> = {
    persistent: new Map(),
    recursive: new Map(),
  };

  add(kind: WatchKind, path: string, fn: WireWatcher): void {
    addTo(this.kinds[kind], path, fn);
  }

  addPersistent(kind: PersistentKind, path: string, fn: WireWatcher): void {
    addTo(this.persistentKinds[kind], path, fn);
  }

  /** Forgets `fn`; true when no persistent watch of either kind is left at `path`. */
  forgetPersistent(kind: PersistentKind, path: string, fn: WireWatcher): boolean {
    const set = this.persistentKinds[kind].get(path);
    if (set?.delete(fn) && set.size === 0) this.persistentKinds[kind].delete(path);
    return !this.persistentKinds.persistent.has(path) && !this.persistentKinds.recursive.has(path);
  }

  /** Drops the watches of `kinds` at `path` (after removeWatches); their functions never fire. */
  drop(kinds: readonly (WatchKind | PersistentKind)[], path: string): void {
    for (const k of kinds)
      (k in this.kinds ? this.kinds[k as WatchKind] : this.persistentKinds[k as PersistentKind]).delete(path);
  }

  /** Whether a one-shot watch of `kind` waits at `path`. */
  has(kind: WatchKind, path: string): boolean {
    return this.kinds[kind].has(path);
  }

  /**
   * The persistent watchers an event fires (they stay): those of the path itself, and the
   * recursive ones of it and its ancestors, which hear no nodeChildrenChanged (as the server
   * sends them none either).
   */
  persistentFor(type: number, path: string): WireWatcher[] {
    const out: WireWatcher[] = [...(this.persistentKinds.persistent.get(path) ?? [])];
    const recursive = this.persistentKinds.recursive;
    if (recursive.size === 0 || type === EventType.nodeChildrenChanged) return out;
    for (let p = path; ; p = p.slice(0, Math.max(1, p.lastIndexOf('/')))) {
      for (const fn of recursive.get(p) ?? []) out.push(fn);
      if (p === '/') break;
    }
    return out;
  }

  /** The persistent watches to restore (SetWatches2) after a reconnect. */
  persistentPaths(kind: PersistentKind): string[] {
    return [...this.persistentKinds[kind].keys()];
  }

  /** The watchers an event of `type` on `path` fires, taken out of the table. */
  take(type: number, path: string): WireWatcher[] {
    const out: WireWatcher[] = [];
    for (const kind of FIRES[type] ?? []) {
      const set = this.kinds[kind].get(path);
      if (!set) continue;
      this.kinds[kind].delete(path);
      out.push(...set);
    }
    return out;
  }

  /** The watched paths of each kind, to restore after a reconnect. */
  paths(kind: WatchKind): string[] {
    return [...this.kinds[kind].keys()];
  }

  get empty(): boolean {
    const { data, exist, child } = this.kinds;
    return data.size === 0 && exist.size === 0 && child.size === 0 && !this.hasPersistent;
  }

  get hasPersistent(): boolean {
    return this.persistentKinds.persistent.size > 0 || this.persistentKinds.recursive.size > 0;
  }

  clear(): void {
    for (const map of Object.values(this.kinds)) map.clear();
    for (const map of Object.values(this.persistentKinds)) map.clear();
  }
}

function addTo(map: Map<string, Set<WireWatcher>>, path: string, fn: WireWatcher): void {
  let set = map.get(path);
  if (!set) {
    set = new Set();
    map.set(path, set);
  }
  set.add(fn);
}
