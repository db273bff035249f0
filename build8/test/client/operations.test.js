/**
 * The ZooKeeper 3.5–3.9 operations of ZkClient (operations.ts) on the built-in wire, against a
 * real server, each result checked against what another client sees; and the clear refusal of
 * each of them on the node-zookeeper-client backend.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { errorForCode, NoAuthError, NoNodeError, NoWatcherError, Perm, UnimplementedError, UnsupportedOperationError, ZkClient, ZkCode, } from '../../src/index.js';
import { ZkTestServer } from '../../src/testing/index.js';
import { eventually, onCleanup, sleep, startServer } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await open({ wire: 'node-zookeeper-client' });
});
async function open(extra = {}) {
    const client = new ZkClient(server.connectString, { sessionTimeout: 4000, wire: 'built-in', ...extra });
    onCleanup(() => client.close());
    await client.connect();
    return client;
}
/** The client's current session (its wire, its persistent watches), for kicks and leak checks. */
function sessionOf(client) {
    return client.keeper.liveSession();
}
test('createWithStat: the Stat of the new node in the same reply, as another client sees it', async () => {
    const c = await open();
    const r = await c.createWithStat('/c2', Buffer.from('x'), { mode: 'persistent' });
    assert.equal(r.path, '/c2');
    assert.deepEqual(r.stat, await admin.exists('/c2'));
    const seq = await c.createWithStat('/c2/s-', undefined, { mode: 'ephemeral-sequential' });
    assert.match(seq.path, /^\/c2\/s-\d{10}$/);
    assert.equal(seq.stat.ephemeralOwner, c.sessionOwner);
});
test("create 'container': the server removes it once its last child is gone", async () => {
    const c = await open();
    assert.equal(await c.create('/box', undefined, { mode: 'container' }), '/box');
    await c.create('/box/item');
    await sleep(500); // the reaper runs every 100 ms (the harness's setting): a container with a child stays
    assert.ok(await admin.exists('/box'), 'a container with a child stays');
    await admin.delete('/box/item');
    await eventually(async () => (await admin.exists('/box')) === null, 10_000, 'the empty container removed');
});
test('create with a TTL: gone after its TTL; the TTL modes need ttl and the others refuse it', async () => {
    const c = await open();
    const r = await c.createWithStat('/ttl', Buffer.from('t'), { mode: 'persistent-with-ttl', ttl: 300 });
    assert.ok(await admin.exists('/ttl'));
    // The server keeps the TTL in ephemeralOwner but shows clients 0 (DataNode.getClientEphemeralOwner).
    assert.equal(r.stat.ephemeralOwner, 0n);
    const seq = await c.create('/ttl-', undefined, { mode: 'persistent-sequential-with-ttl', ttl: 300 });
    assert.match(seq, /^\/ttl-\d{10}$/);
    await eventually(async () => (await admin.exists('/ttl')) === null, 10_000, 'the TTL node removed');
    await eventually(async () => (await admin.exists(seq)) === null, 10_000, 'the sequential TTL node removed');
    assert.throws(() => c.create('/t1', undefined, { mode: 'persistent-with-ttl' }), /needs a ttl option/);
    assert.throws(() => c.create('/t1', undefined, { ttl: 10 }), /ttl is only for the TTL create modes/);
    assert.throws(() => c.create('/t1', undefined, { mode: 'persistent-with-ttl', ttl: -5 }), /ttl must be an integer number of ms from 1 to \d+, got -5/);
    assert.throws(() => c.create('/t1', undefined, { mode: 'sticky' }), /unknown create mode "sticky"/);
    assert.throws(() => c.multi([{ op: 'create', path: '/m', mode: 'container' }]), /ops\[0\]\.mode "container" cannot be used in a multi/);
});
test('getChildrenWithStat: the children and the Stat in one reply', async () => {
    const c = await open();
    await admin.create('/gc');
    await admin.create('/gc/a');
    await admin.create('/gc/b');
    const r = await c.getChildrenWithStat('/gc');
    assert.deepEqual(r.children.sort(), ['a', 'b']);
    assert.deepEqual(r.stat, await admin.exists('/gc'));
});
test('getACL / setACL: another client is refused what the new ACL does not grant', async () => {
    const c = await open();
    await admin.create('/acl');
    const before = await c.getACL('/acl');
    assert.deepEqual(before.acl, [{ perms: Perm.ALL, scheme: 'world', id: 'anyone' }]);
    const stat = await c.setACL('/acl', [{ perms: Perm.READ | Perm.ADMIN, scheme: 'world', id: 'anyone' }]);
    assert.equal(stat.aversion, 1);
    await assert.rejects(admin.setData('/acl', Buffer.from('no')), NoAuthError);
    assert.deepEqual((await c.getACL('/acl')).acl, [
        { perms: Perm.READ | Perm.ADMIN, scheme: 'world', id: 'anyone' },
    ]);
    assert.throws(() => c.setACL('/acl', [{ perms: 99, scheme: 'world', id: 'anyone' }]), /acl\[0\]\.perms .* got 99/);
    assert.throws(() => c.setACL('/acl', []), /acl must be a non-empty array/);
});
test('sync, getAllChildrenNumber, getConfig', async () => {
    const c = await open();
    await admin.create('/all');
    await admin.create('/all/a');
    await admin.create('/all/a/b');
    await admin.create('/all/c');
    await c.sync('/all');
    assert.equal(await c.getAllChildrenNumber('/all'), 3);
    await assert.rejects(c.getAllChildrenNumber('/missing'), NoNodeError);
    const config = await c.getConfig();
    const seen = await admin.getData('/zookeeper/config');
    assert.equal(config.config, seen.data.toString());
    assert.deepEqual(config.stat, seen.stat);
});
test('multiRead: per-read results; a missing node fails its own read only', async () => {
    const c = await open();
    await admin.create('/mr', Buffer.from('d'));
    await admin.create('/mr/k');
    const [data, missing, children] = await c.multiRead([
        { op: 'getData', path: '/mr' },
        { op: 'getData', path: '/mr-missing' },
        { op: 'getChildren', path: '/mr' },
    ]);
    assert.ok(data?.op === 'getData');
    assert.equal(data.data.toString(), 'd');
    assert.deepEqual(data.stat, await admin.exists('/mr'));
    assert.ok(missing?.op === 'error' && missing.error instanceof NoNodeError);
    assert.equal(missing.error.path, '/mr-missing');
    assert.deepEqual(children, { op: 'getChildren', children: ['k'] });
    assert.throws(() => c.multiRead([{ op: 'setData', path: '/mr' }]), /ops\[0\] must be/);
});
test('getEphemerals lists this session’s ephemeral nodes only; whoAmI shows the digest user', async () => {
    const c = await open({ auth: [{ scheme: 'digest', credentials: 'alice:secret' }] });
    const other = await open();
    await admin.create('/eph');
    await c.create('/eph/mine', undefined, { mode: 'ephemeral' });
    await c.create('/eph-top', undefined, { mode: 'ephemeral' });
    await other.create('/eph/theirs', undefined, { mode: 'ephemeral' });
    assert.deepEqual((await c.getEphemerals()).sort(), ['/eph-top', '/eph/mine']);
    assert.deepEqual(await c.getEphemerals('/eph/'), ['/eph/mine']);
    const me = await c.whoAmI();
    assert.ok(me.some((i) => i.scheme === 'digest' && i.user === 'alice'), JSON.stringify(me));
    assert.ok((await other.whoAmI()).every((i) => i.scheme !== 'digest'));
});
test('addWatch persistent-recursive: created/changed/deleted on a subtree, survives a kick, stops after remove()', async () => {
    const c = await open();
    await admin.create('/rw');
    const events = [];
    const w = await c.addWatch('/rw', {
        mode: 'persistent-recursive',
        listener: (e) => events.push(`${e.type} ${e.path}`),
    });
    assert.equal(w.active, true);
    await admin.create('/rw/a');
    await admin.create('/rw/a/b');
    await admin.setData('/rw/a', Buffer.from('1'));
    await admin.setData('/rw/a', Buffer.from('2')); // it keeps firing
    await admin.delete('/rw/a/b');
    await eventually(() => events.length === 5, 5000, 'five events');
    assert.deepEqual(events.splice(0), [
        'nodeCreated /rw/a',
        'nodeCreated /rw/a/b',
        'nodeDataChanged /rw/a',
        'nodeDataChanged /rw/a',
        'nodeDeleted /rw/a/b',
    ]);
    const connects = c.connects;
    sessionOf(c).wire.kick();
    await eventually(() => c.connects > connects && c.state === 'connected', 10_000, 'reconnected');
    // A request of ours answered after the reconnect: the SetWatches2 sent before it is in force on
    // the server (a change from another session before that would not be replayed to a persistent watch).
    await c.exists('/');
    await admin.create('/rw/after');
    await eventually(() => events.length === 1, 5000, 'an event after the kick (SetWatches2)');
    assert.deepEqual(events.splice(0), ['nodeCreated /rw/after']);
    await w.remove();
    assert.equal(w.active, false);
    assert.equal(sessionOf(c).persistent.size, 0, 'nothing left behind');
    await admin.create('/rw/late');
    await admin.setData('/rw', Buffer.from('x'));
    await sleep(500);
    assert.deepEqual(events, [], 'nothing after remove()');
});
test('addWatch persistent: a node’s own events; a one-shot watch on the same path outlives its removal; sessionEnded at close', async () => {
    const c = await open({ sessionTimeout: 4000 });
    await admin.create('/pw');
    const events = [];
    const w = await c.addWatch('/pw', {
        mode: 'persistent',
        listener: (e) => events.push(`${e.type} ${e.path}`),
    });
    await admin.create('/pw/x');
    await admin.setData('/pw', Buffer.from('1'));
    await eventually(() => events.length === 2, 5000, 'two events');
    assert.deepEqual(events.splice(0), ['nodeChildrenChanged /pw', 'nodeDataChanged /pw']);
    // removeWatches of type Any (what 3.8 takes) drops the one-shot watch too: the wire sets it again.
    const oneShot = [];
    await c.getData('/pw', { watch: (e) => oneShot.push(e) });
    await w.remove();
    await admin.setData('/pw', Buffer.from('2'));
    await eventually(() => oneShot.length === 1, 5000, 'the one-shot watch still fires');
    assert.equal(oneShot[0]?.type, 'nodeDataChanged');
    assert.deepEqual(events, []);
    const ended = [];
    await c.addWatch('/pw', { mode: 'persistent', listener: (e) => ended.push(e) });
    await c.close();
    assert.deepEqual(ended, [{ type: 'sessionEnded', path: '' }]);
    await assert.rejects(c.addWatch('/pw', { mode: 'sideways', listener: () => { } }), /mode must be/);
});
test('removeWatches: the one-shot watch never fires; no watch there is NoWatcherError', async () => {
    const c = await open();
    await admin.create('/rm');
    const fired = [];
    await c.getData('/rm', { watch: (e) => fired.push(e) });
    assert.equal(c.pendingWatches, 1);
    await c.removeWatches('/rm', 'data');
    assert.equal(c.pendingWatches, 0, 'the caller’s watch is forgotten');
    await admin.setData('/rm', Buffer.from('1'));
    await sleep(300);
    assert.deepEqual(fired, []);
    await assert.rejects(c.removeWatches('/rm', 'any'), NoWatcherError);
    await assert.rejects(c.removeWatches('/rm', 'all'), /type must be 'data', 'children' or 'any', got "all"/);
});
test('the node-zookeeper-client backend refuses each new operation at once, naming it and the built-in wire', async () => {
    const c = admin;
    const calls = [
        ['create', () => c.create('/x', undefined, { mode: 'container' })],
        ['create', () => c.createWithStat('/x')],
        ['getACL', () => c.getACL('/')],
        ['setACL', () => c.setACL('/x', [{ perms: 31, scheme: 'world', id: 'anyone' }])],
        ['sync', () => c.sync('/')],
        ['multiRead', () => c.multiRead([{ op: 'getData', path: '/' }])],
        ['addWatch', () => c.addWatch('/', { mode: 'persistent', listener: () => { } })],
        ['removeWatches', () => c.removeWatches('/')],
        ['getEphemerals', () => c.getEphemerals()],
        ['getAllChildrenNumber', () => c.getAllChildrenNumber('/')],
        ['whoAmI', () => c.whoAmI()],
        ['getConfig', () => c.getConfig()],
    ];
    for (const [op, call] of calls) {
        await assert.rejects(call(), (e) => {
            assert.ok(e instanceof UnsupportedOperationError, String(e));
            assert.equal(e.operation, op);
            assert.match(e.message, new RegExp(`^${op} is not available on the node-zookeeper-client backend.*wire: 'built-in'`));
            return true;
        });
    }
    assert.equal(await admin.exists('/x'), null, 'nothing was sent');
    // getChildrenWithStat is a 3.4 operation: both backends have it.
    assert.ok(Array.isArray((await c.getChildrenWithStat('/')).children));
});
test('UnimplementedError: a server without extended types refuses createTTL, and the error says what it needs', async () => {
    const old = await ZkTestServer.start({ jvmArgs: ['-Dzookeeper.extendedTypesEnabled=false'] });
    onCleanup(() => old.close());
    const c = new ZkClient(old.connectString, { wire: 'built-in', sessionTimeout: 4000 });
    onCleanup(() => c.close());
    await c.connect();
    await assert.rejects(c.create('/t', undefined, { mode: 'persistent-with-ttl', ttl: 1000 }), (e) => {
        assert.ok(e instanceof UnimplementedError, String(e));
        assert.equal(e.code, ZkCode.UNIMPLEMENTED);
        assert.equal(e.operation, 'createTTL');
        assert.equal(e.since, '3.5.3');
        assert.equal(e.message, 'the server does not implement createTTL (at /t): it needs ZooKeeper 3.5.3 or later with zookeeper.extendedTypesEnabled=true');
        return true;
    });
    // The mapping of a bare code (no operation known), as errorForCode gives it.
    const bare = errorForCode(ZkCode.UNIMPLEMENTED, { path: '/p' });
    assert.ok(bare instanceof UnimplementedError);
    assert.equal(bare.message, 'UNIMPLEMENTED at /p');
    const named = new UnimplementedError(undefined, { operation: 'whoAmI', since: '3.7.0' });
    assert.equal(named.message, 'the server does not implement whoAmI: it needs ZooKeeper 3.7.0 or later');
});
//# sourceMappingURL=operations.test.js.map