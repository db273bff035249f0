import { EventType } from './opcodes.js';
const EVENT_NAMES = {
    [EventType.nodeCreated]: 'nodeCreated',
    [EventType.nodeDeleted]: 'nodeDeleted',
    [EventType.nodeDataChanged]: 'nodeDataChanged',
    [EventType.nodeChildrenChanged]: 'nodeChildrenChanged',
};
// Which kinds of watch an event fires (WatcherManager.emit).
const FIRES = {
    [EventType.nodeCreated]: ['data', 'exist'],
    [EventType.nodeDataChanged]: ['data', 'exist'],
    [EventType.nodeChildrenChanged]: ['child'],
    [EventType.nodeDeleted]: ['data', 'child'],
};
/** The name of a notification's event type, or undefined for one a server must not send. */
export function eventName(type) {
    return EVENT_NAMES[type];
}
export class WatchTable {
    kinds = {
        data: new Map(),
        exist: new Map(),
        child: new Map(),
    };
    persistentKinds = {
        persistent: new Map(),
        recursive: new Map(),
    };
    add(kind, path, fn) {
        addTo(this.kinds[kind], path, fn);
    }
    addPersistent(kind, path, fn) {
        addTo(this.persistentKinds[kind], path, fn);
    }
    /** Forgets `fn`; true when no persistent watch of either kind is left at `path`. */
    forgetPersistent(kind, path, fn) {
        const set = this.persistentKinds[kind].get(path);
        if (set?.delete(fn) && set.size === 0)
            this.persistentKinds[kind].delete(path);
        return !this.persistentKinds.persistent.has(path) && !this.persistentKinds.recursive.has(path);
    }
    /** Drops the watches of `kinds` at `path` (after removeWatches); their functions never fire. */
    drop(kinds, path) {
        for (const k of kinds)
            (k in this.kinds ? this.kinds[k] : this.persistentKinds[k]).delete(path);
    }
    /** Whether a one-shot watch of `kind` waits at `path`. */
    has(kind, path) {
        return this.kinds[kind].has(path);
    }
    /**
     * The persistent watchers an event fires (they stay): those of the path itself, and the
     * recursive ones of it and its ancestors, which hear no nodeChildrenChanged (as the server
     * sends them none either).
     */
    persistentFor(type, path) {
        const out = [...(this.persistentKinds.persistent.get(path) ?? [])];
        const recursive = this.persistentKinds.recursive;
        if (recursive.size === 0 || type === EventType.nodeChildrenChanged)
            return out;
        for (let p = path;; p = p.slice(0, Math.max(1, p.lastIndexOf('/')))) {
            for (const fn of recursive.get(p) ?? [])
                out.push(fn);
            if (p === '/')
                break;
        }
        return out;
    }
    /** The persistent watches to restore (SetWatches2) after a reconnect. */
    persistentPaths(kind) {
        return [...this.persistentKinds[kind].keys()];
    }
    /** The watchers an event of `type` on `path` fires, taken out of the table. */
    take(type, path) {
        const out = [];
        for (const kind of FIRES[type] ?? []) {
            const set = this.kinds[kind].get(path);
            if (!set)
                continue;
            this.kinds[kind].delete(path);
            out.push(...set);
        }
        return out;
    }
    /** The watched paths of each kind, to restore after a reconnect. */
    paths(kind) {
        return [...this.kinds[kind].keys()];
    }
    get empty() {
        const { data, exist, child } = this.kinds;
        return data.size === 0 && exist.size === 0 && child.size === 0 && !this.hasPersistent;
    }
    get hasPersistent() {
        return this.persistentKinds.persistent.size > 0 || this.persistentKinds.recursive.size > 0;
    }
    clear() {
        for (const map of Object.values(this.kinds))
            map.clear();
        for (const map of Object.values(this.persistentKinds))
            map.clear();
    }
}
function addTo(map, path, fn) {
    let set = map.get(path);
    if (!set) {
        set = new Set();
        map.set(path, set);
    }
    set.add(fn);
}
//# sourceMappingURL=watch-table.js.map