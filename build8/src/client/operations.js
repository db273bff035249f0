/**
 * ZkClient's ZooKeeper 3.5–3.9 operations (create2, containers and TTL nodes, ACLs, sync,
 * multiRead, persistent watches, removeWatches, getEphemerals, getAllChildrenNumber, whoAmI,
 * /zookeeper/config). ZkClient delegates to this; it keeps zk-client.ts to the session's story.
 * Only the built-in wire can send them: on another backend each call fails at once, unsent.
 */
import { NoWatcherError, UnsupportedOperationError } from '../errors.js';
import { checkCall, checkCreateMode, checkData, checkTtl, checkVersion, } from './options.js';
import { describe, validatePath } from './paths.js';
const ADD_WATCH_MODES = ['persistent', 'persistent-recursive'];
const WATCHER_TYPES = ['data', 'children', 'any'];
export class Operations {
    host;
    constructor(host) {
        this.host = host;
    }
    /** One extended operation: refused at once (nothing sent) on a backend without it. */
    ext(op, path, call, issue) {
        if (this.host.backend !== 'built-in')
            return Promise.reject(new UnsupportedOperationError(op, this.host.backend));
        return this.host.send(op, path, (w, cb) => issue(w.extended, cb), call);
    }
    createWithStat(path, data, opts) {
        validatePath(path);
        checkData(data, true);
        const mode = checkCreateMode(opts.mode ?? 'persistent');
        const ttl = checkTtl(mode, opts.ttl);
        const acl = opts.acl ?? this.host.defaultAcl;
        checkCall(opts);
        return this.ext('create', path, opts, (x, cb) => x.create(path, data, acl, mode, ttl, cb));
    }
    getACL(path, opts) {
        validatePath(path);
        checkCall(opts);
        return this.ext('getACL', path, opts, (x, cb) => x.getACL(path, cb));
    }
    setACL(path, acl, version, opts) {
        validatePath(path);
        checkAcl(acl);
        checkVersion(version);
        checkCall(opts);
        return this.ext('setACL', path, opts, (x, cb) => x.setACL(path, acl, version, cb));
    }
    sync(path, opts) {
        validatePath(path);
        checkCall(opts);
        return this.ext('sync', path, opts, (x, cb) => x.sync(path, cb)).then(() => undefined);
    }
    multiRead(ops, opts) {
        if (!Array.isArray(ops))
            throw new TypeError(`ops must be an array, got ${describe(ops)}`);
        ops.forEach((op, i) => {
            if (!op || (op.op !== 'getData' && op.op !== 'getChildren'))
                throw new TypeError(`ops[${i}] must be { op: 'getData' | 'getChildren', path }, got ${describe(op)}`);
            validatePath(op.path, `ops[${i}].path`);
        });
        checkCall(opts);
        return this.ext('multiRead', ops[0]?.path ?? '/', opts, (x, cb) => x.multiRead(ops, cb));
    }
    async addWatch(path, opts) {
        validatePath(path);
        if (opts === null || typeof opts !== 'object')
            throw new TypeError(`options must be an object with mode and listener, got ${describe(opts)}`);
        const { mode, listener } = opts;
        if (!ADD_WATCH_MODES.includes(mode))
            throw new TypeError(`mode must be 'persistent' or 'persistent-recursive', got ${describe(mode)}`);
        if (typeof listener !== 'function')
            throw new TypeError(`listener must be a function, got ${describe(listener)}`);
        checkCall(opts);
        const session = this.host.backend === 'built-in' ? this.host.liveSession() : undefined;
        let active = true;
        const call = (event) => {
            try {
                listener(event);
            }
            catch (err) {
                this.host.onListenerThrow(err);
            }
        };
        const fn = (event) => {
            if (active)
                return call(event);
            // Answered after its caller gave up: forget it the first time it fires.
            session?.wire.extended?.forgetWatch(path, mode, fn);
        };
        try {
            await this.ext('addWatch', path, opts, (x, cb) => x.addWatch(path, mode, fn, cb));
        }
        catch (e) {
            active = false;
            session?.wire.extended?.forgetWatch(path, mode, fn);
            throw e;
        }
        const s = session;
        const entry = {
            path,
            drop: () => {
                active = false;
                s.persistent.delete(entry);
            },
            end: () => {
                if (!active)
                    return;
                entry.drop();
                call({ type: 'sessionEnded', path: '' });
            },
        };
        if (s.ended)
            entry.end();
        else
            s.persistent.add(entry);
        const send = this.host.send.bind(this.host);
        return {
            path,
            mode,
            get active() {
                return active;
            },
            async remove(call = {}) {
                checkCall(call);
                if (!active)
                    return;
                entry.drop();
                const last = s.wire.extended.forgetWatch(path, mode, fn);
                if (!last || s.ended)
                    return; // another watch of the path stays on the server
                try {
                    await send('removeWatches', path, (w, cb) => w.extended.removePersistent(path, cb), call);
                }
                catch (e) {
                    if (!(e instanceof NoWatcherError))
                        throw e;
                }
            },
        };
    }
    async removeWatches(path, type, opts) {
        validatePath(path);
        if (!WATCHER_TYPES.includes(type))
            throw new TypeError(`type must be 'data', 'children' or 'any', got ${describe(type)}`);
        checkCall(opts);
        await this.ext('removeWatches', path, opts, (x, cb) => x.removeWatches(path, type, cb));
        // The server holds them no more: the callers' watches of the path are forgotten, unfired.
        const s = this.host.liveSession();
        if (type !== 'children')
            for (const k of ['data', 'exists'])
                s.watches.drop(k, path);
        if (type !== 'data')
            s.watches.drop('child', path);
        if (type === 'any')
            for (const p of [...s.persistent])
                if (p.path === path)
                    p.drop();
    }
    getEphemerals(prefix, opts) {
        // A prefix of paths, not a path: '/app/lock-' is fine.
        if (typeof prefix !== 'string' || !prefix.startsWith('/'))
            throw new TypeError(`prefix must be a string starting with '/', got ${describe(prefix)}`);
        checkCall(opts);
        return this.ext('getEphemerals', prefix, opts, (x, cb) => x.getEphemerals(prefix, cb));
    }
    getAllChildrenNumber(path, opts) {
        validatePath(path);
        checkCall(opts);
        return this.ext('getAllChildrenNumber', path, opts, (x, cb) => x.getAllChildrenNumber(path, cb));
    }
    whoAmI(opts) {
        checkCall(opts);
        return this.ext('whoAmI', '/', opts, (x, cb) => x.whoAmI(cb));
    }
    getConfig(opts) {
        checkCall(opts);
        return this.ext('getConfig', '/zookeeper/config', opts, (x, cb) => x.getConfig(cb)).then((r) => ({ config: r.data.toString('utf8'), stat: r.stat }));
    }
}
function checkAcl(acl) {
    if (!Array.isArray(acl) || acl.length === 0)
        throw new TypeError(`acl must be a non-empty array of { perms, scheme, id }, got ${describe(acl)}`);
    acl.forEach((a, i) => {
        if (!a || !Number.isInteger(a.perms) || a.perms < 0 || a.perms > 31)
            throw new RangeError(`acl[${i}].perms must be an integer from 0 to 31 (Perm), got ${describe(a?.perms)}`);
        if (typeof a.scheme !== 'string' || a.scheme === '' || typeof a.id !== 'string')
            throw new TypeError(`acl[${i}] needs a scheme and an id (strings), got ${describe(a)}`);
    });
}
/** A multi's operations, checked; containers and TTL nodes are created on their own. */
export function checkMultiOps(ops) {
    if (!Array.isArray(ops))
        throw new TypeError(`ops must be an array, got ${describe(ops)}`);
    ops.forEach((op, i) => {
        if (!op || typeof op !== 'object')
            throw new TypeError(`ops[${i}] must be an object, got ${describe(op)}`);
        validatePath(op.path, `ops[${i}].path`);
        if (op.op === 'create')
            checkData(op.data, true);
        else if (op.op === 'setData')
            checkData(op.data, false);
        else if (op.op !== 'delete' && op.op !== 'check')
            throw new TypeError(`ops[${i}].op is unknown: ${describe(op)}`);
        if (op.op !== 'create')
            checkVersion(op.version ?? -1, `ops[${i}].version`);
        else if (op.mode !== undefined && !isBasicMode(checkCreateMode(op.mode)))
            throw new TypeError(`ops[${i}].mode ${describe(op.mode)} cannot be used in a multi; create it on its own`);
    });
}
export function isBasicMode(mode) {
    return BASIC_MODES.has(mode);
}
const BASIC_MODES = new Set([
    'persistent',
    'ephemeral',
    'persistent-sequential',
    'ephemeral-sequential',
]);
//# sourceMappingURL=operations.js.map