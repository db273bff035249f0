/**
 * zk-recipes: ZooKeeper recipes for Node.js.
 *
 * - `ZkClient`: one trustworthy session (liveness, safe deadline, transparent re-session).
 * - `ZkLock`: a fenced, reentrant mutex, node-compatible with Curator and Kazoo.
 * - `ZkReadWriteLock`: shared readers, exclusive writer.
 * - `ZkLeaderElection`: one leader at a time, node-compatible with Curator's LeaderLatch.
 * - `ZkCache`, `watchData`, `watchConfig`: a live copy of a subtree; one node's value as it changes.
 * - `ZkServiceDiscovery`: service instances in curator-x-discovery's layout and JSON, and providers.
 *
 * Every name here is exported on purpose; etc/zk-recipes.api.md (checked in CI) lists them.
 *
 * @module zk-recipes
 */

export { monotonicNow } from './client/clock.js';
export { type ConnectString, parseConnectString, type ServerAddress } from './client/connect-string.js';
export {
  CHANNELS,
  type LeaderEvent,
  type LockEvent,
  type RequestEnd,
  type RequestStart,
  type SemaphoreEvent,
  type StateChange,
} from './client/diagnostics.js';
export type { ClientState, ZkClientEvents } from './client/events.js';
export type { AddWatchOptions, PersistentWatch } from './client/operations.js';
export type {
  CallOptions,
  CreateOptions,
  ReadOptions,
  RetryPolicy,
  WireBackend,
  ZkClientOptions,
} from './client/options.js';
export {
  type Acl,
  type AddWatchMode,
  type BasicCreateMode,
  type ClientInfo,
  CREATOR_ALL_ACL,
  type CreateMode,
  type Logger,
  OPEN_ACL_UNSAFE,
  type Op,
  type OpResult,
  Perm,
  READ_ACL_UNSAFE,
  type ReadOp,
  type ReadOpResult,
  type Stat,
  silentLogger,
  type WatchEvent,
  type Watcher,
  type WatcherType,
} from './client/types.js';
export { ZkClient } from './client/zk-client.js';
export {
  AuthFailedError,
  BadVersionError,
  BarrierTimeoutError,
  CacheClosedError,
  CacheOverflowError,
  ChrootMissingError,
  ClientClosedError,
  ConfigParseError,
  ConnectionLossError,
  ConnectTimeoutError,
  CounterError,
  CounterFormatError,
  CounterOutcomeUnknownError,
  CounterTimeoutError,
  DiscoveryClosedError,
  ElectionUsageError,
  errorForCode,
  InvalidAclError,
  isOutcomeUnknown,
  isRetryableReadError,
  LeadershipLostError,
  LeaseExpiredError,
  LockError,
  LockLostError,
  LockTimeoutError,
  LockUsageError,
  NoAuthError,
  NoChildrenForEphemeralsError,
  NodeExistsError,
  NoNodeError,
  NotEmptyError,
  NoWatcherError,
  OperationTimeoutError,
  SessionExpiredError,
  UnimplementedError,
  type UnimplementedErrorOptions,
  UnsupportedOperationError,
  ZkCode,
  type ZkCodeName,
  ZkError,
  type ZkErrorOptions,
  zkCodeName,
} from './errors.js';
// Counters, barriers and group membership (issue 19, part 4)
export type { BarrierWaitOptions } from './recipes/barriers/barrier-options.js';
export { ZkBarrier } from './recipes/barriers/zk-barrier.js';
export {
  READY_NODE,
  ZkDoubleBarrier,
  type ZkDoubleBarrierOptions,
} from './recipes/barriers/zk-double-barrier.js';
export type { ZkCacheOptions } from './recipes/cache/cache-options.js';
export type { WatchConfigOptions } from './recipes/cache/watch-config.js';
export { watchConfig } from './recipes/cache/watch-config.js';
export { type DataValue, type WatchDataOptions, watchData } from './recipes/cache/watch-data.js';
export {
  type CachedNode,
  type CacheEvent,
  type NodeEvent,
  ZkCache,
  type ZkCacheEvents,
} from './recipes/cache/zk-cache.js';
export {
  type AtomicChange,
  type AtomicCompareAndSet,
  AtomicNumber,
} from './recipes/counters/atomic-number.js';
export { WRITE_MARKER_PREFIX } from './recipes/counters/confirmed-write.js';
export {
  type CounterCallOptions,
  DEFAULT_COUNTER_TIMEOUT,
  type ZkCounterOptions,
} from './recipes/counters/counter-options.js';
export { ZkAtomicLong, ZkCounter } from './recipes/counters/zk-atomic-long.js';
export {
  type VersionedCount,
  ZkSharedCount,
  type ZkSharedCountEvents,
  type ZkSharedCountOptions,
} from './recipes/counters/zk-shared-count.js';
export type {
  JsonValue,
  ServiceInstance,
  ServiceInstanceInput,
  ServiceType,
  UriSpecPart,
} from './recipes/discovery/service-instance.js';
export {
  type ProviderOptions,
  type ProviderStrategy,
  ServiceProvider,
  type ServiceProviderEvents,
} from './recipes/discovery/service-provider.js';
export {
  ZkServiceDiscovery,
  type ZkServiceDiscoveryEvents,
} from './recipes/discovery/zk-service-discovery.js';
export {
  type MembershipChange,
  PARTY_MARKER,
  ZkGroupMember,
  type ZkGroupMemberEvents,
  type ZkGroupMemberOptions,
} from './recipes/group/zk-group-member.js';
export {
  MAX_PARTICIPANT_ID_BYTES,
  type RunOptions,
  type WhenLeaderOptions,
  type ZkLeaderElectionOptions,
} from './recipes/leader/election-options.js';
export { ZkLeaderElection, type ZkLeaderElectionEvents } from './recipes/leader/zk-leader-election.js';
export { ZkReadWriteLock } from './recipes/locks/read-write-lock.js';
export {
  type AcquireOptions,
  LockHandle,
  type Participant,
  ZkLock,
  type ZkLockEvents,
  type ZkLockOptions,
} from './recipes/locks/zk-lock.js';
export {
  type Contender,
  type ContenderMode,
  parseContender,
  sortContenders,
} from './recipes/queue/contenders.js';
export { HeldHandle } from './recipes/queue/held-handle.js';
export { Lease } from './recipes/semaphore/lease.js';
export type {
  SemaphoreAcquireOptions,
  ZkSemaphoreBaseOptions,
  ZkSemaphoreOptions,
} from './recipes/semaphore/semaphore-options.js';
export { type SemaphoreParticipant, ZkSemaphore } from './recipes/semaphore/zk-semaphore.js';
