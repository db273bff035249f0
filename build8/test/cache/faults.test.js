/**
 * ZkCache under faults, each fault proven first: changes made while the cache's client is
 * partitioned (blackholed), while the server restarts, across a session expiry, and during
 * connection resets in a burst of changes are all seen once it heals, and the cache's final
 * state equals the server's, node by node. Bounds are measured from the heal, and generous.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ZkCache } from '../../src/index.js';
import { needsHarness } from '../../src/testing/index.js';
import { connect, disconnect, eventually, nextEvent, sleep, startProxy, startServer, } from '../helpers.js';
import { assertSameAsServer, record } from './common.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString, { wire: 'built-in' });
});
const buf = (s) => Buffer.from(s);
/** A tree of a few levels under `root`, with data. */
async function seed(root) {
    await admin.create(root, buf('root'));
    for (const a of ['a', 'b', 'c']) {
        await admin.create(`${root}/${a}`, buf(a));
        for (const x of ['1', '2'])
            await admin.create(`${root}/${a}/${x}`, buf(`${a}${x}`));
    }
}
/** Changes of every kind: data, new nodes (two levels deep), a subtree deleted, a node re-created. */
async function changeEverything(root) {
    await admin.setData(`${root}/a`, buf('a-changed'));
    await admin.setData(root, buf('root-changed'));
    await admin.create(`${root}/d`, buf('d'));
    await admin.create(`${root}/d/deep`, buf('deep'));
    await admin.delete(`${root}/b/1`);
    await admin.delete(`${root}/b/2`);
    await admin.delete(`${root}/b`);
    await admin.delete(`${root}/c/1`);
    await admin.create(`${root}/c/1`, buf('c1-again'));
}
test('partitioned (blackholed) until suspended: every change made meanwhile is seen after the heal', async () => {
    await seed('/part');
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 10_000 });
    const cache = new ZkCache(client, '/part');
    await cache.start();
    const seen = record(cache);
    const suspended = nextEvent(client, 'suspended', 20_000);
    proxy.blackhole();
    await suspended; // the client itself says it is cut off
    await changeEverything('/part');
    await sleep(300);
    assert.equal(cache.get('/part/d'), undefined, 'nothing of the changes reached the cut-off client');
    assert.equal(seen.length, 0, 'no event while cut off');
    const healed = Date.now();
    proxy.pass();
    await assertSameAsServer(cache, admin, '/part', 20_000);
    for (const e of ['changed /part/a a-changed', 'created /part/d/deep deep', 'deleted /part/b'])
        assert.ok(seen.includes(e), `${e} in ${JSON.stringify(seen)}`);
    console.log(`# partition: the cache equal to the server ${Date.now() - healed} ms after the heal`);
    await cache.close();
});
test('the server restarts while the cache’s client is kept away: the changes made then are seen', {
    skip: needsHarness(),
}, async () => {
    await seed('/restart');
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 20_000 });
    const cache = new ZkCache(client, '/restart');
    await cache.start();
    const seen = record(cache);
    await disconnect(proxy, client); // refused and reset: suspended, and cannot come back yet
    await server.restart();
    await eventually(async () => (await admin.exists('/')) !== null, 20_000, 'the admin client back');
    await changeEverything('/restart');
    assert.equal(client.state, 'suspended', 'the cache’s client was away the whole time');
    const reconnected = nextEvent(client, 'reconnected', 30_000);
    proxy.pass();
    await reconnected; // the same session: the watch is restored, and the tree re-read
    await assertSameAsServer(cache, admin, '/restart', 20_000);
    assert.ok(seen.includes('created /restart/d/deep deep'), JSON.stringify(seen));
    assert.ok(!seen.includes('rebuilt'), 'a reconnect is no rebuild');
    await cache.close();
});
test('session expiry: the cache rebuilds on the new session, says so, and ends equal to the server', async () => {
    await seed('/expire');
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 2000 });
    const cache = new ZkCache(client, '/expire');
    await cache.start();
    const seen = record(cache);
    const firstSession = client.sessionId;
    const lost = nextEvent(client, 'lost', 20_000);
    proxy.blackhole();
    await lost; // the session is gone (its deadline passed)
    await changeEverything('/expire');
    const rebuilt = nextEvent(cache, 'rebuilt', 30_000);
    proxy.pass();
    await rebuilt;
    assert.notEqual(client.sessionId, firstSession, 'a new session');
    await assertSameAsServer(cache, admin, '/expire', 20_000);
    assert.equal(seen.at(-1), 'rebuilt', 'the differences, then rebuilt');
    assert.ok(seen.includes('deleted /expire/b'), JSON.stringify(seen));
    // The new session's watch works: a change after the rebuild is heard.
    await admin.setData('/expire/a', buf('after'));
    await eventually(() => cache.get('/expire/a')?.data?.toString() === 'after', 5000, 'a change after');
    await cache.close();
});
test('connection resets during a burst of changes: the final state is the server’s', async () => {
    await admin.create('/burst');
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 10_000 });
    const cache = new ZkCache(client, '/burst');
    await cache.start();
    let written = false;
    const writing = (async () => {
        for (let round = 0; round < 10; round++) {
            const ops = [];
            for (let i = 0; i < 40; i++) {
                const p = `/burst/n${i}`;
                ops.push(round === 0
                    ? admin.create(p, buf('0'))
                    : i % 4 === round % 4
                        ? admin.delete(p).then(() => admin.create(p, buf(`re${round}`)))
                        : admin.setData(p, buf(`${round}`)));
            }
            await Promise.all(ops);
        }
        written = true;
    })();
    let resetsDuringWrites = 0;
    for (let i = 0; i < 3; i++) {
        await sleep(20);
        const connects = client.connects;
        if (!written)
            resetsDuringWrites++;
        proxy.reset();
        await eventually(() => client.connects > connects && client.state === 'connected', 20_000, 'reconnected');
    }
    await writing;
    assert.ok(resetsDuringWrites > 0, 'a connection was reset while the changes went on');
    await assertSameAsServer(cache, admin, '/burst', 20_000);
    await cache.close();
});
//# sourceMappingURL=faults.test.js.map