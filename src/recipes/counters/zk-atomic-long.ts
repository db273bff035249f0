/**
 * ZkAtomicLong: Curator DistributedAtomicLong's node (8 bytes, big-endian; none means 0), and
 * ZkCounter: Kazoo Counter's node (the integer in ASCII decimal). Both change by optimistic
 * compare-and-set with every write confirmed (atomic-number.ts), values as bigint.
 *
 *   const hits = new ZkAtomicLong(client, '/counters/hits');
 *   const { postValue } = await hits.increment({ timeout: 5_000 });
 */
import type { ZkClient } from '../../client/zk-client.js';
import { AtomicNumber } from './atomic-number.js';
import type { ZkCounterOptions } from './counter-options.js';
import { INT64, KAZOO_DECIMAL } from './encoding.js';

/**
 * A 64-bit counter on Curator DistributedAtomicLong's node. Values are bigint (numbers that are
 * safe integers are accepted as input); a change whose result would leave the signed 64-bit range
 * is refused with a RangeError (Java's long would wrap around).
 */
export class ZkAtomicLong extends AtomicNumber {
  constructor(client: ZkClient, path: string, options: ZkCounterOptions = {}) {
    super(client, path, INT64, options);
  }
}

/**
 * An integer counter on Kazoo Counter's node (`repr(int)` in ASCII; Kazoo's float counters are
 * refused with a CounterFormatError). Values are bigint, of any size, as Python's int.
 */
export class ZkCounter extends AtomicNumber {
  constructor(client: ZkClient, path: string, options: ZkCounterOptions = {}) {
    super(client, path, KAZOO_DECIMAL, options);
  }
}
