/**
 * What a lock takes: its options, checked at the API's edge with the bad value named, and how
 * another lock kind (the read/write lock's sides) plugs its rules into ZkLock.
 */
import { hostname } from 'node:os';
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration } from '../../client/timers.js';
/**
 * @internal The key under which another lock kind (the read/write lock's sides) hands its rules to
 * the ZkLock it builds, in the options: kept out of the public constructor and options type.
 */
export const LOCK_RULES = Symbol('zk-recipes.lockRules');
const MAX_NAME = 1000;
let processIdentifier;
/** `<hostname>:<pid>`, computed once: os.hostname() is a system call, and locks are made per use. */
export function defaultIdentifier() {
    processIdentifier ??= `${hostname()}:${process.pid}`;
    return processIdentifier;
}
/** A queue's name (a lock's, an election's): one path segment; `what` names it in the error. */
export function validateLockName(name, what = 'lock name') {
    if (typeof name !== 'string' || name === '') {
        throw new TypeError(`${what} must be a non-empty string, got ${describe(name)}`);
    }
    if (name.includes('/'))
        throw new TypeError(`${what} ${JSON.stringify(name)} must not contain '/'`);
    if (name.includes('\0'))
        throw new TypeError(`${what} ${JSON.stringify(name)} must not contain NUL`);
    if (name === '.' || name === '..')
        throw new TypeError(`${what} ${JSON.stringify(name)} is not allowed`);
    if (name.length > MAX_NAME) {
        throw new TypeError(`${what} is ${name.length} characters; the limit is ${MAX_NAME}`);
    }
    validatePath(`/${name}`, what);
}
export function normalizeOptions(arg) {
    if (arg !== undefined && typeof arg !== 'number' && (arg === null || typeof arg !== 'object')) {
        throw new TypeError(`expected a timeout in ms or an options object, got ${describe(arg)}`);
    }
    const opts = typeof arg === 'object' ? { ...arg } : { timeout: arg };
    if (opts.timeout !== undefined) {
        checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
        if (opts.timeout === Number.POSITIVE_INFINITY)
            opts.timeout = undefined;
    }
    if (opts.lease !== undefined)
        checkDuration('lease', opts.lease);
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
        throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
    }
    opts.signal?.throwIfAborted();
    return opts;
}
//# sourceMappingURL=lock-options.js.map