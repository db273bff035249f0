import { ProtocolError } from './jute.js';
import { MultiRequestCodec, MultiResponseCodec } from './multi.js';
import { AddWatchMode as AddWatchModes, CreateFlag, OpCode, WatcherType } from './opcodes.js';
import { StatCodec } from './records-data.js';
import { Create2ResponseCodec, GetACLResponseCodec, GetAllChildrenNumberResponseCodec, GetDataResponseCodec, GetEphemeralsResponseCodec, SyncResponseCodec, WhoAmIResponseCodec, } from './records-replies.js';
import { AddWatchRequestCodec, CreateRequestCodec, CreateTTLRequestCodec, GetACLRequestCodec, GetAllChildrenNumberRequestCodec, GetDataRequestCodec, GetEphemeralsRequestCodec, RemoveWatchesRequestCodec, SetACLRequestCodec, SyncRequestCodec, } from './records-requests.js';
import { build, MODES, replyError } from './requests.js';
const PERSISTENT = {
    persistent: 'persistent',
    'persistent-recursive': 'recursive',
};
/** The local watches a removeWatches of each type drops once the server answered. */
const DROPS = {
    data: ['data', 'exist'],
    children: ['child'],
    any: ['data', 'exist', 'child', 'persistent', 'recursive'],
};
/**
 * `rearm` sends SetWatches for one-shot watches the server dropped with a removeWatches of type
 * Any (ZooKeeper 3.8 removes a persistent watch only that way, and with it the path's others).
 */
