/**
 * zk-recipes: ZooKeeper recipes for Node.js.
 *
 * - `ZkClient`: one trustworthy session (liveness, safe deadline, transparent re-session).
 * - `ZkLock`: a fenced, reentrant mutex, node-compatible with Curator and Kazoo.
 * - `ZkReadWriteLock`: shared readers, exclusive writer.
 *
 * @module zk-recipes
 */

export { monotonicNow } from './client/clock.js';
export { type ConnectString, parseConnectString, type ServerAddress } from './client/connect-string.js';
export {
  CHANNELS,
  type LockEvent,
  type RequestEnd,
  type RequestStart,
  type StateChange,
} from './client/diagnostics.js';
export * from './client/types.js';
export * from './client/zk-client.js';
export * from './errors.js';
export {
  type Contender,
  type ContenderMode,
  parseContender,
  sortContenders,
} from './recipes/locks/contenders.js';
export { ZkReadWriteLock } from './recipes/locks/read-write-lock.js';
export {
  type AcquireOptions,
  LockHandle,
  type Participant,
  ZkLock,
  type ZkLockEvents,
  type ZkLockOptions,
} from './recipes/locks/zk-lock.js';
