/**
 * What ZkClient needs from a connection to ZooKeeper, whatever speaks the protocol underneath:
 * one `Wire` is one ZooKeeper session on one wire client. Implementations: the adapter to
 * node-zookeeper-client (wire.ts); our own protocol client comes next (src/client/protocol/).
 * Session truth (liveness, deadlines, expiry) is ZkClient's job, not a wire's.
 */
import type { ConnectionOptions } from 'node:tls';
import type { ZkError } from '../errors.js';
import type {
  Acl,
  AddWatchMode,
  BasicCreateMode,
  ClientInfo,
  CreateMode,
  Op,
  OpResult,
  ReadOp,
  ReadOpResult,
  Stat,
  WatchEvent,
  WatcherType,
} from './types.js';

/** What a wire callback delivers: either an answer from the server or a failure to get one. */
export type WireResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** A RangeError: the request is larger than the server takes (it was not sent). */
      error: ZkError | RangeError;
      /** true when the server itself answered with this error */
      answered: boolean;
    };

export type WireCallback<T> = (result: WireResult<T>) => void;

/** A wire's news about its connection and session. */
export type WireState = 'connecting' | 'connected' | 'disconnected' | 'expired' | 'authFailed' | 'closed';

export interface WireOptions {
  sessionTimeout: number;
  /** ms to wait after a full round of servers failed, before dialling again. */
  spinDelay: number;
  auth: readonly { scheme: string; credentials: string | Buffer }[];
  onState: (state: WireState) => void;
  /**
   * A handshake sent at `sentAt` (monotonicNow) was answered: the leader touched the session then
   * (a follower revalidates it with the leader first). Called by a wire that keeps its connection
   * alive itself (`keepsAlive`), before it says 'connected'.
   */
  onAlive?: (sentAt: number) => void;
  /**
   * A request sent at `sentAt` was answered at `answeredAt`; `viaLeader` when it passed through the
   * leader (a write, a sync: docs/connection.md). Called by a wire that `keepsAlive`, before the
   * request's own callback; ZkClient then counts no answer itself.
   */
  onAnswer?: (sentAt: number, answeredAt: number, viaLeader: boolean) => void;
  /** Why a connection was dropped (the server sent something unreadable); default: a process warning. */
  onError?: (error: Error) => void;
  /** Requests larger than this fail with a RangeError (default: jute.maxbuffer's default, 0xfffff). */
  maxRequestBytes?: number;
  /** Frames from the server larger than this drop the connection (default 4 MiB, as the Java client). */
  maxFrameBytes?: number;
  /** Speak TLS with these node:tls options (the built-in wire only); a failed handshake goes to onError. */
  tls?: ConnectionOptions;
}

/** A one-shot watch as a wire delivers it. */
export type WireWatcher = (event: WatchEvent) => void;

export interface Wire {
  /** Starts dialling (once). */
  connect(): void;
  /** A connection is up and the handshake answered. */
  readonly connected: boolean;
  /** Hex session id, '0' before the first handshake. */
  readonly sessionId: string;
  /** The session timeout the server granted (the requested one before the handshake). */
  readonly negotiatedTimeout: number;
  /**
   * The wire keeps the session alive through the leader (a sync after T/6 without a write or sync),
   * drops a connection without an answer through the leader for T/2, gives a handshake a bounded
   * time, and reports every answer (`onAnswer`); ZkClient then sends no heartbeats and kicks
   * nothing. False for node-zookeeper-client, which cannot tell a silent connection from an idle
   * one, nor send a sync.
   */
  readonly keepsAlive: boolean;
  /** Drops the current connection; the wire reconnects with the same session. */
  kick(): void;
  /** Sends closeSession (when connected) so the server removes our ephemeral nodes at once. */
  closeSession(timeoutMs: number): Promise<void>;
  /** Stops for good: no reconnects, no timers, no sockets. Idempotent. */
  dispose(): void;
  /** The create's answer with the new node's czxid (the fencing token). */
  create(
    path: string,
    data: Buffer | undefined,
    acl: readonly Acl[],
    mode: BasicCreateMode,
    cb: WireCallback<{ path: string; czxid: bigint }>,
  ): void;
  remove(path: string, version: number, cb: WireCallback<void>): void;
  /** The same watcher function for the same path is kept once (see watches.ts). */
  exists(path: string, watch: WireWatcher | undefined, cb: WireCallback<Stat | null>): void;
  getData(path: string, watch: WireWatcher | undefined, cb: WireCallback<{ data: Buffer; stat: Stat }>): void;
  getChildren(
    path: string,
    watch: WireWatcher | undefined,
    cb: WireCallback<{ children: string[]; stat: Stat }>,
  ): void;
  setData(path: string, data: Buffer, version: number, cb: WireCallback<Stat>): void;
  multi(ops: readonly Op[], defaultAcl: readonly Acl[], cb: WireCallback<OpResult[]>): void;
  /** The ZooKeeper 3.5–3.9 operations; absent on a backend that cannot send them. */
  readonly extended?: ExtendedWire;
}

/** The operations newer than ZooKeeper 3.4 (the built-in wire has them). */
export interface ExtendedWire {
  /** create2, createContainer or createTTL by `mode`: the new node's Stat in the same reply. */
  create(
    path: string,
    data: Buffer | undefined,
    acl: readonly Acl[],
    mode: CreateMode,
    ttl: number | undefined,
    cb: WireCallback<{ path: string; stat: Stat }>,
  ): void;
  getACL(path: string, cb: WireCallback<{ acl: Acl[]; stat: Stat }>): void;
  setACL(path: string, acl: readonly Acl[], version: number, cb: WireCallback<Stat>): void;
  sync(path: string, cb: WireCallback<string>): void;
  multiRead(ops: readonly ReadOp[], cb: WireCallback<ReadOpResult[]>): void;
  /** Adds a persistent watch; `fn` hears every event of it (kept across reconnects) once answered. */
  addWatch(path: string, mode: AddWatchMode, fn: WireWatcher, cb: WireCallback<void>): void;
  /** Forgets `fn` locally; true when no persistent watch of the path is left (then remove it on the server). */
  forgetWatch(path: string, mode: AddWatchMode, fn: WireWatcher): boolean;
  /**
   * removeWatches of type Any for a persistent watch forgotten by `forgetWatch`; the one-shot
   * watches of the path the server dropped with it are set again at once.
   */
  removePersistent(path: string, cb: WireCallback<void>): void;
  /** removeWatches on the server; once answered the local watches of that type at `path` are dropped. */
  removeWatches(path: string, type: WatcherType, cb: WireCallback<void>): void;
  getEphemerals(prefix: string, cb: WireCallback<string[]>): void;
  getAllChildrenNumber(path: string, cb: WireCallback<number>): void;
  whoAmI(cb: WireCallback<ClientInfo[]>): void;
  /** getData of /zookeeper/config, outside any chroot. */
  getConfig(cb: WireCallback<{ data: Buffer; stat: Stat }>): void;
}

/** Makes the wire of one session. */
export type WireFactory = (connectString: string, opts: WireOptions) => Wire;