export function extendedWire(ctx, table, submit, rearm) {
    const add = (p) => ctx.chroot.add(p);
    const strip = (p) => ctx.chroot.strip(p);
    return {
        create(path, data, acl, mode, ttl, cb) {
            submit(cb, () => {
                const request = {
                    path: add(path),
                    data: data ?? null,
                    acl,
                    flags: createFlags(mode),
                    ttl: BigInt(ttl ?? 0),
                };
                const opcode = mode === 'container'
                    ? OpCode.createContainer
                    : mode.endsWith('-with-ttl')
                        ? OpCode.createTTL
                        : OpCode.create2;
                return build(ctx, {
                    opcode,
                    path,
                    body: (w) => opcode === OpCode.createTTL
                        ? CreateTTLRequestCodec.encode(w, request)
                        : CreateRequestCodec.encode(w, request),
                    ok: (r) => {
                        const res = Create2ResponseCodec.decode(r);
                        return { ok: true, value: { path: strip(res.path), stat: res.stat } };
                    },
                }, cb);
            });
        },
        getACL(path, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.getACL,
                path,
                body: (w) => GetACLRequestCodec.encode(w, { path: add(path) }),
                ok: (r) => ({ ok: true, value: GetACLResponseCodec.decode(r) }),
            }, cb));
        },
        setACL(path, acl, version, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.setACL,
                path,
                body: (w) => SetACLRequestCodec.encode(w, { path: add(path), acl, version }),
                ok: (r) => ({ ok: true, value: StatCodec.decode(r) }),
            }, cb));
        },
        sync(path, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.sync,
                path,
                body: (w) => SyncRequestCodec.encode(w, { path: add(path) }),
                ok: (r) => ({ ok: true, value: strip(SyncResponseCodec.decode(r).path) }),
            }, cb));
        },
        multiRead(ops, cb) {
            submit(cb, () => {
                const request = ops.map((op) => ({
                    type: op.op === 'getData' ? OpCode.getData : OpCode.getChildren,
                    request: { path: add(op.path), watch: false },
                }));
                return build(ctx, {
                    opcode: OpCode.multiRead,
                    path: ops[0]?.path,
                    body: (w) => MultiRequestCodec.encode(w, request),
                    ok: (r) => {
                        const results = MultiResponseCodec.decode(r);
                        if (results.length !== ops.length)
                            throw new ProtocolError(`MultiResponse: ${results.length} results for ${ops.length} reads`, 'MultiResponse', 0);
                        const value = results.map((res, i) => {
                            if (res.type === OpCode.getData)
                                return { op: 'getData', data: res.data ?? Buffer.alloc(0), stat: res.stat };
                            if (res.type === OpCode.getChildren)
                                return { op: 'getChildren', children: res.children };
                            if (res.type === OpCode.error)
                                return { op: 'error', error: replyError(res.err, request[i].type, ops[i].path) };
                            throw new ProtocolError(`MultiResponse: result ${i} has type ${res.type}, which a multiRead does not answer`, 'MultiHeader.type', 0);
                        });
                        return { ok: true, value };
                    },
                }, cb);
            });
        },
        addWatch(path, mode, fn, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.addWatch,
                path,
                body: (w) => AddWatchRequestCodec.encode(w, {
                    path: add(path),
                    type: mode === 'persistent' ? AddWatchModes.persistent : AddWatchModes.persistentRecursive,
                }),
                ok: (r) => {
                    // The reply is an ErrorResponse; its code is the header's (0 here).
                    if (r.remaining >= 4)
                        r.int('ErrorResponse.err');
                    table.addPersistent(PERSISTENT[mode], path, fn);
                    return { ok: true, value: undefined };
                },
            }, cb));
        },
        forgetWatch(path, mode, fn) {
            return table.forgetPersistent(PERSISTENT[mode], path, fn);
        },
        removeWatches(path, type, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.removeWatches,
                path,
                body: (w) => RemoveWatchesRequestCodec.encode(w, {
                    path: add(path),
                    type: type === 'data'
                        ? WatcherType.data
                        : type === 'children'
                            ? WatcherType.children
                            : WatcherType.any,
                }),
                ok: () => {
                    table.drop(DROPS[type], path);
                    return { ok: true, value: undefined };
                },
            }, cb));
        },
        removePersistent(path, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.removeWatches,
                path,
                // Type Any: ZooKeeper 3.8 refuses the persistent types (4, 5; new in 3.9).
                body: (w) => RemoveWatchesRequestCodec.encode(w, { path: add(path), type: WatcherType.any }),
                ok: () => {
                    const kinds = ['data', 'exist', 'child'].filter((k) => table.has(k, path));
                    if (kinds.length > 0) {
                        const lists = { data: [], exist: [], child: [], persistent: [], recursive: [] };
                        for (const k of kinds)
                            lists[k] = [path];
                        rearm(lists);
                    }
                    return { ok: true, value: undefined };
                },
            }, cb));
        },
        getEphemerals(prefix, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.getEphemerals,
                path: prefix,
                body: (w) => GetEphemeralsRequestCodec.encode(w, { path: add(prefix) }),
                ok: (r) => ({ ok: true, value: GetEphemeralsResponseCodec.decode(r).ephemerals.map(strip) }),
            }, cb));
        },
        getAllChildrenNumber(path, cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.getAllChildrenNumber,
                path,
                body: (w) => GetAllChildrenNumberRequestCodec.encode(w, { path: add(path) }),
                ok: (r) => ({ ok: true, value: GetAllChildrenNumberResponseCodec.decode(r).totalNumber }),
            }, cb));
        },
        whoAmI(cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.whoAmI,
                path: undefined,
                ok: (r) => ({
                    ok: true,
                    value: WhoAmIResponseCodec.decode(r).clientInfo.map((c) => ({
                        scheme: c.authScheme,
                        user: c.user,
                    })),
                }),
            }, cb));
        },
        getConfig(cb) {
            submit(cb, () => build(ctx, {
                opcode: OpCode.getData,
                path: CONFIG_NODE,
                // Outside the chroot, as the Java client's getConfig reads it.
                body: (w) => GetDataRequestCodec.encode(w, { path: CONFIG_NODE, watch: false }),
                ok: (r) => {
                    const res = GetDataResponseCodec.decode(r);
                    return { ok: true, value: { data: res.data ?? Buffer.alloc(0), stat: res.stat } };
                },
            }, cb));
        },
    };
}
export const CONFIG_NODE = '/zookeeper/config';
function createFlags(mode) {
    switch (mode) {
        case 'container':
            return CreateFlag.container;
        case 'persistent-with-ttl':
            return CreateFlag.persistentWithTtl;
        case 'persistent-sequential-with-ttl':
            return CreateFlag.persistentSequentialWithTtl;
        default:
            return MODES[mode];
    }
}
//# sourceMappingURL=extended.js.map