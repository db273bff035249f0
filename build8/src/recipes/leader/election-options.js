/** What an election takes: its options, checked at the API's edge with the bad value named. */
import { describe, validatePath } from '../../client/paths.js';
import { checkDuration } from '../../client/timers.js';
import { defaultIdentifier } from '../locks/lock-options.js';
/**
 * ZooKeeper refuses a request over jute.maxbuffer (1 MiB less one byte by default); our node's
 * create carries its path, ACL and header besides the id, so leave them 4 KiB.
 */
export const MAX_PARTICIPANT_ID_BYTES = 1024 * 1024 - 4096;
export function checkParticipantId(id) {
    const value = id ?? defaultIdentifier();
    if (typeof value !== 'string')
        throw new TypeError(`participantId must be a string, got ${describe(value)}`);
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > MAX_PARTICIPANT_ID_BYTES) {
        throw new RangeError(`participantId is ${bytes} bytes (UTF-8); the limit is ${MAX_PARTICIPANT_ID_BYTES} (ZooKeeper's 1 MiB request limit, less room for the request's path and header)`);
    }
    return value;
}
export function checkRoot(root) {
    const value = root ?? '/elections';
    validatePath(value, 'root');
    return value;
}
export function checkBoolean(name, v) {
    if (v !== undefined && typeof v !== 'boolean')
        throw new TypeError(`${name} must be a boolean, got ${describe(v)}`);
    return v;
}
export function checkSignal(v) {
    if (v !== undefined && !(v instanceof AbortSignal)) {
        throw new TypeError(`signal must be an AbortSignal, got ${describe(v)}`);
    }
    return v;
}
function checkObject(what, v) {
    if (v === undefined)
        return {};
    if (v === null || typeof v !== 'object')
        throw new TypeError(`${what} must be an options object, got ${describe(v)}`);
    return v;
}
/** whenLeader's options; a timeout of Infinity means none. */
export function checkWhenLeaderOptions(v) {
    const o = checkObject('whenLeader() options', v);
    let timeout = o['timeout'] === undefined
        ? undefined
        : checkDuration('timeout', o['timeout'], { zero: true, infinite: true });
    if (timeout === Number.POSITIVE_INFINITY)
        timeout = undefined;
    return { timeout, signal: checkSignal(o['signal']) };
}
export function checkRunOptions(v) {
    const o = checkObject('run() options', v);
    return { requeue: checkBoolean('requeue', o['requeue']) ?? false, signal: checkSignal(o['signal']) };
}
//# sourceMappingURL=election-options.js.map