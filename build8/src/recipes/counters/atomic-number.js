import { NoNodeError } from '../../errors.js';
import { checkClient } from '../shared/call.js';
import { attempts, callFor, createIfMissing, ensureParent, forceWrite, } from './attempts.js';
import { confirmedWrite } from './confirmed-write.js';
import { checkCounterPath, resolveCall, resolveRetry, } from './counter-options.js';
export class AtomicNumber {
    codec;
    path;
    client;
    ctx;
    /** @internal ZkAtomicLong and ZkCounter choose the codec. */
    constructor(client, path, codec, options = {}) {
        this.codec = codec;
        this.client = checkClient(client);
        this.path = checkCounterPath(path);
        if (options === null || typeof options !== 'object')
            throw new TypeError('options must be an object');
        this.ctx = {
            client,
            path: this.path,
            logger: options.logger ?? client.logger,
            retry: resolveRetry(options.retry),
        };
    }
    /** The current value; a node that does not exist yet reads as 0 (as Curator's and Kazoo's do). */
    async get(opts) {
        const call = resolveCall(opts);
        return (await this.read(callFor(call))).value;
    }
    /** Adds 1; resolves the values before and after. */
    increment(opts) {
        return this.add(1n, opts);
    }
    /** Subtracts 1. */
    decrement(opts) {
        return this.add(-1n, opts);
    }
    /** Adds `delta` (a bigint or a safe integer); a result outside the encoding's range is a RangeError, not applied. */
    add(delta, opts) {
        const d = this.codec.check('delta', delta);
        return this.change(resolveCall(opts), (pre) => this.codec.check(`${pre} + ${d}`, pre + d));
    }
    /** Subtracts `delta`. */
    subtract(delta, opts) {
        const d = this.codec.check('delta', delta);
        return this.change(resolveCall(opts), (pre) => this.codec.check(`${pre} - ${d}`, pre - d));
    }
    /** Sets `value` whatever the current one is, through the same optimistic loop (Curator's trySet). */
    trySet(value, opts) {
        const v = this.codec.check('value', value);
        return this.change(resolveCall(opts), () => v);
    }
    /**
     * Sets `value` if the current value is `expected` (a missing node counts as 0). Tried again
     * only when another writer changed the node between our read and our write.
     */
    async compareAndSet(expected, value, opts) {
        const want = this.codec.check('expected', expected);
        const v = this.codec.check('value', value);
        let seen;
        const r = await this.change(resolveCall(opts), (pre) => {
            seen = pre;
            return pre === want ? v : undefined;
        });
        if (r)
            return { succeeded: true, ...r };
        return { succeeded: false, preValue: seen, postValue: seen };
    }
    /** Sets `value` with an unversioned write (Curator's forceSet): no atomicity with other changes. */
    async forceSet(value, opts) {
        const data = this.codec.encode(this.codec.check('value', value));
        await forceWrite(this.ctx, resolveCall(opts), data);
    }
    /** Creates the node with `value` if it does not exist (Curator's initialize): true when this call created it. */
    initialize(value, opts) {
        const data = this.codec.encode(this.codec.check('value', value));
        return createIfMissing(this.ctx, resolveCall(opts), data);
    }
    change(call, make) {
        return attempts(this.ctx, call, async () => {
            const cur = await this.read(callFor(call));
            const next = make(cur.value);
            if (next === undefined)
                return undefined;
            const data = this.codec.encode(next);
            if (cur.version < 0)
                await ensureParent(this.ctx, call);
            await confirmedWrite(this.ctx, cur.version < 0 ? { op: 'create', data } : { op: 'setData', data, version: cur.version }, call.deadline, call.signal);
            return { preValue: cur.value, postValue: next };
        });
    }
    async read(call) {
        try {
            const { data, stat } = await this.client.getData(this.path, call);
            return { value: this.codec.decode(this.path, data), version: stat.version };
        }
        catch (e) {
            if (e instanceof NoNodeError)
                return { value: 0n, version: -1 };
            throw e;
        }
    }
}
//# sourceMappingURL=atomic-number.js.map