/**
 * ZkServiceDiscovery against a real server: registration in curator-x-discovery's layout
 * (ephemeral nodes owned by the session), update, unregister, close() leaving no node, providers
 * and their strategies, nodes that are not discovery documents (skipped with a warning), bad
 * input, and the node-zookeeper-client backend (a provider says it needs { wire: 'built-in' }).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DiscoveryClosedError, UnsupportedOperationError, ZkServiceDiscovery, } from '../../src/index.js';
import { clientListeners, connect, eventually, startServer } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString, { wire: 'built-in' });
});
/** A logger that keeps the warnings. */
function warningsLogger() {
    const warnings = [];
    const logger = {
        debug: () => { },
        info: () => { },
        warn: (m) => warnings.push(m),
        error: () => { },
    };
    return { logger, warnings };
}
test('register writes an ephemeral node of this session at <base>/<name>/<id>; update, unregister, services, instances', async () => {
    const client = await connect(server.connectString, { wire: 'built-in' });
    const listeners = clientListeners(client);
    const discovery = new ZkServiceDiscovery(client, '/svc1');
    const a = await discovery.register({
        name: 'api',
        id: 'a',
        address: '10.0.0.1',
        port: 8080,
        payload: { zone: 'eu' },
    });
    const b = await discovery.register({ name: 'api', address: '10.0.0.2', sslPort: 8443 });
    await discovery.register({ name: 'db', id: 'static', address: 'db', port: 5432, serviceType: 'STATIC' });
    assert.match(b.id, /^[0-9a-f-]{36}$/, 'a random UUID by default');
    const stat = await admin.exists('/svc1/api/a');
    assert.equal(stat?.ephemeralOwner, client.sessionOwner, 'DYNAMIC: an ephemeral node of this session');
    assert.equal((await admin.exists('/svc1/db/static'))?.ephemeralOwner, 0n, 'STATIC: persistent');
    assert.deepEqual((await discovery.services()).sort(), ['api', 'db']);
    const seen = await new ZkServiceDiscovery(admin, '/svc1').instances('api');
    assert.deepEqual(seen.map((i) => i.id), [a.id, b.id].sort());
    assert.deepEqual(seen.find((i) => i.id === 'a'), { ...a, payloadClass: 'java.util.LinkedHashMap' });
    const updated = await discovery.update({ ...a, port: 9090, enabled: false });
    assert.equal(updated.port, 9090);
    const after = (await discovery.instances('api')).find((i) => i.id === 'a');
    assert.equal(after?.port, 9090);
    assert.equal(after?.enabled, false);
    await assert.rejects(discovery.update({ name: 'api', id: 'nope', address: 'x' }), /instance "nope" of service "api" is not registered by this discovery/);
    assert.equal(await discovery.unregister('a'), true);
    assert.equal(await discovery.unregister('a'), false, 'not registered any more');
    assert.equal(await admin.exists('/svc1/api/a'), null);
    assert.deepEqual(await discovery.instances('missing'), [], 'a service with no node: none');
    await discovery.close();
    assert.equal(await admin.exists(`/svc1/api/${b.id}`), null, 'close() removes ours');
    assert.equal(await admin.exists('/svc1/db/static'), null, 'a STATIC one too (as Curator’s close())');
    assert.equal(clientListeners(client), listeners, 'no listener left on the client');
    await assert.rejects(discovery.register({ name: 'api', address: 'h' }), DiscoveryClosedError);
    await discovery.close(); // idempotent
    await client.close();
});
test('registering an id that is there replaces the node: it is then owned by this session', async () => {
    const other = await connect(server.connectString, { wire: 'built-in' });
    await new ZkServiceDiscovery(other, '/svc2').register({ name: 'api', id: 'same', address: 'old' });
    const client = await connect(server.connectString, { wire: 'built-in' });
    const discovery = new ZkServiceDiscovery(client, '/svc2');
    await discovery.register({ name: 'api', id: 'same', address: 'new' });
    assert.equal((await admin.exists('/svc2/api/same'))?.ephemeralOwner, client.sessionOwner);
    assert.equal((await discovery.instances('api'))[0]?.address, 'new');
    await other.close(); // the old owner's end does not take our node
    assert.equal((await admin.getData('/svc2/api/same')).data.toString().includes('"new"'), true);
    await discovery.close();
    await client.close();
});
test('a provider picks by its strategy from the cached instances, follows changes, and skips disabled ones', async () => {
    const client = await connect(server.connectString, { wire: 'built-in' });
    const listeners = clientListeners(client);
    const discovery = new ZkServiceDiscovery(client, '/svc3');
    for (const id of ['i1', 'i2', 'i3'])
        await discovery.register({ name: 'api', id, address: id, port: 1 });
    const rr = discovery.provider('api', { strategy: 'round-robin' });
    const sticky = discovery.provider('api', { strategy: 'sticky' });
    const random = discovery.provider('api', { strategy: 'random' });
    const filtered = discovery.provider('api', { filter: (i) => i.id !== 'i2' });
    await Promise.all([rr.start(), sticky.start(), random.start(), filtered.start()]);
    assert.deepEqual(Array.from({ length: 6 }, () => rr.getInstance()?.id), ['i1', 'i2', 'i3', 'i1', 'i2', 'i3']);
    const held = sticky.getInstance()?.id;
    for (let n = 0; n < 5; n++)
        assert.equal(sticky.getInstance()?.id, held, 'sticky keeps its choice');
    const picks = new Set(Array.from({ length: 60 }, () => random.getInstance()?.id));
    assert.ok(picks.size >= 2 && [...picks].every((id) => ['i1', 'i2', 'i3'].includes(id)), [...picks].join());
    assert.deepEqual(filtered.getAllInstances().map((i) => i.id), ['i1', 'i3']);
    // Changes reach the providers: a disabled instance is out, a removed one too, a new one in.
    await discovery.update({ name: 'api', id: 'i1', address: 'i1', port: 1, enabled: false });
    await discovery.unregister(held);
    await discovery.register({ name: 'api', id: 'i4', address: 'i4', port: 1 });
    const expected = ['i2', 'i3', 'i4'].filter((id) => id !== held);
    await eventually(() => JSON.stringify(rr.getAllInstances().map((i) => i.id)) === JSON.stringify(expected), 10_000, 'the provider follows');
    await eventually(() => sticky.getInstance()?.id !== held, 10_000, 'sticky moves on when its instance is gone');
    await discovery.close();
    assert.throws(() => rr.getInstance(), DiscoveryClosedError, 'providers close with the discovery');
    assert.equal(clientListeners(client), listeners, 'no listener left on the client');
    await client.close();
});
test('nodes that are not discovery documents are skipped with a warning, never a crash', async () => {
    const { logger, warnings } = warningsLogger();
    const client = await connect(server.connectString, { wire: 'built-in', logger });
    const discovery = new ZkServiceDiscovery(client, '/svc4');
    await discovery.register({ name: 'api', id: 'good', address: 'h', port: 1 });
    await admin.create('/svc4/api/garbage', Buffer.from('not json {'));
    await admin.create('/svc4/api/empty');
    await admin.create('/svc4/api/wrong', Buffer.from('{"name":"api","id":"wrong","port":"eighty"}'));
    assert.deepEqual((await discovery.instances('api')).map((i) => i.id), ['good']);
    for (const id of ['garbage', 'empty', 'wrong'])
        assert.ok(warnings.some((w) => w.includes(`/svc4/api/${id} is not a service instance`)), `${id}: ${warnings.join('\n')}`);
    const provider = discovery.provider('api');
    await provider.start();
    const before = warnings.length;
    assert.deepEqual(provider.getAllInstances().map((i) => i.id), ['good']);
    assert.equal(warnings.length, before + 3, `the provider warned once per bad node: ${warnings.join('\n')}`);
    provider.getAllInstances();
    assert.equal(warnings.length, before + 3, '...and only once per version');
    await admin.setData('/svc4/api/garbage', Buffer.from('{"name":"api","id":"garbage","address":"fixed"}'));
    await eventually(() => provider.getAllInstances().some((i) => i.id === 'garbage'), 10_000, 'a node fixed is picked up');
    await discovery.close();
    for (const p of ['garbage', 'empty', 'wrong'])
        await admin.delete(`/svc4/api/${p}`);
    await client.close();
});
test('bad input: the bad value named, nothing sent', async () => {
    const client = await connect(server.connectString, { wire: 'built-in' });
    assert.throws(() => new ZkServiceDiscovery(client, 'services'), /invalid basePath "services": it must start with '\/'/);
    assert.throws(() => new ZkServiceDiscovery({}, '/s'), /client must be a ZkClient/);
    const discovery = new ZkServiceDiscovery(client, '/svc5');
    await assert.rejects(discovery.register({ name: 'a/b', address: 'h' }), /invalid service name "a\/b"/);
    await assert.rejects(discovery.register({ name: 'api', address: 'h', port: 65536 }), RangeError);
    await assert.rejects(discovery.register({ name: 'api', address: 'h', payload: { f: Symbol('x') } }), /payload\.f is not JSON-serializable: a symbol/);
    await assert.rejects(discovery.instances('..'), /invalid service name "\.\."/);
    await assert.rejects(discovery.unregister(''), /invalid instance id "": it is empty/);
    await discovery.register({ name: 'one', id: 'taken', address: 'h' });
    await assert.rejects(discovery.register({ name: 'two', id: 'taken', address: 'h' }), /instance id "taken" is registered here for service "one": unregister it first/);
    await discovery.unregister('taken');
    assert.throws(() => discovery.provider('api', { strategy: 'fastest' }), /strategy must be one of round-robin, random, sticky, got "fastest"/);
    assert.throws(() => discovery.provider('api', { filter: 1 }), /filter must be a function/);
    const p = discovery.provider('api');
    assert.throws(() => p.getInstance(), /not started: await provider\.start\(\) first/);
    assert.equal(await admin.exists('/svc5/two'), null, 'nothing was written for the refused ones');
    await discovery.close();
    await client.close();
});
test("node-zookeeper-client backend: registration and instances() work; a provider says it needs { wire: 'built-in' }", async () => {
    const client = await connect(server.connectString, { wire: 'node-zookeeper-client' });
    const discovery = new ZkServiceDiscovery(client, '/svc6');
    await discovery.register({ name: 'api', id: 'x', address: 'h', port: 1 });
    assert.deepEqual((await discovery.instances('api')).map((i) => i.id), ['x']);
    const provider = discovery.provider('api');
    await assert.rejects(provider.start(), (e) => {
        assert.ok(e instanceof UnsupportedOperationError);
        assert.match(e.message, /a service provider .*discovery\.instances\(\) reads without one.*\{ wire: 'built-in' \}/);
        return true;
    });
    await discovery.close();
    assert.equal(await admin.exists('/svc6/api/x'), null);
    await client.close();
});
test('the client closed before the discovery: close() settles at once, the persistent node left is logged', async () => {
    const { logger, warnings } = warningsLogger();
    const client = await connect(server.connectString, { wire: 'built-in', logger });
    const discovery = new ZkServiceDiscovery(client, '/svc7');
    await discovery.register({ name: 'api', id: 'dyn', address: 'h' });
    await discovery.register({ name: 'api', id: 'stat', address: 'h', serviceType: 'STATIC' });
    await client.close();
    assert.equal(await admin.exists('/svc7/api/dyn'), null, 'the ephemeral one went with the session');
    await discovery.close();
    assert.ok(warnings.some((w) => w.includes('could not remove /svc7/api/stat')), warnings.join('\n'));
    assert.ok(await admin.exists('/svc7/api/stat'), 'a persistent node outlives a closed client (as in Curator)');
    await admin.delete('/svc7/api/stat');
});
//# sourceMappingURL=discovery.test.js.map