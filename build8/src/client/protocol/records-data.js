import { JuteReader } from './jute.js';
/** The codec of a record that is one ustring (GetACLRequest, SyncResponse, ...). */
export function pathCodec(name, field = 'path') {
    const f = `${name}.${field}`;
    return {
        name,
        encode(w, v) {
            w.ustring(v.path);
        },
        decode(r) {
            return { path: r.string(f) };
        },
    };
}
/** Decodes `bytes` as exactly one `codec` record (leftover bytes are an error). */
export function decodeAll(codec, bytes) {
    const r = new JuteReader(bytes);
    const value = codec.decode(r);
    r.expectEnd(codec.name);
    return value;
}
export const STAT_BYTES = 68;
export const StatCodec = {
    name: 'Stat',
    encode(w, s) {
        w.long(s.czxid, 'Stat.czxid');
        w.long(s.mzxid, 'Stat.mzxid');
        w.long(s.ctime, 'Stat.ctime');
        w.long(s.mtime, 'Stat.mtime');
        w.int(s.version, 'Stat.version');
        w.int(s.cversion, 'Stat.cversion');
        w.int(s.aversion, 'Stat.aversion');
        w.long(s.ephemeralOwner, 'Stat.ephemeralOwner');
        w.int(s.dataLength, 'Stat.dataLength');
        w.int(s.numChildren, 'Stat.numChildren');
        w.long(s.pzxid, 'Stat.pzxid');
    },
    decode(r) {
        // Object literal in field order: the property reads run in this order.
        return {
            czxid: r.long('Stat.czxid'),
            mzxid: r.long('Stat.mzxid'),
            ctime: r.long('Stat.ctime'),
            mtime: r.long('Stat.mtime'),
            version: r.int('Stat.version'),
            cversion: r.int('Stat.cversion'),
            aversion: r.int('Stat.aversion'),
            ephemeralOwner: r.long('Stat.ephemeralOwner'),
            dataLength: r.int('Stat.dataLength'),
            numChildren: r.int('Stat.numChildren'),
            pzxid: r.long('Stat.pzxid'),
        };
    },
};
export const IdCodec = {
    name: 'Id',
    encode(w, v) {
        w.ustring(v.scheme).ustring(v.id);
    },
    decode(r) {
        return { scheme: r.string('Id.scheme'), id: r.string('Id.id') };
    },
};
/** ACL { int perms; Id id; }, flattened into the library's Acl. */
export const AclCodec = {
    name: 'ACL',
    encode(w, v) {
        w.int(v.perms, 'ACL.perms').ustring(v.scheme).ustring(v.id);
    },
    decode(r) {
        return { perms: r.int('ACL.perms'), scheme: r.string('ACL.id.scheme'), id: r.string('ACL.id.id') };
    },
};
/** The smallest ACL on the wire: perms and two empty strings. */
export const ACL_MIN_BYTES = 12;
export function writeAcls(w, acl) {
    w.vector(acl, AclCodec.encode);
}
export function readAcls(r, field) {
    return r.vector(field, ACL_MIN_BYTES, AclCodec.decode);
}
export const ClientInfoCodec = {
    name: 'ClientInfo',
    encode(w, v) {
        w.ustring(v.authScheme).ustring(v.user);
    },
    decode(r) {
        return { authScheme: r.string('ClientInfo.authScheme'), user: r.string('ClientInfo.user') };
    },
};
//# sourceMappingURL=records-data.js.map