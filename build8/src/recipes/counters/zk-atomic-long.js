import { AtomicNumber } from './atomic-number.js';
import { INT64, KAZOO_DECIMAL } from './encoding.js';
/**
 * A 64-bit counter on Curator DistributedAtomicLong's node. Values are bigint (numbers that are
 * safe integers are accepted as input); a change whose result would leave the signed 64-bit range
 * is refused with a RangeError (Java's long would wrap around).
 */
export class ZkAtomicLong extends AtomicNumber {
    constructor(client, path, options = {}) {
        super(client, path, INT64, options);
    }
}
/**
 * An integer counter on Kazoo Counter's node (`repr(int)` in ASCII; Kazoo's float counters are
 * refused with a CounterFormatError). Values are bigint, of any size, as Python's int.
 */
export class ZkCounter extends AtomicNumber {
    constructor(client, path, options = {}) {
        super(client, path, KAZOO_DECIMAL, options);
    }
}
//# sourceMappingURL=zk-atomic-long.js.map