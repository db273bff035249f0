/**
 * The built-in wire's requests: each operation's frame (encoded once, when it is asked for, so
 * an oversized one fails at once) and the reading of its reply into the Wire's typed result.
 * Errors are mapped with errorForCode exactly as the node-zookeeper-client adapter maps them.
 */
import { errorForCode, UnimplementedError, ZkCode } from '../../errors.js';
import { beginFrame, endFrame } from './framing.js';
import { JuteWriter, ProtocolError } from './jute.js';
import { MultiRequestCodec, MultiResponseCodec } from './multi.js';
import { CreateFlag, OpCode, opCodeName, sinceVersion } from './opcodes.js';
import { StatCodec } from './records-data.js';
import { Create2ResponseCodec, GetChildren2ResponseCodec, GetDataResponseCodec } from './records-replies.js';
import { CreateRequestCodec, DeleteRequestCodec, ExistsRequestCodec, GetChildren2RequestCodec, GetDataRequestCodec, SetDataRequestCodec, } from './records-requests.js';
import { RequestHeaderCodec } from './records-session.js';
const KNOWN_CODES = new Set(Object.values(ZkCode));
/** Whether a server's error code is one ZooKeeper defines (anything else drops the connection). */
export function knownCode(code) {
    return KNOWN_CODES.has(code);
}
/**
 * Builds an error without capturing a stack: made in a socket callback, the stack shows only
 * the data handler, and capturing it costs more than the request itself.
 */
