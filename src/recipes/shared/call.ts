/** What the counter, barrier and group recipes check and pass to every request. */
import type { CallOptions } from '../../client/options.js';
import { describe } from '../../client/paths.js';
import { msUntil } from '../../client/timers.js';
import type { ZkClient } from '../../client/zk-client.js';
import { REQUEST_GRACE_MS } from '../queue/directories.js';

export function checkClient(client: unknown): ZkClient {
  if (!client || typeof (client as ZkClient).multi !== 'function') {
    throw new TypeError(`client must be a ZkClient, got ${describe(client)}`);
  }
  return client as ZkClient;
}

/** A request's bound: `signal`, and the time to `deadline` plus REQUEST_GRACE_MS (an attempt begun in time gets its answer). */
export function callUntil(deadline: number, signal: AbortSignal | undefined): CallOptions {
  const call: CallOptions = signal ? { signal } : {};
  if (deadline !== Number.POSITIVE_INFINITY) call.timeout = msUntil(deadline) + REQUEST_GRACE_MS;
  return call;
}
