/** Value types shared by the client and the recipes. */

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

export type CreateMode = 'persistent' | 'ephemeral' | 'persistent-sequential' | 'ephemeral-sequential';

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

/** Console-compatible logger. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
