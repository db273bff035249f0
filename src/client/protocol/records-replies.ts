/** Reply bodies (after the ReplyHeader), one codec per record of zookeeper.jute. */
import type { Acl, Stat } from '../types.js';
import {
  type ClientInfo,
  ClientInfoCodec,
  type Codec,
  type PathRecord,
  pathCodec,
  readAcls,
  StatCodec,
  writeAcls,
} from './records-data.js';

/** An answer of one path. */
export type PathResponse = PathRecord;

export interface StatResponse {
  stat: Stat;
}

function statCodec(name: string): Codec<StatResponse> {
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

/** create2, createContainer and createTTL answer with the new node's Stat (3.5). */
export interface Create2Response {
  path: string;
  stat: Stat;
}

export const Create2ResponseCodec: Codec<Create2Response> = {
  name: 'Create2Response',
  encode(w, v) {
    w.ustring(v.path);
    StatCodec.encode(w, v.stat);
  },
  decode(r) {
    return { path: r.string('Create2Response.path'), stat: StatCodec.decode(r) };
  },
};

export interface GetDataResponse {
  data: Buffer | null;
  stat: Stat;
}

export const GetDataResponseCodec: Codec<GetDataResponse> = {
  name: 'GetDataResponse',
  encode(w, v) {
    w.buffer(v.data);
    StatCodec.encode(w, v.stat);
  },
  decode(r) {
    return { data: r.buffer('GetDataResponse.data'), stat: StatCodec.decode(r) };
  },
};

export interface GetACLResponse {
  acl: Acl[];
  stat: Stat;
}

export const GetACLResponseCodec: Codec<GetACLResponse> = {
  name: 'GetACLResponse',
  encode(w, v) {
    writeAcls(w, v.acl);
    StatCodec.encode(w, v.stat);
  },
  decode(r) {
    return { acl: readAcls(r, 'GetACLResponse.acl'), stat: StatCodec.decode(r) };
  },
};

export interface GetChildrenResponse {
  children: string[];
}

export const GetChildrenResponseCodec: Codec<GetChildrenResponse> = {
  name: 'GetChildrenResponse',
  encode(w, v) {
    w.stringVector(v.children);
  },
  decode(r) {
    return { children: r.stringVector('GetChildrenResponse.children') };
  },
};

export interface GetChildren2Response {
  children: string[];
  stat: Stat;
}

export const GetChildren2ResponseCodec: Codec<GetChildren2Response> = {
  name: 'GetChildren2Response',
  encode(w, v) {
    w.stringVector(v.children);
    StatCodec.encode(w, v.stat);
  },
  decode(r) {
    return { children: r.stringVector('GetChildren2Response.children'), stat: StatCodec.decode(r) };
  },
};

export interface GetEphemeralsResponse {
  ephemerals: string[];
}

export const GetEphemeralsResponseCodec: Codec<GetEphemeralsResponse> = {
  name: 'GetEphemeralsResponse',
  encode(w, v) {
    w.stringVector(v.ephemerals);
  },
  decode(r) {
    return { ephemerals: r.stringVector('GetEphemeralsResponse.ephemerals') };
  },
};

export interface GetAllChildrenNumberResponse {
  totalNumber: number;
}

export const GetAllChildrenNumberResponseCodec: Codec<GetAllChildrenNumberResponse> = {
  name: 'GetAllChildrenNumberResponse',
  encode(w, v) {
    w.int(v.totalNumber, 'GetAllChildrenNumberResponse.totalNumber');
  },
  decode(r) {
    return { totalNumber: r.int('GetAllChildrenNumberResponse.totalNumber') };
  },
};

/** whoAmI (3.7): the identities the server holds for this session. */
export interface WhoAmIResponse {
  clientInfo: ClientInfo[];
}

export const WhoAmIResponseCodec: Codec<WhoAmIResponse> = {
  name: 'WhoAmIResponse',
  encode(w, v) {
    w.vector(v.clientInfo, ClientInfoCodec.encode);
  },
  decode(r) {
    return { clientInfo: r.vector('WhoAmIResponse.clientInfo', 8, ClientInfoCodec.decode) };
  },
};
