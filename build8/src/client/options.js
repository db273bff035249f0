import { parseConnectString } from './connect-string.js';
import { describe } from './paths.js';
import { checkDuration } from './timers.js';
import { OPEN_ACL_UNSAFE, silentLogger, } from './types.js';
const WIRE_BACKENDS = ['node-zookeeper-client', 'built-in'];
/** No server grants less than two ticks; below this a session timeout is a mistake, not a choice. */
const MIN_SESSION_TIMEOUT = 100;
const MAX_DATA = 1024 * 1024;
const CREATE_MODES = [
    'persistent',
    'ephemeral',
    'persistent-sequential',
    'ephemeral-sequential',
    'container',
    'persistent-with-ttl',
    'persistent-sequential-with-ttl',
];
/** EphemeralType.TTL's limit: the TTL shares ephemeralOwner's 64 bits with a marker byte. */
const MAX_TTL = 2 ** 40 - 1;
export function resolveClientOptions(connectString, options) {
    parseConnectString(connectString); // throws a TypeError naming the bad part
    if (options === null || typeof options !== 'object') {
        throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    const auth = options.auth ?? [];
    for (const a of auth) {
        if (!a || typeof a.scheme !== 'string' || a.scheme === '') {
            throw new TypeError(`auth entries need a non-empty scheme, got ${describe(a?.scheme)}`);
        }
    }
    return {
        sessionTimeout: checkSessionTimeout(options.sessionTimeout ?? 10_000),
        connectTimeout: checkDuration('connectTimeout', options.connectTimeout ?? 15_000, { infinite: true }),
        requestTimeout: options.requestTimeout === undefined
            ? undefined
            : checkDuration('requestTimeout', options.requestTimeout, { infinite: true }),
        safetyMargin: options.safetyMargin === undefined
            ? undefined
            : checkDuration('safetyMargin', options.safetyMargin, { zero: true }),
        retry: options.retry === false
            ? false
            : { retries: 3, minTimeout: 50, maxTimeout: 1000, factor: 2, ...options.retry },
        logger: options.logger ?? silentLogger,
        auth,
        acl: options.acl ?? OPEN_ACL_UNSAFE,
        ...checkWireAndTls(options.wire, options.tls),
    };
}
/** TLS options the client sets itself: the servers come from the connect string. */
const TLS_OWN = ['host', 'port', 'path', 'socket'];
function checkWireAndTls(wire, tls) {
    if (tls === undefined)
        return { wire: checkWire(wire), tls: undefined };
    if (tls !== true && (tls === null || typeof tls !== 'object' || Array.isArray(tls))) {
        throw new TypeError(`tls must be true (the system CAs) or an object of node:tls connection options (ca, cert, key, ...), got ${describe(tls)}`);
    }
    const options = tls === true ? {} : { ...tls };
    for (const key of TLS_OWN) {
        if (options[key] !== undefined) {
            throw new TypeError(`tls.${key} must not be set (the servers come from the connect string), got ${describe(options[key])}`);
        }
    }
    if (wire === undefined)
        return { wire: 'built-in', tls: options };
    const backend = checkWire(wire);
    if (backend !== 'built-in') {
        throw new TypeError(`the tls option needs the built-in wire: node-zookeeper-client cannot speak TLS; use wire: 'built-in' (or leave wire out)`);
    }
    return { wire: backend, tls: options };
}
/** The option, else ZK_RECIPES_WIRE (so one test suite runs against either backend), else the default. */
function checkWire(v) {
    if (v !== undefined) {
        if (WIRE_BACKENDS.includes(v))
            return v;
        throw new TypeError(`wire must be 'node-zookeeper-client' or 'built-in', got ${describe(v)}`);
    }
    const env = process.env.ZK_RECIPES_WIRE;
    if (env === undefined || env === '')
        return 'built-in';
    if (WIRE_BACKENDS.includes(env))
        return env;
    throw new TypeError(`the environment variable ZK_RECIPES_WIRE must be 'node-zookeeper-client' or 'built-in', got ${JSON.stringify(env)}`);
}
function checkSessionTimeout(v) {
    // The handshake carries it as a 32-bit int.
    if (typeof v === 'number' && v >= MIN_SESSION_TIMEOUT && v <= 2 ** 31 - 1)
        return v;
    throw new RangeError(`sessionTimeout must be a number of ms from ${MIN_SESSION_TIMEOUT} to ${2 ** 31 - 1} (ZooKeeper grants 2 to 20 ticks, 4 s to 40 s by default), got ${describe(v)}`);
}
export function checkCreateMode(mode) {
    if (!CREATE_MODES.includes(mode))
        throw new TypeError(`unknown create mode ${describe(mode)}`);
    return mode;
}
/** The ttl option: required for the TTL modes, refused for the others. */
export function checkTtl(mode, ttl) {
    const wanted = mode.endsWith('-with-ttl');
    if (ttl === undefined) {
        if (wanted)
            throw new TypeError(`create mode '${mode}' needs a ttl option (ms), got none`);
        return undefined;
    }
    if (!wanted)
        throw new TypeError(`ttl is only for the TTL create modes, not for mode '${mode}'`);
    if (typeof ttl === 'number' && Number.isInteger(ttl) && ttl > 0 && ttl <= MAX_TTL)
        return ttl;
    throw new RangeError(`ttl must be an integer number of ms from 1 to ${MAX_TTL}, got ${describe(ttl)}`);
}
export function checkData(data, optional) {
    if (data === undefined && optional)
        return;
    if (!Buffer.isBuffer(data))
        throw new TypeError(`data must be a Buffer, got ${describe(data)}`);
    if (data.length > MAX_DATA) {
        throw new RangeError(`data is ${data.length} bytes; ZooKeeper's limit is ${MAX_DATA} bytes`);
    }
}
export function checkVersion(version, name = 'version') {
    if (typeof version !== 'number' || !Number.isInteger(version) || version < -1 || version > 0x7fffffff) {
        throw new RangeError(`${name} must be an integer >= -1, got ${describe(version)}`);
    }
}
export function checkCall(opts) {
    if (opts === null || typeof opts !== 'object')
        throw new TypeError(`options must be an object, got ${describe(opts)}`);
    if (opts.timeout !== undefined)
        checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal))
        throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
}
export function checkWatch(opts) {
    checkCall(opts);
    const watch = opts.watch;
    if (watch !== undefined && typeof watch !== 'function')
        throw new TypeError(`watch must be a function, got ${describe(watch)}`);
    return watch;
}
//# sourceMappingURL=options.js.map