/** What a ZkCache tells: its events, as listeners and as an async iterator get them. */
import type { NodeEvent } from './tree.js';

/** What an iterator of a cache yields: a node's change, or the cache's own news. */
export type CacheEvent =
  | NodeEvent
  | { readonly type: 'initialized' }
  | { readonly type: 'rebuilt'; readonly sessionId: string };

export interface ZkCacheEvents {
  created: [event: NodeEvent];
  changed: [event: NodeEvent];
  deleted: [event: NodeEvent];
  /** The initial load is done: the cache holds the subtree (the events before it told each node). */
  initialized: [];
  /**
   * After a session loss, the watch was added again on the new session and the tree re-read;
   * the events just before this one told what had changed meanwhile.
   */
  rebuilt: [sessionId: string];
}
