/**
 * watchData: one node's value as an async iterator: the value now, then each newer one. Values,
 * not events: a consumer that is slower than the changes gets the newest value next, never a
 * backlog (what configuration wants). On the built-in wire it is a ZkCache of the node alone
 * (one persistent watch); on node-zookeeper-client, which has no persistent watches, one-shot
 * watches re-armed by each read: a change between a fire and the re-read is not lost, since
 * the re-read returns the newest value, and only intermediate values are skipped, as here anyway.
 */
import { checkCall } from '../../client/options.js';
import { validatePath } from '../../client/paths.js';
import { retrying, UNTIL_SESSION_ENDS } from '../../client/retry.js';
import { ZkClient } from '../../client/zk-client.js';
import { CacheClosedError, ClientClosedError, isOutcomeUnknown, NoNodeError, SessionExpiredError, UnsupportedOperationError, } from '../../errors.js';
import { ZkCache } from './zk-cache.js';
/**
 * The node's value now (null when it does not exist), then each newer value, until `signal`
 * aborts, the loop breaks or the client closes. Works on both wire backends (docs/cache.md).
 *
 * ```ts
 * for await (const v of watchData(client, '/app/flag')) console.log(v?.data.toString());
 * ```
 */
export function watchData(client, path, opts = {}) {
    if (!(client instanceof ZkClient))
        throw new TypeError(`client must be a ZkClient, got ${Object.prototype.toString.call(client)}`);
    validatePath(path);
    checkCall(opts);
    return values(client, path, opts.signal);
}
async function* values(client, path, signal) {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted)
        stop.abort();
    const latest = new Latest();
    const producing = produce(client, path, latest, stop.signal);
    try {
        for (;;) {
            const next = await latest.take(stop.signal);
            if (!next)
                break;
            yield next.value;
        }
    }
    finally {
        signal?.removeEventListener('abort', onAbort);
        stop.abort();
        await producing;
    }
    if (latest.error)
        throw latest.error;
}
async function produce(client, path, latest, stop) {
    try {
        const refused = await viaCache(client, path, latest, stop);
        if (refused)
            await viaOneShotWatches(client, path, latest, stop);
    }
    catch (e) {
        if (!stop.aborted && !(e instanceof ClientClosedError) && !(e instanceof CacheClosedError))
            return latest.end(e);
    }
    latest.end();
}
/** The built-in wire: a cache of the node alone. True when the backend has no persistent watches. */
async function viaCache(client, path, latest, stop) {
    if (stop.aborted)
        return false;
    const cache = new ZkCache(client, path, { maxDepth: 0 });
    const feed = cache.events({ bufferSize: 1000 }); // drained at once below: never near full
    const onStop = () => void cache.close();
    stop.addEventListener('abort', onStop, { once: true });
    const starting = cache.start().then(() => undefined, (e) => e);
    let ready = false;
    try {
        for await (const e of feed) {
            if (e.type === 'initialized')
                ready = true;
            if (!ready || e.type === 'rebuilt')
                continue; // the node's events just before told it
            const node = cache.get(path);
            latest.set(node ? { data: node.data, stat: node.stat } : null);
        }
    }
    finally {
        stop.removeEventListener('abort', onStop);
        await cache.close();
    }
    const err = await starting;
    if (err instanceof UnsupportedOperationError)
        return true;
    if (err !== undefined)
        throw err;
    return false;
}
/** node-zookeeper-client: a one-shot watch set by each read, and a read after each fire. */
async function viaOneShotWatches(client, path, latest, stop) {
    let last;
    while (!stop.aborted) {
        let fire;
        const fired = new Promise((resolve) => {
            fire = resolve;
        });
        const call = { signal: stop, watch: () => fire() };
        const value = await retrying(async () => {
            try {
                return await client.getData(path, call);
            }
            catch (e) {
                if (!(e instanceof NoNodeError))
                    throw e;
                // No data watch is set on a missing node: exists() sets one that fires on its creation.
                return (await client.exists(path, call)) ? undefined : null;
            }
        }, {
            policy: UNTIL_SESSION_ENDS,
            signal: stop,
            again: (e) => isOutcomeUnknown(e) || e instanceof SessionExpiredError,
        });
        if (value === undefined)
            continue; // created between the two reads: read it
        if (!sameValue(last, value))
            latest.set(value);
        last = value;
        await new Promise((resolve) => {
            const onStop = () => resolve();
            stop.addEventListener('abort', onStop, { once: true });
            void fired.then(() => {
                stop.removeEventListener('abort', onStop);
                resolve();
            });
        });
    }
}
function sameValue(a, b) {
    if (a === undefined)
        return false;
    if (a === null || b === null)
        return a === b;
    return a.stat.czxid === b.stat.czxid && a.stat.mzxid === b.stat.mzxid;
}
/** One slot: the newest value not yet taken; older untaken values are replaced. */
class Latest {
    value;
    ended = false;
    wake;
    error;
    set(value) {
        this.value = { value };
        this.wake?.();
    }
    end(error) {
        if (this.ended)
            return;
        this.ended = true;
        this.error = error;
        this.wake?.();
    }
    /** The next value; undefined once ended (or `signal` aborted) and nothing is left. */
    async take(signal) {
        for (;;) {
            const v = this.value;
            if (v) {
                this.value = undefined;
                return v;
            }
            if (this.ended || signal.aborted)
                return undefined;
            await new Promise((resolve) => {
                const onAbort = () => resolve();
                signal.addEventListener('abort', onAbort, { once: true });
                this.wake = () => {
                    signal.removeEventListener('abort', onAbort);
                    resolve();
                };
            });
            this.wake = undefined;
        }
    }
}
//# sourceMappingURL=watch-data.js.map