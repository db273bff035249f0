/**
 * The cache's copy of a subtree: nodes by path, each parent's children, and the one rule that
 * keeps the copy from going back in time: a node's identity is its czxid (a re-created node has a
 * larger one) and its data's age is its mzxid, so a read older than what is held changes nothing.
 * Every change comes back as the events that describe it; the caller emits them.
 */
import { basename, joinPath, parentPath } from '../../client/paths.js';
export class CacheTree {
    nodes = new Map();
    kids = new Map();
    get size() {
        return this.nodes.size;
    }
    get(path) {
        return this.nodes.get(path)?.node;
    }
    /** The names of the cached children of `path`, sorted; undefined when `path` is not cached. */
    children(path) {
        if (!this.nodes.has(path))
            return undefined;
        return [...(this.kids.get(path) ?? [])].sort();
    }
    *entries() {
        for (const e of this.nodes.values())
            yield e.node;
    }
    /** What a read of the node found, seen by sync pass `epoch`; the events it makes. */
    put(node, epoch) {
        const held = this.nodes.get(node.path);
        if (!held) {
            this.insert(node, epoch);
            return [{ type: 'created', ...node }];
        }
        const a = held.node.stat;
        const b = node.stat;
        if (b.czxid < a.czxid)
            return []; // a read of an earlier incarnation: stale
        held.seen = Math.max(held.seen, epoch);
        if (b.czxid > a.czxid) {
            // Deleted and created again in between: say both.
            const gone = held.node;
            held.node = node;
            return [
                { type: 'deleted', ...gone },
                { type: 'created', ...node },
            ];
        }
        if (b.mzxid > a.mzxid) {
            const previous = held.node;
            held.node = node;
            return [{ type: 'changed', ...node, previous }];
        }
        // Same data: keep the newer of the two Stats (its child fields may have moved), silently.
        if (b.mzxid === a.mzxid && (b.pzxid > a.pzxid || b.aversion > a.aversion))
            held.node = node;
        return [];
    }
    /** The node is gone: it and whatever is cached below it (deepest first). */
    remove(path) {
        const out = [];
        const below = this.kids.get(path);
        if (below)
            for (const name of [...below])
                out.push(...this.remove(joinPath(path, name)));
        const held = this.nodes.get(path);
        if (!held)
            return out;
        this.nodes.delete(path);
        if (path !== '/') {
            const parent = parentPath(path);
            const set = this.kids.get(parent);
            set?.delete(basename(path));
            if (set?.size === 0)
                this.kids.delete(parent);
        }
        out.push({ type: 'deleted', ...held.node });
        return out;
    }
    /** After sync pass `epoch` visited the whole tree: what it did not see is gone. */
    sweep(epoch) {
        const gone = [...this.nodes.values()].filter((e) => e.seen < epoch).map((e) => e.node.path);
        gone.sort((x, y) => depth(y) - depth(x));
        return gone.flatMap((p) => this.remove(p));
    }
    clear() {
        this.nodes.clear();
        this.kids.clear();
    }
    insert(node, epoch) {
        this.nodes.set(node.path, { node, seen: epoch });
        if (node.path === '/')
            return;
        const parent = parentPath(node.path);
        let set = this.kids.get(parent);
        if (!set) {
            set = new Set();
            this.kids.set(parent, set);
        }
        set.add(basename(node.path));
    }
}
function depth(path) {
    let n = 0;
    for (let i = 0; i < path.length; i++)
        if (path.charCodeAt(i) === 47)
            n++;
    return n;
}
//# sourceMappingURL=tree.js.map