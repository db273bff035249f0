/**
 * The adapter to node-zookeeper-client 1.1.3 (pinned): one `WireSession` is one wire client,
 * which is one ZooKeeper session. It turns callbacks into typed results and mends what the
 * package gets wrong; session truth (liveness, deadlines, expiry) is ZkClient's job, not this file's.
 *
 * Internals relied on (covered by test/client/wire.test.ts):
 * - `lib/Exception.js`'s `create` is looked up per call, so replacing it stops an unknown
 *   server code from throwing inside the socket handler;
 * - `connectionManager.socket`: destroying it makes the client reconnect with the same session;
 * - `connectionManager.connect` / `.state`: a disposed client must never dial again;
 * - `Transaction#ops[i].version`: the package turns version 0 into -1, so it is set back;
 * - `connectionManager.zxid`: set from each reply header before the request's callback runs,
 *   so inside a create's callback it is the new node's czxid (no extra round trip for it);
 * - `connectionManager.packetQueue` / `pendingQueue` / `xid` / `onPacketQueueReadable`: the
 *   send loop, replaced by one that writes all requests queued in one tick at once;
 * - `connectionManager.queue` / `chrootPath` and jute's `Record#byteLength`: a request larger
 *   than the server takes (jute.maxbuffer) fails there with a RangeError instead of being sent;
 * - `connectionManager.onSocketData` (bound at each connect), `pendingBuffer`, `pendingQueue[0]
 *   .callback`: replies are framed per socket by us and handed to the package's parser one whole
 *   frame at a time; a bad frame or a parser error drops the connection instead of throwing.
 * (The last three are in wire-io.ts; hostile-server.test.ts covers them.)
 */
import { createRequire } from 'node:module';
import { errorForCode } from '../errors.js';
import { after } from './timers.js';
import { MAX_FRAME_BYTES, MAX_REQUEST_BYTES, patchIo } from './wire-io.js';
const require = createRequire(import.meta.url);
const zookeeper = require('node-zookeeper-client');
const WireException = require('node-zookeeper-client/lib/Exception.js');
const CM_STATES = require('node-zookeeper-client/lib/ConnectionManager.js').STATES;
// The package's `create` validates the code (a code newer than ZooKeeper 3.4 throws inside the
// socket's data handler and crashes the process) and captures a stack trace that only shows
// the socket handler. Exceptions are built plainly instead: any code, no stack capture (it was
// a tenth of the CPU of a busy lock client). ZkClient turns them into its own typed errors.
const WIRE_CODE_NAMES = new Map(Object.entries(WireException).flatMap(([name, code]) => (typeof code === 'number' ? [[code, name]] : [])));
if (!WireException.create.__zkRecipesPlain) {
    const plain = (code, path) => {
        const e = Object.create(WireException.prototype);
        const name = WIRE_CODE_NAMES.get(code) ?? `UNKNOWN_${Math.abs(code)}`;
        Object.assign(e, { code, name, path, message: `Exception: ${name}[${code}]${path ? `@${path}` : ''}` });
        return e;
    };
    plain.__zkRecipesPlain = true;
    WireException.create = plain;
}
const MODES = {
    persistent: 0,
    ephemeral: 1,
    'persistent-sequential': 2,
    'ephemeral-sequential': 3,
};
const EVENT_TYPES = {
    1: 'nodeCreated',
    2: 'nodeDeleted',
    3: 'nodeDataChanged',
    4: 'nodeChildrenChanged',
};
// Multi op codes (jute OP_CODES) used to read transaction results.
const OP = { CREATE: 1, DELETE: 2, SET_DATA: 5, CHECK: 13, ERROR: -1 };
function long(value) {
    if (Buffer.isBuffer(value))
        return value.readBigInt64BE(0);
    return BigInt(value ?? 0);
}
function toStat(s) {
    return {
        czxid: long(s.czxid),
        mzxid: long(s.mzxid),
        pzxid: long(s.pzxid),
        ctime: long(s.ctime),
        mtime: long(s.mtime),
        version: s.version,
        cversion: s.cversion,
        aversion: s.aversion,
        ephemeralOwner: long(s.ephemeralOwner),
        dataLength: s.dataLength,
        numChildren: s.numChildren,
    };
}
function toWireAcl(acl) {
    return acl.map((a) => new zookeeper.ACL(a.perms, new zookeeper.Id(a.scheme, a.id)));
}
/**
 * Builds an error without capturing a stack: created in a socket callback, the stack would show
 * only the package's data handler, and capturing it costs more than the request itself.
 */
