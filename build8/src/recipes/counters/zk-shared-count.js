/**
 * ZkSharedCount: a shared int on Curator SharedCount's node (4 bytes, big-endian; also Kazoo's
 * Counter with support_curator=True). Changes are versioned: `trySetCount(value, version)`
 * applies only if nobody changed the node since that version was read. Every write is confirmed
 * (confirmed-write.ts), so a lost answer never leaves `trySetCount` guessing.
 *
 *   const count = new ZkSharedCount(client, '/config/workers', { seed: 4 });
 *   const { value, version } = await count.get();
 *   if (!(await count.trySetCount(value + 1, version))) ... // someone else changed it first
 *   for await (const { value } of count.values({ signal })) resize(value);
 */
import { EventEmitter } from 'node:events';
import { describe } from '../../client/paths.js';
import { BadVersionError, isOutcomeUnknown, NoNodeError } from '../../errors.js';
import { checkClient } from '../shared/call.js';
import { lookEach } from '../shared/watch-loop.js';
import { attempts, callFor, createIfMissing, forceWrite } from './attempts.js';
import { confirmedWrite } from './confirmed-write.js';
import { checkCounterPath, resolveCall, resolveRetry, } from './counter-options.js';
import { INT32 } from './encoding.js';
export class ZkSharedCount extends EventEmitter {
    path;
    seed;
    client;
    ctx;
    watching;
    constructor(client, path, options = {}) {
        super();
        this.client = checkClient(client);
        this.path = checkCounterPath(path);
        if (options === null || typeof options !== 'object') {
            throw new TypeError(`options must be an object, got ${describe(options)}`);
        }
        this.seed = INT32.check('seed', options.seed ?? 0);
        this.ctx = {
            client,
            path: this.path,
            logger: options.logger ?? client.logger,
            retry: resolveRetry(options.retry),
        };
    }
    /** The count and its version, read from the server; a missing node is created with the seed first. */
    async get(opts) {
        const call = resolveCall(opts);
        for (;;) {
            try {
                const { data, stat } = await this.client.getData(this.path, callFor(call));
                return { value: INT32.decode(this.path, data), version: stat.version };
            }
            catch (e) {
                if (!(e instanceof NoNodeError))
                    throw e;
                await createIfMissing(this.ctx, call, INT32.encode(this.seed));
            }
        }
    }
    /** The count alone. */
    async getCount(opts) {
        return (await this.get(opts)).value;
    }
    /**
     * Sets `value` if the node is still at `version` (from `get()` or an event): true when set,
     * false when someone changed it since (read it again). A lost answer is resolved, not guessed.
     */
    async trySetCount(value, version, opts) {
        const data = INT32.encode(INT32.check('value', value));
        if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version > 0x7fffffff) {
            throw new RangeError(`version must be a node version (an integer >= 0) from get(), got ${describe(version)}`);
        }
        const call = resolveCall(opts);
        try {
            // Tried again only when shown not applied (the same versioned write, so at most once).
            await attempts(this.ctx, call, () => confirmedWrite(this.ctx, { op: 'setData', data, version }, call.deadline, call.signal), isOutcomeUnknown);
            return true;
        }
        catch (e) {
            if (e instanceof BadVersionError || e instanceof NoNodeError)
                return false;
            throw e;
        }
    }
    /** Sets `value` whatever the current version (Curator's setCount); creates the node when missing. */
    async setCount(value, opts) {
        await forceWrite(this.ctx, resolveCall(opts), INT32.encode(INT32.check('value', value)));
    }
    /**
     * The count now, then each newer version as it is seen, until `signal` aborts or the loop
     * breaks. A deleted node is waited for; a node that is not a count throws CounterFormatError.
     */
    values(opts = {}) {
        if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
            throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
        }
        return this.follow(opts.signal, true);
    }
    [Symbol.asyncIterator]() {
        return this.values();
    }
    /**
     * Starts emitting `change` for every newer version seen (the current one first); resolves
     * once the first value was read. `close()` stops it.
     */
    async start() {
        if (this.watching)
            throw new Error(`the shared count ${this.path} is already started`);
        const first = await this.get();
        const watching = new AbortController();
        this.watching = watching;
        void (async () => {
            try {
                for await (const count of this.follow(watching.signal, false, first.version))
                    this.emit('change', count);
            }
            catch (e) {
                if (!watching.signal.aborted && this.client.state !== 'closed')
                    this.report(e);
            }
        })();
        return first;
    }
    /** Stops what `start()` began; idempotent. */
    close() {
        this.watching?.abort();
        this.watching = undefined;
    }
    follow(signal, strict, afterVersion) {
        // A node is known by its czxid and version: a recreated node starts at version 0 again.
        let last;
        const look = async (watch, call) => {
            try {
                return this.decoded(await this.client.getData(this.path, { ...call, watch }));
            }
            catch (e) {
                if (!(e instanceof NoNodeError))
                    throw e;
                // Gone: wait for it to come back (the exists watch fires on its creation and its changes).
                if (!(await this.client.exists(this.path, { ...call, watch })))
                    return null;
                // Created between the two reads: look again at once (the exists watch is set).
                return this.client.getData(this.path, call).then((r) => this.decoded(r), (e2) => (e2 instanceof NoNodeError ? null : Promise.reject(e2)));
            }
        };
        const seen = lookEach(this.client, look, (s) => s !== null, signal);
        const self = this;
        return (async function* () {
            for await (const s of seen) {
                if (s instanceof Error) {
                    if (strict)
                        throw s;
                    self.report(s);
                    continue;
                }
                if (s === null || s.key === last)
                    continue;
                const first = last === undefined;
                last = s.key;
                if (first && s.count.version === afterVersion)
                    continue; // start() already returned it
                yield s.count;
            }
        })();
    }
    decoded({ data, stat }) {
        try {
            return {
                count: { value: INT32.decode(this.path, data), version: stat.version },
                key: `${stat.czxid}:${stat.version}`,
            };
        }
        catch (e) {
            return e;
        }
    }
    report(err) {
        if (this.listenerCount('error') > 0)
            this.emit('error', err);
        else
            this.ctx.logger.error(`[zk-recipes] shared count ${this.path}:`, err);
    }
}
//# sourceMappingURL=zk-shared-count.js.map