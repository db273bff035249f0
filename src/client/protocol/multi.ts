/**
 * multi and multiRead (MultiOperationRecord / MultiResponse in ZooKeeper's sources): each
 * operation is a MultiHeader followed by its record, and a header with done = true ends the
 * list. A failed multi has err 0 in its ReplyHeader: the per-operation errors are here.
 */
import type { Stat } from '../types.js';
import { type JuteReader, type JuteWriter, ProtocolError } from './jute.js';
import { OpCode } from './opcodes.js';
import { type Codec, StatCodec } from './records-data.js';
import {
  Create2ResponseCodec,
  CreateResponseCodec,
  GetChildrenResponseCodec,
  GetDataResponseCodec,
} from './records-replies.js';
import {
  CheckVersionRequestCodec,
  type CreateRequest,
  CreateRequestCodec,
  type CreateTTLRequest,
  CreateTTLRequestCodec,
  DeleteRequestCodec,
  GetChildrenRequestCodec,
  GetDataRequestCodec,
  type PathVersionRequest,
  type PathWatchRequest,
  type SetDataRequest,
  SetDataRequestCodec,
} from './records-requests.js';
import { ErrorResponseCodec } from './records-session.js';

export interface MultiHeader {
  type: number;
  done: boolean;
  err: number;
}

export const MultiHeaderCodec: Codec<MultiHeader> = {
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

/** One operation of a multi (create* , delete, setData, check) or of a multiRead (getChildren, getData). */
export type MultiOp =
  | {
      type: typeof OpCode.create | typeof OpCode.create2 | typeof OpCode.createContainer;
      request: CreateRequest;
    }
  | { type: typeof OpCode.createTTL; request: CreateTTLRequest }
  | { type: typeof OpCode.delete | typeof OpCode.check; request: PathVersionRequest }
  | { type: typeof OpCode.setData; request: SetDataRequest }
  | { type: typeof OpCode.getChildren | typeof OpCode.getData; request: PathWatchRequest };

/** One operation's result; `error` carries the operation's own code (0 for those not run). */
export type MultiResult =
  | { type: typeof OpCode.create; path: string }
  | { type: typeof OpCode.create2; path: string; stat: Stat }
  | { type: typeof OpCode.delete | typeof OpCode.check }
  | { type: typeof OpCode.setData; stat: Stat }
  | { type: typeof OpCode.getChildren; children: string[] }
  | { type: typeof OpCode.getData; data: Buffer | null; stat: Stat }
  | { type: typeof OpCode.error; err: number };

// The header in front of each request operation, and the one that ends both lists.
const END: MultiHeader = { type: -1, done: true, err: -1 };

export const MultiRequestCodec: Codec<MultiOp[]> = {
  name: 'MultiRequest',
  encode(w, ops) {
    for (const op of ops) {
      MultiHeaderCodec.encode(w, { type: op.type, done: false, err: -1 });
      encodeOp(w, op);
    }
    MultiHeaderCodec.encode(w, END);
  },
  decode(r) {
    const ops: MultiOp[] = [];
    for (;;) {
      const at = r.offset;
      const h = MultiHeaderCodec.decode(r);
      if (h.done) return ops;
      ops.push(decodeOp(r, h, at));
    }
  },
};

function encodeOp(w: JuteWriter, op: MultiOp): void {
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
      throw new RangeError(
        `multi: operation type ${(op as { type: unknown }).type} cannot be part of a multi`,
      );
  }
}

function decodeOp(r: JuteReader, h: MultiHeader, at: number): MultiOp {
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
      throw new ProtocolError(
        `MultiRequest: the header at offset ${at} has type ${h.type}, which a multi cannot hold`,
        'MultiHeader.type',
        at,
      );
  }
}

export const MultiResponseCodec: Codec<MultiResult[]> = {
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
    const results: MultiResult[] = [];
    for (;;) {
      const at = r.offset;
      const h = MultiHeaderCodec.decode(r);
      if (h.done) return results;
      results.push(decodeResult(r, h, at));
    }
  },
};

function encodeResult(w: JuteWriter, res: MultiResult): void {
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
      throw new RangeError(`multi: result type ${(res as { type: unknown }).type} cannot be part of a multi`);
  }
}

/** The types the Java client accepts (MultiResponse.deserialize); anything else is a protocol error. */
function decodeResult(r: JuteReader, h: MultiHeader, at: number): MultiResult {
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
      throw new ProtocolError(
        `MultiResponse: the header at offset ${at} has type ${h.type}, which no multi result has`,
        'MultiHeader.type',
        at,
      );
  }
}
