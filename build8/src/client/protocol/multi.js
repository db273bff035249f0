import { ProtocolError } from './jute.js';
import { OpCode } from './opcodes.js';
import { StatCodec } from './records-data.js';
import { Create2ResponseCodec, CreateResponseCodec, GetChildrenResponseCodec, GetDataResponseCodec, } from './records-replies.js';
import { CheckVersionRequestCodec, CreateRequestCodec, CreateTTLRequestCodec, DeleteRequestCodec, GetChildrenRequestCodec, GetDataRequestCodec, SetDataRequestCodec, } from './records-requests.js';
import { ErrorResponseCodec } from './records-session.js';
export const MultiHeaderCodec = {
    name: 'MultiHeader',
    encode(w, v) {
        w.int(v.type, 'MultiHeader.type').bool(v.done).int(v.err, 'MultiHeader.err');
    },
    decode(r) {
        return {
            type: r.int('MultiHeader.type'),
            done: r.bool('MultiHeader.done'),
            err: r.int('MultiHeader.err'),
        };
    },
};
// The header in front of each request operation, and the one that ends both lists.
const END = { type: -1, done: true, err: -1 };
export const MultiRequestCodec = {
    name: 'MultiRequest',
    encode(w, ops) {
        for (const op of ops) {
            MultiHeaderCodec.encode(w, { type: op.type, done: false, err: -1 });
            encodeOp(w, op);
        }
        MultiHeaderCodec.encode(w, END);
    },
    decode(r) {
        const ops = [];
        for (;;) {
            const at = r.offset;
            const h = MultiHeaderCodec.decode(r);
            if (h.done)
                return ops;
            ops.push(decodeOp(r, h, at));
        }
    },
};
function encodeOp(w, op) {
    switch (op.type) {
        case OpCode.create:
        case OpCode.create2:
        case OpCode.createContainer:
            CreateRequestCodec.encode(w, op.request);
            break;
        case OpCode.createTTL:
            CreateTTLRequestCodec.encode(w, op.request);
            break;
        case OpCode.delete:
            DeleteRequestCodec.encode(w, op.request);
            break;
        case OpCode.check:
            CheckVersionRequestCodec.encode(w, op.request);
            break;
        case OpCode.setData:
            SetDataRequestCodec.encode(w, op.request);
            break;
        case OpCode.getChildren:
            GetChildrenRequestCodec.encode(w, op.request);
            break;
        case OpCode.getData:
            GetDataRequestCodec.encode(w, op.request);
            break;
        default:
            throw new RangeError(`multi: operation type ${op.type} cannot be part of a multi`);
    }
}
function decodeOp(r, h, at) {
    switch (h.type) {
        case OpCode.create:
        case OpCode.create2:
        case OpCode.createContainer:
            return { type: h.type, request: CreateRequestCodec.decode(r) };
        case OpCode.createTTL:
            return { type: h.type, request: CreateTTLRequestCodec.decode(r) };
        case OpCode.delete:
            return { type: h.type, request: DeleteRequestCodec.decode(r) };
        case OpCode.check:
            return { type: h.type, request: CheckVersionRequestCodec.decode(r) };
        case OpCode.setData:
            return { type: h.type, request: SetDataRequestCodec.decode(r) };
        case OpCode.getChildren:
            return { type: h.type, request: GetChildrenRequestCodec.decode(r) };
        case OpCode.getData:
            return { type: h.type, request: GetDataRequestCodec.decode(r) };
        default:
            throw new ProtocolError(`MultiRequest: the header at offset ${at} has type ${h.type}, which a multi cannot hold`, 'MultiHeader.type', at);
    }
}
export const MultiResponseCodec = {
    name: 'MultiResponse',
    encode(w, results) {
        for (const res of results) {
            MultiHeaderCodec.encode(w, {
                type: res.type,
                done: false,
                err: res.type === OpCode.error ? res.err : 0,
            });
            encodeResult(w, res);
        }
        MultiHeaderCodec.encode(w, END);
    },
    decode(r) {
        const results = [];
        for (;;) {
            const at = r.offset;
            const h = MultiHeaderCodec.decode(r);
            if (h.done)
                return results;
            results.push(decodeResult(r, h, at));
        }
    },
};
function encodeResult(w, res) {
    switch (res.type) {
        case OpCode.create:
            CreateResponseCodec.encode(w, res);
            break;
        case OpCode.create2:
            Create2ResponseCodec.encode(w, res);
            break;
        case OpCode.delete:
        case OpCode.check:
            break;
        case OpCode.setData:
            StatCodec.encode(w, res.stat);
            break;
        case OpCode.getChildren:
            GetChildrenResponseCodec.encode(w, res);
            break;
        case OpCode.getData:
            GetDataResponseCodec.encode(w, res);
            break;
        case OpCode.error:
            ErrorResponseCodec.encode(w, res);
            break;
        default:
            throw new RangeError(`multi: result type ${res.type} cannot be part of a multi`);
    }
}
/** The types the Java client accepts (MultiResponse.deserialize); anything else is a protocol error. */
function decodeResult(r, h, at) {
    switch (h.type) {
        case OpCode.create:
            return { type: h.type, ...CreateResponseCodec.decode(r) };
        case OpCode.create2:
            return { type: h.type, ...Create2ResponseCodec.decode(r) };
        case OpCode.delete:
        case OpCode.check:
            return { type: h.type };
        case OpCode.setData:
            return { type: h.type, stat: StatCodec.decode(r) };
        case OpCode.getChildren:
            return { type: h.type, ...GetChildrenResponseCodec.decode(r) };
        case OpCode.getData:
            return { type: h.type, ...GetDataResponseCodec.decode(r) };
        case OpCode.error:
            return { type: h.type, ...ErrorResponseCodec.decode(r) };
        default:
            throw new ProtocolError(`MultiResponse: the header at offset ${at} has type ${h.type}, which no multi result has`, 'MultiHeader.type', at);
    }
}
//# sourceMappingURL=multi.js.map