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

  add(kind: WatchKind, path: string, fn: WireWatcher): void {
    const map = this.kinds[kind];
    let set = map.get(path);
    if (!set) {
      set = new Set();
      map.set(path, set);
    }
    set.add(fn);
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
    return this.kinds.data.size === 0 && this.kinds.exist.size === 0 && this.kinds.child.size === 0;
  }

  clear(): void {
    for (const map of Object.values(this.kinds)) map.clear();
  }
}
