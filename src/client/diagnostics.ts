/**
 * What the library tells observers, through `node:diagnostics_channel`: requests, client state
 * changes, lock events and leader elections' terms. Subscribing costs the library nothing when nobody listens (one
 * `hasSubscribers` check per request), and a subscriber sees every request, whatever path it
 * took through the code: the tests and the bench count and steer requests this way instead of
 * patching ZkClient. See docs/observability.md.
 *
 *   import { subscribe } from 'node:diagnostics_channel';
 *   subscribe('zk-recipes:request:end', (m) => histogram.record((m as RequestEnd).durationMs));
 */
import { channel } from 'node:diagnostics_channel';

/** Published when a request is handed to the wire client, before any of its bytes leave. */
export interface RequestStart {
  /** ZooKeeper's name of the operation ('create', 'delete', 'exists', 'getData', 'getChildren', 'setData', 'multi'), or 'ping' for the client's own heartbeat. */
  op: string;
  path: string;
  /** Whether the request sets a watch. */
  watch: boolean;
  /** Hex id of the session it is sent on ('0' before the first handshake). */
  sessionId: string;
}

/**
 * Published when a request settles: answered, failed, timed out or aborted. It is the very object
 * its `RequestStart` was, completed, so an observer can pair the two by identity.
 */
export interface RequestEnd extends RequestStart {
  durationMs: number;
  /** The error it failed with; undefined when it was answered. */
  error: Error | undefined;
}

/** Published on every change of a client's state (the same as its 'state' event). */
export interface StateChange {
  client: object;
  state: string;
  previous: string;
  /** Hex id of the current session, undefined before the first one. */
  sessionId: string | undefined;
}

/** Published for what a lock recipe does: queued, acquired, released, lost. */
export interface LockEvent {
  event: 'queued' | 'acquired' | 'released' | 'lost';
  /** The lock's directory. */
  lock: string;
  /** Our node, once it exists. */
  node: string | undefined;
  fencingToken?: bigint;
  reason?: Error;
}

/** Published for what a leader election does: a term begins (elected) and ends (lost or resigned). */
export interface LeaderEvent {
  /** A term began, was lost (its signal aborted first), or was given up. */
  event: 'elected' | 'lost' | 'resigned';
  /** The election's directory. */
  election: string;
  /** Our participant node. */
  node: string;
  /** Our participant id (our node's data). */
  participantId: string;
  /** The term's fencing token (our node's czxid). */
  fencingToken: bigint;
  /** Why the term was lost. */
  reason?: Error;
}

/** Published for what a semaphore does: a lease acquired, released, or lost (its signal aborted first). */
export interface SemaphoreEvent {
  event: 'acquired' | 'released' | 'lost';
  /** The semaphore's directory. */
  semaphore: string;
  /** Our lease node. */
  node: string;
  /** The lease's fencing token (our node's czxid). */
  fencingToken: bigint;
  /** Why the lease was lost. */
  reason?: Error | undefined;
}

export const CHANNELS = {
  requestStart: 'zk-recipes:request:start',
  requestEnd: 'zk-recipes:request:end',
  state: 'zk-recipes:client:state',
  lock: 'zk-recipes:lock',
  leader: 'zk-recipes:leader',
  semaphore: 'zk-recipes:semaphore',
} as const;

export const requestStart = channel(CHANNELS.requestStart);
export const requestEnd = channel(CHANNELS.requestEnd);
export const stateChange = channel(CHANNELS.state);
export const lockEvent = channel(CHANNELS.lock);
export const leaderEvent = channel(CHANNELS.leader);
export const semaphoreEvent = channel(CHANNELS.semaphore);