export function zkError(code, path) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return errorForCode(code, { path });
    }
    finally {
        Error.stackTraceLimit = limit;
    }
}
// CONNECTION_LOSS and SESSION_EXPIRED are the client's own verdicts, not a server's answer.
export const answeredCode = (code) => code !== ZkCode.CONNECTION_LOSS && code !== ZkCode.SESSION_EXPIRED;
let writer = new JuteWriter(1024);
/** One frame: length, RequestHeader, body. Throws a RangeError naming the path when over the limit. */
export function encodeFrame(xid, opcode, body, maxBytes, path) {
    const w = writer.reset();
    const at = beginFrame(w);
    RequestHeaderCodec.encode(w, { xid, type: opcode });
    body?.(w);
    try {
        endFrame(w, at, maxBytes);
    }
    catch (e) {
        if (!(e instanceof RangeError) || path === undefined)
            throw e;
        throw new RangeError(e.message.replace('the request', `the request for ${path}`));
    }
    finally {
        if (w.length > 64 * 1024)
            writer = new JuteWriter(1024); // do not keep a huge buffer
    }
    return w.finish();
}
/** The error of a reply's code; UNIMPLEMENTED names the operation and the server version it needs. */
export function replyError(code, opcode, path) {
    if (code !== ZkCode.UNIMPLEMENTED)
        return zkError(code, path);
    return new UnimplementedError(undefined, {
        operation: opCodeName(opcode),
        since: sinceVersion(opcode),
        path,
    });
}
export function build(ctx, spec, cb) {
    const { opcode, path } = spec;
    return {
        opcode,
        path,
        frame: encodeFrame(0, opcode, spec.body, ctx.maxRequestBytes, path),
        xid: 0,
        answer(h, r) {
            let result;
            if (h.err !== 0)
                result = spec.orElse?.(h.err);
            else {
                result = spec.ok(r);
                r.expectEnd(`${opCodeName(opcode)} reply`);
            }
            const settled = result ?? {
                ok: false,
                error: replyError(h.err, opcode, path),
                answered: answeredCode(h.err),
            };
            return () => cb(settled);
        },
        fail(error, answered) {
            cb({ ok: false, error, answered });
        },
    };
}
export const MODES = {
    persistent: CreateFlag.persistent,
    ephemeral: CreateFlag.ephemeral,
    'persistent-sequential': CreateFlag.persistentSequential,
    'ephemeral-sequential': CreateFlag.ephemeralSequential,
};
/** create2: the reply carries the new node's Stat, so its czxid (the fencing token) comes with it. */
export function createRequest(ctx, path, data, acl, mode, cb) {
    const request = { path: ctx.chroot.add(path), data: data ?? null, acl, flags: MODES[mode] };
    return build(ctx, {
        opcode: OpCode.create2,
        path,
        body: (w) => CreateRequestCodec.encode(w, request),
        ok: (r) => {
            const res = Create2ResponseCodec.decode(r);
            return { ok: true, value: { path: ctx.chroot.strip(res.path), czxid: res.stat.czxid } };
        },
    }, cb);
}
export function removeRequest(ctx, path, version, cb) {
    const request = { path: ctx.chroot.add(path), version };
    return build(ctx, {
        opcode: OpCode.delete,
        path,
        body: (w) => DeleteRequestCodec.encode(w, request),
        ok: () => ({ ok: true, value: undefined }),
    }, cb);
}
/** A watch is kept as a data watch if the node exists, else as an existence watch. */
export function existsRequest(ctx, path, watch, cb) {
    const request = { path: ctx.chroot.add(path), watch: watch !== undefined };
    return build(ctx, {
        opcode: OpCode.exists,
        path,
        body: (w) => ExistsRequestCodec.encode(w, request),
        ok: (r) => {
            const stat = StatCodec.decode(r);
            if (watch)
                ctx.watch('data', path, watch);
            return { ok: true, value: stat };
        },
        orElse: (code) => {
            if (code !== ZkCode.NO_NODE)
                return undefined;
            if (watch)
                ctx.watch('exist', path, watch);
            return { ok: true, value: null };
        },
    }, cb);
}
export function getDataRequest(ctx, path, watch, cb) {
    const request = { path: ctx.chroot.add(path), watch: watch !== undefined };
    return build(ctx, {
        opcode: OpCode.getData,
        path,
        body: (w) => GetDataRequestCodec.encode(w, request),
        ok: (r) => {
            const res = GetDataResponseCodec.decode(r);
            if (watch)
                ctx.watch('data', path, watch);
            return { ok: true, value: { data: res.data ?? Buffer.alloc(0), stat: res.stat } };
        },
    }, cb);
}
export function getChildrenRequest(ctx, path, watch, cb) {
    const request = { path: ctx.chroot.add(path), watch: watch !== undefined };
    return build(ctx, {
        opcode: OpCode.getChildren2,
        path,
        body: (w) => GetChildren2RequestCodec.encode(w, request),
        ok: (r) => {
            const value = GetChildren2ResponseCodec.decode(r);
            if (watch)
                ctx.watch('child', path, watch);
            return { ok: true, value };
        },
    }, cb);
}
export function setDataRequest(ctx, path, data, version, cb) {
    const request = { path: ctx.chroot.add(path), data, version };
    return build(ctx, {
        opcode: OpCode.setData,
        path,
        body: (w) => SetDataRequestCodec.encode(w, request),
        ok: (r) => ({ ok: true, value: StatCodec.decode(r) }),
    }, cb);
}
/** A failed multi has err 0 in its header: the first operation with an error code is the one that failed. */
export function multiRequest(ctx, ops, defaultAcl, cb) {
    const add = (p) => ctx.chroot.add(p);
    const request = ops.map((op) => {
        switch (op.op) {
            case 'create':
                return {
                    type: OpCode.create,
                    request: {
                        path: add(op.path),
                        data: op.data ?? null,
                        acl: op.acl ?? defaultAcl,
                        flags: MODES[(op.mode ?? 'persistent')], // ZkClient refuses the others in a multi
                    },
                };
            case 'delete':
                return { type: OpCode.delete, request: { path: add(op.path), version: op.version ?? -1 } };
            case 'setData':
                return {
                    type: OpCode.setData,
                    request: { path: add(op.path), data: op.data, version: op.version ?? -1 },
                };
            default:
                return { type: OpCode.check, request: { path: add(op.path), version: op.version } };
        }
    });
    const headerError = (code) => {
        const error = zkError(code, undefined);
        Object.assign(error, { opIndex: -1 });
        return { ok: false, error, answered: answeredCode(code) };
    };
    return build(ctx, {
        opcode: OpCode.multi,
        path: ops[0]?.path,
        body: (w) => MultiRequestCodec.encode(w, request),
        ok: (r) => readMulti(ctx, ops, MultiResponseCodec.decode(r)),
        orElse: headerError,
    }, cb);
}
function readMulti(ctx, ops, results) {
    if (results.length !== ops.length)
        throw new ProtocolError(`MultiResponse: ${results.length} results for ${ops.length} operations`, 'MultiResponse', 0);
    const failed = results.findIndex((res) => res.type === OpCode.error && res.err !== 0);
    if (failed >= 0) {
        const code = results[failed].err;
        const error = zkError(code, ops[failed]?.path);
        Object.assign(error, { opIndex: failed });
        return { ok: false, error, answered: answeredCode(code) };
    }
    const value = results.map((res, i) => {
        switch (res.type) {
            case OpCode.create:
            case OpCode.create2:
                return { op: 'create', path: ctx.chroot.strip(res.path) };
            case OpCode.delete:
                return { op: 'delete' };
            case OpCode.setData:
                return { op: 'setData', stat: res.stat };
            case OpCode.check:
                return { op: 'check' };
            default:
                throw new ProtocolError(`MultiResponse: result ${i} has type ${opCodeName(res.type)}, which the request did not ask for`, 'MultiHeader.type', 0);
        }
    });
    return { ok: true, value };
}
/** A request of the session itself (closeSession): no body, an empty reply. */
export function bareRequest(ctx, opcode, onAnswer) {
    return build(ctx, {
        opcode,
        path: undefined,
        ok: () => ({ ok: true, value: undefined }),
        orElse: () => ({ ok: true, value: undefined }),
    }, () => onAnswer());
}
//# sourceMappingURL=requests.js.map