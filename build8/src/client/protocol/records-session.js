/** The readOnly byte is absent from old peers' handshakes: read as false, as the Java client does. */
function optionalReadOnly(r, field) {
    return r.remaining > 0 ? r.bool(field) : false;
}
export const ConnectRequestCodec = {
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
export const ConnectResponseCodec = {
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
export const RequestHeaderCodec = {
    name: 'RequestHeader',
    encode(w, v) {
        w.int(v.xid, 'RequestHeader.xid').int(v.type, 'RequestHeader.type');
    },
    decode(r) {
        return { xid: r.int('RequestHeader.xid'), type: r.int('RequestHeader.type') };
    },
};
export const REPLY_HEADER_BYTES = 16;
export const ReplyHeaderCodec = {
    name: 'ReplyHeader',
    encode(w, v) {
        w.int(v.xid, 'ReplyHeader.xid').long(v.zxid, 'ReplyHeader.zxid').int(v.err, 'ReplyHeader.err');
    },
    decode(r) {
        return { xid: r.int('ReplyHeader.xid'), zxid: r.long('ReplyHeader.zxid'), err: r.int('ReplyHeader.err') };
    },
};
export const WatcherEventCodec = {
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
export const AuthPacketCodec = {
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
export const ErrorResponseCodec = {
    name: 'ErrorResponse',
    encode(w, v) {
        w.int(v.err, 'ErrorResponse.err');
    },
    decode(r) {
        return { err: r.int('ErrorResponse.err') };
    },
};
export const SetWatchesCodec = {
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
export const SetWatches2Codec = {
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
//# sourceMappingURL=records-session.js.map