/**
 * Request bodies (after the RequestHeader), one codec per record of zookeeper.jute. Records
 * of the same shape share a hand-written codec made once per record, so that errors still name
 * the record (`DeleteRequest.version`).
 */
import type { Acl } from '../types.js';
import { type Codec, type PathRecord, pathCodec, readAcls, writeAcls } from './records-data.js';

/** A request of one path. */
export type PathRequest = PathRecord;

/** A read that may leave a one-shot watch. */
export interface PathWatchRequest {
  path: string;
  watch: boolean;
}

function pathWatchCodec(name: string): Codec<PathWatchRequest> {
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

/** `version` -1 matches any version. */
export interface PathVersionRequest {
  path: string;
  version: number;
}

function pathVersionCodec(name: string): Codec<PathVersionRequest> {
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

/** CheckWatches / RemoveWatches (`type`: WatcherType) and AddWatch (`mode`: AddWatchMode). */
export interface WatchTypeRequest {
  path: string;
  type: number;
}

function pathTypeCodec(name: string, field: 'type' | 'mode'): Codec<WatchTypeRequest> {
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

/** CreateRequest: create, create2 and createContainer (flags say the mode). */
export interface CreateRequest {
  path: string;
  data: Buffer | null;
  acl: readonly Acl[];
  flags: number;
}

export const CreateRequestCodec: Codec<CreateRequest> = {
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

/** CreateTTLRequest (createTTL, 3.5.3): `ttl` in milliseconds. */
export interface CreateTTLRequest extends CreateRequest {
  ttl: bigint;
}

export const CreateTTLRequestCodec: Codec<CreateTTLRequest> = {
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

export interface SetDataRequest {
  path: string;
  data: Buffer | null;
  version: number;
}

export const SetDataRequestCodec: Codec<SetDataRequest> = {
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

export interface SetACLRequest {
  path: string;
  acl: readonly Acl[];
  version: number;
}

export const SetACLRequestCodec: Codec<SetACLRequest> = {
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
