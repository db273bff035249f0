/**
 * The records test/fixtures/JuteBytes.java builds with ZooKeeper's classes, written again here
 * by hand for our codec (same names, same values). Used by the round-trip tests and by the
 * comparison with the jars' bytes.
 */
import { MultiHeaderCodec, MultiRequestCodec, MultiResponseCodec } from '../../src/client/protocol/multi.js';
import { AclCodec, ClientInfoCodec, IdCodec, StatCodec } from '../../src/client/protocol/records-data.js';
import * as rep from '../../src/client/protocol/records-replies.js';
import * as req from '../../src/client/protocol/records-requests.js';
import * as ses from '../../src/client/protocol/records-session.js';
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);
export const NON_BMP = '/zk/\u00e9\u20ac\u{1F600}-x';
export const STAT1 = {
    czxid: 1n,
    mzxid: 2n,
    ctime: 1700000000000n,
    mtime: 1700000000001n,
    version: -1,
    cversion: -2,
    aversion: 0x7fffffff,
    ephemeralOwner: LONG_MAX,
    dataLength: 0,
    numChildren: -0x80000000,
    pzxid: LONG_MIN,
};
export const STAT2 = {
    czxid: 10n,
    mzxid: 11n,
    ctime: 12n,
    mtime: 13n,
    version: 1,
    cversion: 2,
    aversion: 3,
    ephemeralOwner: 0x1234567890abcdefn,
    dataLength: 4,
    numChildren: 5,
    pzxid: 14n,
};
const OPEN = { perms: 31, scheme: 'world', id: 'anyone' };
const IP = { perms: 1, scheme: 'ip', id: '10.0.0.1' };
const PASSWD = Buffer.from(Array.from({ length: 16 }, (_, i) => i * 17));
const b = (...bytes) => Buffer.from(bytes);
export const CASES = [
    {
        name: 'ConnectRequest',
        codec: ses.ConnectRequestCodec,
        value: {
            protocolVersion: 0,
            lastZxidSeen: LONG_MAX - 1n,
            timeOut: 30000,
            sessionId: LONG_MAX,
            passwd: PASSWD,
            readOnly: true,
        },
        optionalLastByte: true,
    },
    {
        name: 'ConnectRequest.null',
        codec: ses.ConnectRequestCodec,
        value: { protocolVersion: 0, lastZxidSeen: 0n, timeOut: 0, sessionId: 0n, passwd: null, readOnly: false },
        optionalLastByte: true,
    },
    {
        name: 'ConnectResponse',
        codec: ses.ConnectResponseCodec,
        value: {
            protocolVersion: 0,
            timeOut: 40000,
            sessionId: 0x100000abcdef0001n,
            passwd: PASSWD,
            readOnly: true,
        },
        optionalLastByte: true,
    },
    { name: 'RequestHeader', codec: ses.RequestHeaderCodec, value: { xid: 7, type: 15 } },
    { name: 'RequestHeader.ping', codec: ses.RequestHeaderCodec, value: { xid: -2, type: 11 } },
    { name: 'ReplyHeader', codec: ses.ReplyHeaderCodec, value: { xid: -1, zxid: -1n, err: -101 } },
    { name: 'Stat', codec: StatCodec, value: STAT1 },
    { name: 'Id', codec: IdCodec, value: { scheme: 'digest', id: 'user:hash=' } },
    { name: 'Id.loneSurrogate', codec: IdCodec, value: { scheme: 'lone', id: '\ud800x' } },
    { name: 'ACL', codec: AclCodec, value: OPEN },
    { name: 'ClientInfo', codec: ClientInfoCodec, value: { authScheme: 'x509', user: 'CN=client' } },
    {
        name: 'CreateRequest',
        codec: req.CreateRequestCodec,
        value: { path: NON_BMP, data: b(0, 1, 2, 255), acl: [OPEN, IP], flags: 3 },
    },
    {
        name: 'CreateRequest.emptyData',
        codec: req.CreateRequestCodec,
        value: { path: '/c', data: b(), acl: [], flags: 4 },
    },
    {
        name: 'CreateRequest.nullData',
        codec: req.CreateRequestCodec,
        value: { path: '/n', data: null, acl: [OPEN], flags: 0 },
    },
    {
        name: 'CreateTTLRequest',
        codec: req.CreateTTLRequestCodec,
        value: { path: '/ttl', data: b(0x78), acl: [OPEN], flags: 5, ttl: LONG_MAX },
    },
    { name: 'CreateResponse', codec: rep.CreateResponseCodec, value: { path: '/a-0000000001' } },
    { name: 'Create2Response', codec: rep.Create2ResponseCodec, value: { path: NON_BMP, stat: STAT1 } },
    { name: 'DeleteRequest', codec: req.DeleteRequestCodec, value: { path: '/a', version: -1 } },
    { name: 'ExistsRequest', codec: req.ExistsRequestCodec, value: { path: '/a', watch: true } },
    { name: 'ExistsResponse', codec: rep.ExistsResponseCodec, value: { stat: STAT2 } },
    { name: 'GetDataRequest', codec: req.GetDataRequestCodec, value: { path: '/a', watch: false } },
    { name: 'GetDataResponse', codec: rep.GetDataResponseCodec, value: { data: b(1, 2, 3), stat: STAT1 } },
    { name: 'GetDataResponse.nullData', codec: rep.GetDataResponseCodec, value: { data: null, stat: STAT2 } },
    {
        name: 'SetDataRequest',
        codec: req.SetDataRequestCodec,
        value: { path: '/a', data: b(), version: 0x7fffffff },
    },
    { name: 'SetDataResponse', codec: rep.SetDataResponseCodec, value: { stat: STAT1 } },
    { name: 'GetChildrenRequest', codec: req.GetChildrenRequestCodec, value: { path: '/', watch: true } },
    { name: 'GetChildren2Request', codec: req.GetChildren2RequestCodec, value: { path: '/', watch: false } },
    { name: 'GetChildrenResponse', codec: rep.GetChildrenResponseCodec, value: { children: ['a', 'b'] } },
    {
        name: 'GetChildren2Response',
        codec: rep.GetChildren2ResponseCodec,
        value: { children: ['\u{1F600}', '', 'c'], stat: STAT2 },
    },
    { name: 'GetACLRequest', codec: req.GetACLRequestCodec, value: { path: '/a' } },
    { name: 'GetACLResponse', codec: rep.GetACLResponseCodec, value: { acl: [OPEN, IP], stat: STAT1 } },
    { name: 'SetACLRequest', codec: req.SetACLRequestCodec, value: { path: '/a', acl: [IP], version: -1 } },
    { name: 'SetACLResponse', codec: rep.SetACLResponseCodec, value: { stat: STAT2 } },
    { name: 'SyncRequest', codec: req.SyncRequestCodec, value: { path: '/' } },
    { name: 'SyncResponse', codec: rep.SyncResponseCodec, value: { path: '/' } },
    {
        name: 'CheckVersionRequest',
        codec: req.CheckVersionRequestCodec,
        value: { path: '/a', version: -0x80000000 },
    },
    { name: 'MultiHeader', codec: MultiHeaderCodec, value: { type: 1, done: false, err: -1 } },
    {
        name: 'MultiRequest',
        codec: MultiRequestCodec,
        value: [
            { type: 1, request: { path: '/m1', data: b(1), acl: [OPEN], flags: 3 } },
            { type: 19, request: { path: '/m2', data: null, acl: [OPEN], flags: 4 } },
            { type: 21, request: { path: '/m3', data: b(3), acl: [IP], flags: 5, ttl: 5000n } },
            { type: 2, request: { path: '/m4', version: -1 } },
            { type: 5, request: { path: '/m5', data: b(5, 5), version: 3 } },
            { type: 13, request: { path: NON_BMP, version: 7 } },
        ],
    },
    {
        name: 'MultiRequest.read',
        codec: MultiRequestCodec,
        value: [
            { type: 8, request: { path: '/r', watch: false } },
            { type: 4, request: { path: '/r/x', watch: false } },
        ],
    },
    { name: 'MultiRequest.empty', codec: MultiRequestCodec, value: [] },
    {
        name: 'MultiResponse',
        codec: MultiResponseCodec,
        value: [
            { type: 1, path: '/m1-0000000001' },
            { type: 15, path: '/m2', stat: STAT1 },
            { type: 2 },
            { type: 5, stat: STAT2 },
            { type: 13 },
            { type: -1, err: -101 },
        ],
    },
    {
        name: 'MultiResponse.read',
        codec: MultiResponseCodec,
        value: [
            { type: 8, children: ['x', 'y'] },
            { type: 4, data: b(9), stat: STAT1 },
            { type: -1, err: -102 },
        ],
    },
    { name: 'AddWatchRequest', codec: req.AddWatchRequestCodec, value: { path: '/w', type: 1 } },
    { name: 'RemoveWatchesRequest', codec: req.RemoveWatchesRequestCodec, value: { path: '/w', type: 3 } },
    { name: 'CheckWatchesRequest', codec: req.CheckWatchesRequestCodec, value: { path: '/w', type: 1 } },
    {
        name: 'SetWatches',
        codec: ses.SetWatchesCodec,
        value: { relativeZxid: LONG_MAX, dataWatches: ['/d1', '/d2'], existWatches: [], childWatches: ['/c'] },
    },
    {
        name: 'SetWatches2',
        codec: ses.SetWatches2Codec,
        value: {
            relativeZxid: 1234567890123n,
            dataWatches: ['/d'],
            existWatches: ['/e1', '/e2'],
            childWatches: ['/c'],
            persistentWatches: ['/p'],
            persistentRecursiveWatches: [NON_BMP],
        },
    },
    { name: 'GetEphemeralsRequest', codec: req.GetEphemeralsRequestCodec, value: { path: '/prefix' } },
    {
        name: 'GetEphemeralsResponse',
        codec: rep.GetEphemeralsResponseCodec,
        value: { ephemerals: ['/e1', '/e2'] },
    },
    { name: 'GetAllChildrenNumberRequest', codec: req.GetAllChildrenNumberRequestCodec, value: { path: '/' } },
    {
        name: 'GetAllChildrenNumberResponse',
        codec: rep.GetAllChildrenNumberResponseCodec,
        value: { totalNumber: 0x7fffffff },
    },
    {
        name: 'WhoAmIResponse',
        codec: rep.WhoAmIResponseCodec,
        value: {
            clientInfo: [
                { authScheme: 'ip', user: '127.0.0.1' },
                { authScheme: 'x509', user: 'CN=client' },
            ],
        },
    },
    { name: 'WatcherEvent', codec: ses.WatcherEventCodec, value: { type: 4, state: 3, path: '/w' } },
    { name: 'WatcherEvent.expired', codec: ses.WatcherEventCodec, value: { type: -1, state: -112, path: '' } },
    {
        name: 'AuthPacket',
        codec: ses.AuthPacketCodec,
        value: { type: 0, scheme: 'digest', auth: Buffer.from('user:pass') },
    },
    { name: 'ErrorResponse', codec: ses.ErrorResponseCodec, value: { err: -101 } },
];
//# sourceMappingURL=protocol-cases.js.map