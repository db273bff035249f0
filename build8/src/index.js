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
export { parseConnectString } from './client/connect-string.js';
export { CHANNELS, } from './client/diagnostics.js';
export { CREATOR_ALL_ACL, OPEN_ACL_UNSAFE, Perm, READ_ACL_UNSAFE, silentLogger, } from './client/types.js';
export { ZkClient } from './client/zk-client.js';
export { AuthFailedError, BadVersionError, BarrierTimeoutError, CacheClosedError, CacheOverflowError, ChrootMissingError, ClientClosedError, ConfigParseError, ConnectionLossError, ConnectTimeoutError, CounterError, CounterFormatError, CounterOutcomeUnknownError, CounterTimeoutError, DiscoveryClosedError, ElectionUsageError, errorForCode, InvalidAclError, isOutcomeUnknown, isRetryableReadError, LeadershipLostError, LeaseExpiredError, LockError, LockLostError, LockTimeoutError, LockUsageError, NoAuthError, NoChildrenForEphemeralsError, NodeExistsError, NoNodeError, NotEmptyError, NoWatcherError, OperationTimeoutError, SessionExpiredError, UnimplementedError, UnsupportedOperationError, ZkCode, ZkError, zkCodeName, } from './errors.js';
export { ZkBarrier } from './recipes/barriers/zk-barrier.js';
export { READY_NODE, ZkDoubleBarrier, } from './recipes/barriers/zk-double-barrier.js';
export { watchConfig } from './recipes/cache/watch-config.js';
export { watchData } from './recipes/cache/watch-data.js';
export { ZkCache, } from './recipes/cache/zk-cache.js';
export { AtomicNumber, } from './recipes/counters/atomic-number.js';
export { WRITE_MARKER_PREFIX } from './recipes/counters/confirmed-write.js';
export { DEFAULT_COUNTER_TIMEOUT, } from './recipes/counters/counter-options.js';
export { ZkAtomicLong, ZkCounter } from './recipes/counters/zk-atomic-long.js';
export { ZkSharedCount, } from './recipes/counters/zk-shared-count.js';
export { ServiceProvider, } from './recipes/discovery/service-provider.js';
export { ZkServiceDiscovery, } from './recipes/discovery/zk-service-discovery.js';
export { PARTY_MARKER, ZkGroupMember, } from './recipes/group/zk-group-member.js';
export { MAX_PARTICIPANT_ID_BYTES, } from './recipes/leader/election-options.js';
export { ZkLeaderElection } from './recipes/leader/zk-leader-election.js';
export { ZkReadWriteLock } from './recipes/locks/read-write-lock.js';
export { LockHandle, ZkLock, } from './recipes/locks/zk-lock.js';
export { parseContender, sortContenders, } from './recipes/queue/contenders.js';
export { HeldHandle } from './recipes/queue/held-handle.js';
export { Lease } from './recipes/semaphore/lease.js';
export { ZkSemaphore } from './recipes/semaphore/zk-semaphore.js';
//# sourceMappingURL=index.js.map