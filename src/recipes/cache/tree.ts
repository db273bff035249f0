/**
 * The cache's copy of a subtree: nodes by path, each parent's children, and the one rule that
 * keeps the copy from going back in time: a node's identity is its czxid (a re-created node has a
 * larger one) and its data's age is its mzxid, so a read older than what is held changes nothing.
 * Every change comes back as the events that describe it; the caller emits them.
 */
import { basename, joinPath, parentPath } from '../../client/paths.js';
import type { Stat } from '../../client/types.js';

/** One cached node. Shared with listeners: do not mutate it or its data. */
export interface CachedNode {
  readonly path: string;
  /** The node's data, undefined when the cache keeps no data (`data: false`). */
  readonly data: Buffer | undefined;
  /**
   * The node's Stat as of its last read. Its data fields are current; its child fields
   * (numChildren, cversion, pzxid) are not kept up to date (`children()` is).
   */
  readonly stat: Stat;
}

/** A change of one node: its state after (or, for 'deleted', its last known state). */
export interface NodeEvent extends CachedNode {
  readonly type: 'created' | 'changed' | 'deleted';
  /** For 'changed': the node as it was before. */
  readonly previous?: CachedNode;
}

interface Entry {
  node: CachedNode;
  /** The sync pass that last saw the node on the server. */
  seen: number;
}

export class CacheTree {
  private readonly nodes = new Map<string, Entry>();
  private readonly kids = new Map<string, Set<string>>();

  get size(): number {
    return this.nodes.size;
  }

  get(path: string): CachedNode | undefined {
    return this.nodes.get(path)?.node;
  }

  /** The names of the cached children of `path`, sorted; undefined when `path` is not cached. */
  children(path: string): string[] | undefined {
    if (!this.nodes.has(path)) return undefined;
    return [...(this.kids.get(path) ?? [])].sort();
  }

  *entries(): IterableIterator<CachedNode> {
    for (const e of this.nodes.values()) yield e.node;
  }

  /** What a read of the node found, seen by sync pass `epoch`; the events it makes. */
  put(node: CachedNode, epoch: number): NodeEvent[] {
    const held = this.nodes.get(node.path);
    if (!held) {
      this.insert(node, epoch);
      return [{ type: 'created', ...node }];
    }
    const a = held.node.stat;
    const b = node.stat;
    if (b.czxid < a.czxid) return []; // a read of an earlier incarnation: stale
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
    if (b.mzxid === a.mzxid && (b.pzxid > a.pzxid || b.aversion > a.aversion)) held.node = node;
    return [];
  }

  /** The node is gone: it and whatever is cached below it (deepest first). */
  remove(path: string): NodeEvent[] {
    const out: NodeEvent[] = [];
    const below = this.kids.get(path);
    if (below) for (const name of [...below]) out.push(...this.remove(joinPath(path, name)));
    const held = this.nodes.get(path);
    if (!held) return out;
    this.nodes.delete(path);
    if (path !== '/') {
      const parent = parentPath(path);
      const set = this.kids.get(parent);
      set?.delete(basename(path));
      if (set?.size === 0) this.kids.delete(parent);
    }
    out.push({ type: 'deleted', ...held.node });
    return out;
  }

  /** After sync pass `epoch` visited the whole tree: what it did not see is gone. */
  sweep(epoch: number): NodeEvent[] {
    const gone = [...this.nodes.values()].filter((e) => e.seen < epoch).map((e) => e.node.path);
    gone.sort((x, y) => depth(y) - depth(x));
    return gone.flatMap((p) => this.remove(p));
  }

  clear(): void {
    this.nodes.clear();
    this.kids.clear();
  }

  private insert(node: CachedNode, epoch: number): void {
    this.nodes.set(node.path, { node, seen: epoch });
    if (node.path === '/') return;
    const parent = parentPath(node.path);
    let set = this.kids.get(parent);
    if (!set) {
      set = new Set();
      this.kids.set(parent, set);
    }
    set.add(basename(node.path));
  }
}

function depth(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}
