import { ClientInfoCodec, pathCodec, readAcls, StatCodec, writeAcls, } from './records-data.js';
function statCodec(name) {
    return {
        name,
        encode(w, v) {
            StatCodec.encode(w, v.stat);
        },
        decode(r) {
            return { stat: StatCodec.decode(r) };
        },
    };
}
export const CreateResponseCodec = pathCodec('CreateResponse');
export const SyncResponseCodec = pathCodec('SyncResponse');
export const ExistsResponseCodec = statCodec('ExistsResponse');
export const SetDataResponseCodec = statCodec('SetDataResponse');
export const SetACLResponseCodec = statCodec('SetACLResponse');
export const Create2ResponseCodec = {
    name: 'Create2Response',
    encode(w, v) {
        w.ustring(v.path);
        StatCodec.encode(w, v.stat);
    },
    decode(r) {
        return { path: r.string('Create2Response.path'), stat: StatCodec.decode(r) };
    },
};
export const GetDataResponseCodec = {
    name: 'GetDataResponse',
    encode(w, v) {
        w.buffer(v.data);
        StatCodec.encode(w, v.stat);
    },
    decode(r) {
        return { data: r.buffer('GetDataResponse.data'), stat: StatCodec.decode(r) };
    },
};
export const GetACLResponseCodec = {
    name: 'GetACLResponse',
    encode(w, v) {
        writeAcls(w, v.acl);
        StatCodec.encode(w, v.stat);
    },
    decode(r) {
        return { acl: readAcls(r, 'GetACLResponse.acl'), stat: StatCodec.decode(r) };
    },
};
export const GetChildrenResponseCodec = {
    name: 'GetChildrenResponse',
    encode(w, v) {
        w.stringVector(v.children);
    },
    decode(r) {
        return { children: r.stringVector('GetChildrenResponse.children') };
    },
};
export const GetChildren2ResponseCodec = {
    name: 'GetChildren2Response',
    encode(w, v) {
        w.stringVector(v.children);
        StatCodec.encode(w, v.stat);
    },
    decode(r) {
        return { children: r.stringVector('GetChildren2Response.children'), stat: StatCodec.decode(r) };
    },
};
export const GetEphemeralsResponseCodec = {
    name: 'GetEphemeralsResponse',
    encode(w, v) {
        w.stringVector(v.ephemerals);
    },
    decode(r) {
        return { ephemerals: r.stringVector('GetEphemeralsResponse.ephemerals') };
    },
};
export const GetAllChildrenNumberResponseCodec = {
    name: 'GetAllChildrenNumberResponse',
    encode(w, v) {
        w.int(v.totalNumber, 'GetAllChildrenNumberResponse.totalNumber');
    },
    decode(r) {
        return { totalNumber: r.int('GetAllChildrenNumberResponse.totalNumber') };
    },
};
export const WhoAmIResponseCodec = {
    name: 'WhoAmIResponse',
    encode(w, v) {
        w.vector(v.clientInfo, ClientInfoCodec.encode);
    },
    decode(r) {
        return { clientInfo: r.vector('WhoAmIResponse.clientInfo', 8, ClientInfoCodec.decode) };
    },
};
//# sourceMappingURL=records-replies.js.map