/** Value types shared by the client and the recipes. */
import type { ZkError } from '../errors.js';

/** A znode's metadata. ZooKeeper's 64-bit fields are `bigint`. */
export interface Stat {
  czxid: bigint;
  mzxid: bigint;
  pzxid: bigint;
  ctime: bigint;
  mtime: bigint;
  version: number;
  cversion: number;
  aversion: number;
  /** The session id owning an ephemeral node, 0n for a persistent one. */
  ephemeralOwner: bigint;
  dataLength: number;
  numChildren: number;
}

/** The modes every server and backend knows (ZooKeeper 3.4). */
export type BasicCreateMode = 'persistent' | 'ephemeral' | 'persistent-sequential' | 'ephemeral-sequential';

/**
 * How a node is created. 'container' (3.5.3: the server removes it once its last child is gone)
 * and the TTL modes (3.5.3: removed once unchanged and childless for `ttl` ms; the server needs
 * `zookeeper.extendedTypesEnabled=true`) need the built-in wire.
 */
export type CreateMode =
  | BasicCreateMode
  | 'container'
  | 'persistent-with-ttl'
  | 'persistent-sequential-with-ttl';

/** Permission bits of an ACL entry. */
export const Perm = { READ: 1, WRITE: 2, CREATE: 4, DELETE: 8, ADMIN: 16, ALL: 31 } as const;

export interface Acl {
  perms: number;
  scheme: string;
  id: string;
}

export const OPEN_ACL_UNSAFE: readonly Acl[] = [{ perms: Perm.ALL, scheme: 'world', id: 'anyone' }];
export const CREATOR_ALL_ACL: readonly Acl[] = [{ perms: Perm.ALL, scheme: 'auth', id: '' }];
export const READ_ACL_UNSAFE: readonly Acl[] = [{ perms: Perm.READ, scheme: 'world', id: 'anyone' }];

/**
 * What a one-shot watch reports. `sessionEnded` means the session that set the watch is gone
 * (expired, presumed expired, or the client closed): the watch will never fire, so look again.
 */
export interface WatchEvent {
  type: 'nodeCreated' | 'nodeDeleted' | 'nodeDataChanged' | 'nodeChildrenChanged' | 'sessionEnded';
  path: string;
}

export type Watcher = (event: WatchEvent) => void;

/** One operation of a `multi` transaction. */
export type Op =
  | { op: 'create'; path: string; data?: Buffer; mode?: CreateMode; acl?: readonly Acl[] }
  | { op: 'delete'; path: string; version?: number }
  | { op: 'setData'; path: string; data: Buffer; version?: number }
  | { op: 'check'; path: string; version: number };

export type OpResult =
  | { op: 'create'; path: string }
  | { op: 'delete' }
  | { op: 'setData'; stat: Stat }
  | { op: 'check' };

/** One read of a `multiRead` (ZooKeeper 3.6). */
export type ReadOp = { op: 'getData'; path: string } | { op: 'getChildren'; path: string };

/** A `multiRead` result: each read answers or fails on its own. */
export type ReadOpResult =
  | { op: 'getData'; data: Buffer; stat: Stat }
  | { op: 'getChildren'; children: string[] }
  | { op: 'error'; error: ZkError };

/** An identity the server holds for the session (`whoAmI`, ZooKeeper 3.7). */
export interface ClientInfo {
  scheme: string;
  user: string;
}

/** 'persistent': every change of the node; 'persistent-recursive': of the node and every descendant. */
export type AddWatchMode = 'persistent' | 'persistent-recursive';

/** Which of the session's watches `removeWatches` removes. */
export type WatcherType = 'data' | 'children' | 'any';

/** Console-compatible logger. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
