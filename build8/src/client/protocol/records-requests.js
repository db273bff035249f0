import { pathCodec, readAcls, writeAcls } from './records-data.js';
function pathWatchCodec(name) {
    const fPath = `${name}.path`;
    const fWatch = `${name}.watch`;
    return {
        name,
        encode(w, v) {
            w.ustring(v.path).bool(v.watch);
        },
        decode(r) {
            return { path: r.string(fPath), watch: r.bool(fWatch) };
        },
    };
}
function pathVersionCodec(name) {
    const fPath = `${name}.path`;
    const fVersion = `${name}.version`;
    return {
        name,
        encode(w, v) {
            w.ustring(v.path).int(v.version, fVersion);
        },
        decode(r) {
            return { path: r.string(fPath), version: r.int(fVersion) };
        },
    };
}
function pathTypeCodec(name, field) {
    const fPath = `${name}.path`;
    const fType = `${name}.${field}`;
    return {
        name,
        encode(w, v) {
            w.ustring(v.path).int(v.type, fType);
        },
        decode(r) {
            return { path: r.string(fPath), type: r.int(fType) };
        },
    };
}
export const CreateRequestCodec = {
    name: 'CreateRequest',
    encode(w, v) {
        w.ustring(v.path).buffer(v.data);
        writeAcls(w, v.acl);
        w.int(v.flags, 'CreateRequest.flags');
    },
    decode(r) {
        return {
            path: r.string('CreateRequest.path'),
            data: r.buffer('CreateRequest.data'),
            acl: readAcls(r, 'CreateRequest.acl'),
            flags: r.int('CreateRequest.flags'),
        };
    },
};
export const CreateTTLRequestCodec = {
    name: 'CreateTTLRequest',
    encode(w, v) {
        w.ustring(v.path).buffer(v.data);
        writeAcls(w, v.acl);
        w.int(v.flags, 'CreateTTLRequest.flags').long(v.ttl, 'CreateTTLRequest.ttl');
    },
    decode(r) {
        return {
            path: r.string('CreateTTLRequest.path'),
            data: r.buffer('CreateTTLRequest.data'),
            acl: readAcls(r, 'CreateTTLRequest.acl'),
            flags: r.int('CreateTTLRequest.flags'),
            ttl: r.long('CreateTTLRequest.ttl'),
        };
    },
};
export const SetDataRequestCodec = {
    name: 'SetDataRequest',
    encode(w, v) {
        w.ustring(v.path).buffer(v.data).int(v.version, 'SetDataRequest.version');
    },
    decode(r) {
        return {
            path: r.string('SetDataRequest.path'),
            data: r.buffer('SetDataRequest.data'),
            version: r.int('SetDataRequest.version'),
        };
    },
};
export const SetACLRequestCodec = {
    name: 'SetACLRequest',
    encode(w, v) {
        w.ustring(v.path);
        writeAcls(w, v.acl);
        w.int(v.version, 'SetACLRequest.version');
    },
    decode(r) {
        return {
            path: r.string('SetACLRequest.path'),
            acl: readAcls(r, 'SetACLRequest.acl'),
            version: r.int('SetACLRequest.version'),
        };
    },
};
export const DeleteRequestCodec = pathVersionCodec('DeleteRequest');
export const CheckVersionRequestCodec = pathVersionCodec('CheckVersionRequest');
export const ExistsRequestCodec = pathWatchCodec('ExistsRequest');
export const GetDataRequestCodec = pathWatchCodec('GetDataRequest');
export const GetChildrenRequestCodec = pathWatchCodec('GetChildrenRequest');
export const GetChildren2RequestCodec = pathWatchCodec('GetChildren2Request');
export const GetACLRequestCodec = pathCodec('GetACLRequest');
export const SyncRequestCodec = pathCodec('SyncRequest');
export const GetAllChildrenNumberRequestCodec = pathCodec('GetAllChildrenNumberRequest');
/** GetEphemeralsRequest's one field is `prefixPath`; `path` here. */
export const GetEphemeralsRequestCodec = pathCodec('GetEphemeralsRequest', 'prefixPath');
export const CheckWatchesRequestCodec = pathTypeCodec('CheckWatchesRequest', 'type');
export const RemoveWatchesRequestCodec = pathTypeCodec('RemoveWatchesRequest', 'type');
/** AddWatchRequest's `mode` is `type` here. */
export const AddWatchRequestCodec = pathTypeCodec('AddWatchRequest', 'mode');
//# sourceMappingURL=records-requests.js.map