function withoutStack(make) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return make();
    }
    finally {
        Error.stackTraceLimit = limit;
    }
}
function mapError(err, path) {
    if (err instanceof RangeError)
        return { error: err, answered: false }; // from the size check
    return withoutStack(() => mapErrorCode(err, path));
}
function mapErrorCode(err, path) {
    const code = typeof err?.getCode === 'function' ? err.getCode() : undefined;
    if (typeof code !== 'number') {
        // Not a ZooKeeper exception (an assertion in the package): report it as a client-side error.
        const error = errorForCode(-8, { path, cause: err });
        return { error, answered: false };
    }
    // CONNECTION_LOSS and SESSION_EXPIRED are produced by the client itself, not by a server answer.
    const answered = code !== -4 && code !== -112;
    return { error: errorForCode(code, { path, cause: err }), answered };
}
/** The Wire of node-zookeeper-client 1.1.3. */
export class WireSession {
    keepsAlive = false;
    client;
    disposed = false;
    constructor(connectString, opts) {
        this.client = zookeeper.createClient(connectString, {
            sessionTimeout: opts.sessionTimeout,
            spinDelay: opts.spinDelay,
            retries: 0,
        });
        for (const a of opts.auth) {
            const buf = Buffer.isBuffer(a.credentials) ? a.credentials : Buffer.from(a.credentials);
            this.client.addAuthInfo(a.scheme, buf);
        }
        this.client.on('connected', () => opts.onState('connected'));
        this.client.on('disconnected', () => !this.disposed && opts.onState('disconnected'));
        this.client.on('expired', () => opts.onState('expired'));
        this.client.on('authenticationFailed', () => opts.onState('authFailed'));
        patchIo(this.client.connectionManager, {
            maxRequestBytes: opts.maxRequestBytes ?? MAX_REQUEST_BYTES,
            maxFrameBytes: opts.maxFrameBytes ?? MAX_FRAME_BYTES,
            onError: (e) => !this.disposed && (opts.onError ?? process.emitWarning)(e),
        });
    }
    connect() {
        this.client.connect();
    }
    get connected() {
        return !this.disposed && this.client.connectionManager.state === CM_STATES.CONNECTED;
    }
    /** Hex session id, '0' before the first handshake. */
    get sessionId() {
        return this.client.getSessionId().toString('hex');
    }
    /** The session timeout the server granted (the requested one before the handshake). */
    get negotiatedTimeout() {
        return this.client.getSessionTimeout();
    }
    /** Drops the current TCP connection; the wire client reconnects with the same session. */
    kick() {
        if (this.disposed)
            return;
        this.client.connectionManager.socket?.destroy();
    }
    /** Sends closeSession (when connected) so the server removes our ephemeral nodes at once. */
    closeSession(timeoutMs) {
        if (this.disposed || !this.connected)
            return Promise.resolve();
        return new Promise((resolve) => {
            const cm = this.client.connectionManager;
            const done = () => {
                timer.clear();
                cm.removeListener('state', onState);
                resolve();
            };
            const onState = (s) => s === CM_STATES.CLOSED && done();
            const timer = after(timeoutMs, done);
            cm.on('state', onState);
            this.client.close();
        });
    }
    /** Stops the wire client for good: no reconnects, no timers, no sockets. Idempotent. */
    dispose() {
        if (this.disposed)
            return;
        this.disposed = true;
        const cm = this.client.connectionManager;
        cm.connect = () => { };
        clearTimeout(cm.connectTimeoutHandler);
        // A reconnect already scheduled (spin delay) assigns a new socket: destroy it on arrival.
        let current = cm.socket;
        Object.defineProperty(cm, 'socket', {
            configurable: true,
            get: () => current,
            set: (s) => {
                current = s;
                s.destroy();
                queueMicrotask(() => clearTimeout(cm.connectTimeoutHandler));
            },
        });
        cm.setState(CM_STATES.CLOSED);
        current?.destroy();
    }
    create(path, data, acl, mode, cb) {
        const cm = this.client.connectionManager;
        this.client.create(path, data ?? null, toWireAcl(acl), MODES[mode], 
        // The reply header's zxid (stored by the connection manager just before this callback
        // runs, synchronously) is the create's transaction id: the new node's czxid.
        this.wrap(path, cb, (p) => ({ path: p, czxid: long(cm.zxid) })));
    }
    remove(path, version, cb) {
        this.client.remove(path, version, this.wrap(path, cb, () => undefined));
    }
    exists(path, watch, cb) {
        const args = [path];
        if (watch)
            args.push(this.watcher(watch));
        this.client.exists(...args, this.wrap(path, cb, (stat) => (stat ? toStat(stat) : null)));
    }
    getData(path, watch, cb) {
        const args = [path];
        if (watch)
            args.push(this.watcher(watch));
        this.client.getData(...args, this.wrap(path, cb, (data, stat) => ({
            data: data ?? Buffer.alloc(0),
            stat: toStat(stat),
        })));
    }
    getChildren(path, watch, cb) {
        const args = [path];
        if (watch)
            args.push(this.watcher(watch));
        this.client.getChildren(...args, this.wrap(path, cb, (children, stat) => ({ children, stat: toStat(stat) })));
    }
    setData(path, data, version, cb) {
        this.client.setData(path, data, version, this.wrap(path, cb, (stat) => toStat(stat)));
    }
    multi(ops, defaultAcl, cb) {
        const tx = this.client.transaction();
        for (const op of ops) {
            switch (op.op) {
                case 'create':
                    tx.create(op.path, op.data ?? null, toWireAcl(op.acl ?? defaultAcl), MODES[(op.mode ?? 'persistent')]);
                    break;
                case 'delete':
                    tx.remove(op.path, -1);
                    break;
                case 'setData':
                    tx.setData(op.path, op.data, -1);
                    break;
                case 'check':
                    tx.check(op.path, -1);
                    break;
            }
            // The package replaces version 0 with -1 (no check); put the caller's version back.
            if (op.op !== 'create')
                tx.ops[tx.ops.length - 1].version = op.version ?? -1;
        }
        tx.commit((err, results) => {
            if (err) {
                const failed = results?.findIndex((r) => r.type === OP.ERROR && r.err !== 0) ?? -1;
                const path = failed >= 0 ? ops[failed]?.path : undefined;
                const mapped = mapError(err, path);
                Object.assign(mapped.error, { opIndex: failed });
                cb({ ok: false, ...mapped });
                return;
            }
            cb({
                ok: true,
                value: results.map((r) => {
                    switch (r.type) {
                        case OP.CREATE:
                            return { op: 'create', path: r.path };
                        case OP.DELETE:
                            return { op: 'delete' };
                        case OP.SET_DATA:
                            return { op: 'setData', stat: toStat(r.stat) };
                        default:
                            return { op: 'check' };
                    }
                }),
            });
        });
    }
    wrap(path, cb, map) {
        return (err, ...rest) => {
            if (err)
                cb({ ok: false, ...mapError(err, path) });
            else
                cb({ ok: true, value: map(...rest) });
        };
    }
    /** One wrapper per watch function: the package keeps one listener per function and path. */
    watchers = new WeakMap();
    watcher(fn) {
        let w = this.watchers.get(fn);
        if (!w) {
            w = (event) => {
                const type = EVENT_TYPES[event.getType()];
                if (type)
                    fn({ type, path: event.getPath() });
            };
            this.watchers.set(fn, w);
        }
        return w;
    }
}
//# sourceMappingURL=wire.js.map