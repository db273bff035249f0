/**
 * How the counter recipes store a value in a node, one codec per foreign recipe:
 *
 *   INT32   Curator SharedCount (and Kazoo's Counter with support_curator=True): 4 bytes, big-endian;
 *           no data means 0 (Kazoo creates the node empty; Curator's SharedCount cannot read that)
 *   INT64   Curator DistributedAtomicLong: 8 bytes, big-endian; no data at all means 0 (as Curator reads it)
 *   DECIMAL Kazoo's Counter: the integer in ASCII decimal (`repr(int)`); no data means 0 (Kazoo's default)
 *
 * Decoding is strict: any other length or text is a CounterFormatError naming the path and the
 * bytes, never a silently wrong number (Curator's DistributedAtomicLong reads the first 8 bytes
 * of a longer node; we refuse it).
 */
import { describe } from '../../client/paths.js';
import { CounterFormatError } from '../../errors.js';
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
function shown(data) {
    const hex = data.subarray(0, 16).toString('hex');
    return data.length === 0 ? 'no data' : `0x${hex}${data.length > 16 ? '…' : ''}`;
}
function formatError(path, data, expected) {
    return new CounterFormatError(`counter node ${path} holds ${data.length} bytes (${shown(data)}); expected ${expected}`, path, data);
}
/** Curator SharedCount's encoding: a signed 32-bit int, 4 bytes big-endian. */
export const INT32 = {
    what: 'a 4-byte big-endian int (Curator SharedCount), or no data for 0',
    encode(value) {
        const b = Buffer.alloc(4);
        b.writeInt32BE(value);
        return b;
    },
    decode(path, data) {
        if (data.length === 0)
            return 0;
        if (data.length !== 4)
            throw formatError(path, data, INT32.what);
        return data.readInt32BE(0);
    },
    check(name, value) {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
            throw new RangeError(`${name} must be an integer from ${INT32_MIN} to ${INT32_MAX}, got ${describe(value)}`);
        }
        return value;
    },
};
/** A bigint, or a number that is a safe integer, as a bigint; `min`/`max` bound it when given. */
function checkBigInt(name, value, min, max) {
    let v;
    if (typeof value === 'bigint')
        v = value;
    else if (typeof value === 'number' && Number.isSafeInteger(value))
        v = BigInt(value);
    if (v === undefined) {
        throw new TypeError(`${name} must be a bigint or a safe integer number, got ${describe(value)}`);
    }
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
        throw new RangeError(`${name} must be from ${min} to ${max} (a signed 64-bit long), got ${v}`);
    }
    return v;
}
/** Curator DistributedAtomicLong's encoding: a signed 64-bit long, 8 bytes big-endian; empty is 0. */
export const INT64 = {
    what: 'an 8-byte big-endian long (Curator DistributedAtomicLong), or no data for 0',
    encode(value) {
        const b = Buffer.alloc(8);
        b.writeBigInt64BE(value);
        return b;
    },
    decode(path, data) {
        if (data.length === 0)
            return 0n;
        if (data.length !== 8)
            throw formatError(path, data, INT64.what);
        return data.readBigInt64BE(0);
    },
    check: (name, value) => checkBigInt(name, value, INT64_MIN, INT64_MAX),
};
/** The longest decimal we read: ZooKeeper would hold more, but no counter needs it. */
const MAX_DECIMAL_DIGITS = 4096;
const DECIMAL = /^-?\d+$/;
/** Kazoo Counter's encoding for an int: `repr(value)` in ASCII; empty is 0 (its default). */
export const KAZOO_DECIMAL = {
    what: "an integer in ASCII decimal (Kazoo's Counter), or no data for 0",
    encode: (value) => Buffer.from(value.toString(), 'ascii'),
    decode(path, data) {
        if (data.length === 0)
            return 0n;
        const text = data.toString('latin1');
        if (data.length > MAX_DECIMAL_DIGITS + 1 || !DECIMAL.test(text)) {
            throw formatError(path, data, KAZOO_DECIMAL.what);
        }
        return BigInt(text);
    },
    check: (name, value) => checkBigInt(name, value),
};
//# sourceMappingURL=encoding.js.map