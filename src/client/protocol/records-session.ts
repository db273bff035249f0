/**
 * Records of the session rather than of an operation: the connect handshake, the headers in
 * front of every request and reply, watch notifications, auth, and watch re-registration.
 */
import type { JuteReader } from './jute.js';
import type { Codec } from './records-data.js';

/**
 * ConnectRequest, sent without a RequestHeader. `readOnly` is the byte every client since 3.4
 * sends after the record (declared in zookeeper.jute only from 3.9.0); a server reads it if present.
 */
export interface ConnectRequest {
  protocolVersion: number;
  lastZxidSeen: bigint;
  timeOut: number;
  sessionId: bigint;
  passwd: Buffer | null;
  readOnly: boolean;
}

/** The readOnly byte is absent from old peers' handshakes: read as false, as the Java client does. */
function optionalReadOnly(r: JuteReader, field: string): boolean {
  return r.remaining > 0 ? r.bool(field) : false;
}

export const ConnectRequestCodec: Codec<ConnectRequest> = {
  name: 'ConnectRequest',
  encode(w, v) {
    w.int(v.protocolVersion, 'ConnectRequest.protocolVersion');
    w.long(v.lastZxidSeen, 'ConnectRequest.lastZxidSeen');
    w.int(v.timeOut, 'ConnectRequest.timeOut');
    w.long(v.sessionId, 'ConnectRequest.sessionId');
    w.buffer(v.passwd);
    w.bool(v.readOnly);
  },
  decode(r) {
    return {
      protocolVersion: r.int('ConnectRequest.protocolVersion'),
      lastZxidSeen: r.long('ConnectRequest.lastZxidSeen'),
      timeOut: r.int('ConnectRequest.timeOut'),
      sessionId: r.long('ConnectRequest.sessionId'),
      passwd: r.buffer('ConnectRequest.passwd'),
      readOnly: optionalReadOnly(r, 'ConnectRequest.readOnly'),
    };
  },
};

export interface ConnectResponse {
  protocolVersion: number;
  timeOut: number;
  sessionId: bigint;
  passwd: Buffer | null;
  readOnly: boolean;
}

export const ConnectResponseCodec: Codec<ConnectResponse> = {
  name: 'ConnectResponse',
  encode(w, v) {
    w.int(v.protocolVersion, 'ConnectResponse.protocolVersion');
    w.int(v.timeOut, 'ConnectResponse.timeOut');
    w.long(v.sessionId, 'ConnectResponse.sessionId');
    w.buffer(v.passwd);
    w.bool(v.readOnly);
  },
  decode(r) {
    return {
      protocolVersion: r.int('ConnectResponse.protocolVersion'),
      timeOut: r.int('ConnectResponse.timeOut'),
      sessionId: r.long('ConnectResponse.sessionId'),
      passwd: r.buffer('ConnectResponse.passwd'),
      readOnly: optionalReadOnly(r, 'ConnectResponse.readOnly'),
    };
  },
};

export interface RequestHeader {
  xid: number;
  type: number;
}

export const RequestHeaderCodec: Codec<RequestHeader> = {
  name: 'RequestHeader',
  encode(w, v) {
    w.int(v.xid, 'RequestHeader.xid').int(v.type, 'RequestHeader.type');
  },
  decode(r) {
    return { xid: r.int('RequestHeader.xid'), type: r.int('RequestHeader.type') };
  },
};

export interface ReplyHeader {
  xid: number;
  zxid: bigint;
  err: number;
}

export const REPLY_HEADER_BYTES = 16;

export const ReplyHeaderCodec: Codec<ReplyHeader> = {
  name: 'ReplyHeader',
  encode(w, v) {
    w.int(v.xid, 'ReplyHeader.xid').long(v.zxid, 'ReplyHeader.zxid').int(v.err, 'ReplyHeader.err');
  },
  decode(r) {
    return { xid: r.int('ReplyHeader.xid'), zxid: r.long('ReplyHeader.zxid'), err: r.int('ReplyHeader.err') };
  },
};

/** The body of a notification (reply xid -1). */
export interface WatcherEvent {
  type: number;
  state: number;
  path: string;
}

export const WatcherEventCodec: Codec<WatcherEvent> = {
  name: 'WatcherEvent',
  encode(w, v) {
    w.int(v.type, 'WatcherEvent.type').int(v.state, 'WatcherEvent.state').ustring(v.path);
  },
  decode(r) {
    return {
      type: r.int('WatcherEvent.type'),
      state: r.int('WatcherEvent.state'),
      path: r.string('WatcherEvent.path'),
    };
  },
};

/** AuthPacket (xid -4): `type` is 0 for the client's own auth. */
export interface AuthPacket {
  type: number;
  scheme: string;
  auth: Buffer | null;
}

export const AuthPacketCodec: Codec<AuthPacket> = {
  name: 'AuthPacket',
  encode(w, v) {
    w.int(v.type, 'AuthPacket.type').ustring(v.scheme).buffer(v.auth);
  },
  decode(r) {
    return {
      type: r.int('AuthPacket.type'),
      scheme: r.string('AuthPacket.scheme'),
      auth: r.buffer('AuthPacket.auth'),
    };
  },
};

/** ErrorResponse { int err; }: a multi's failed operation, and addWatch's reply. */
export interface ErrorResponse {
  err: number;
}

export const ErrorResponseCodec: Codec<ErrorResponse> = {
  name: 'ErrorResponse',
  encode(w, v) {
    w.int(v.err, 'ErrorResponse.err');
  },
  decode(r) {
    return { err: r.int('ErrorResponse.err') };
  },
};

/** SetWatches (opcode 101, xid -8): the one-shot watches to restore after a reconnect. */
export interface SetWatches {
  relativeZxid: bigint;
  dataWatches: readonly string[];
  existWatches: readonly string[];
  childWatches: readonly string[];
}

export const SetWatchesCodec: Codec<SetWatches> = {
  name: 'SetWatches',
  encode(w, v) {
    w.long(v.relativeZxid, 'SetWatches.relativeZxid');
    w.stringVector(v.dataWatches).stringVector(v.existWatches).stringVector(v.childWatches);
  },
  decode(r) {
    return {
      relativeZxid: r.long('SetWatches.relativeZxid'),
      dataWatches: r.stringVector('SetWatches.dataWatches'),
      existWatches: r.stringVector('SetWatches.existWatches'),
      childWatches: r.stringVector('SetWatches.childWatches'),
    };
  },
};

/** SetWatches2 (opcode 105, 3.6): SetWatches plus the persistent watches. */
export interface SetWatches2 extends SetWatches {
  persistentWatches: readonly string[];
  persistentRecursiveWatches: readonly string[];
}

export const SetWatches2Codec: Codec<SetWatches2> = {
  name: 'SetWatches2',
  encode(w, v) {
    w.long(v.relativeZxid, 'SetWatches2.relativeZxid');
    w.stringVector(v.dataWatches).stringVector(v.existWatches).stringVector(v.childWatches);
    w.stringVector(v.persistentWatches).stringVector(v.persistentRecursiveWatches);
  },
  decode(r) {
    return {
      relativeZxid: r.long('SetWatches2.relativeZxid'),
      dataWatches: r.stringVector('SetWatches2.dataWatches'),
      existWatches: r.stringVector('SetWatches2.existWatches'),
      childWatches: r.stringVector('SetWatches2.childWatches'),
      persistentWatches: r.stringVector('SetWatches2.persistentWatches'),
      persistentRecursiveWatches: r.stringVector('SetWatches2.persistentRecursiveWatches'),
    };
  },
};
