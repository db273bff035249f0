/** Regression tests named for field bugs of Curator and Kazoo that a lock library must not repeat. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ZkLock, ZkReadWriteLock } from '../../src/index.js';
import { connect, eventually, holderAndProxiedContender, nextEvent, releaseCutOffByReset, sleep, startServer, } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
const children = (name) => admin.getChildren(`/locks/${name}`).catch(() => []);
describe('field bugs', () => {
    test('CURATOR-604: a waiter whose session was replaced never acquires on its old node', async () => {
        const { proxy, holder, waiterClient, waiter } = await holderAndProxiedContender(server.connectString, 'c604');
        const p = waiter.acquire(60_000);
        await eventually(async () => (await children('c604')).length === 2);
        const oldOwner = waiterClient.sessionOwner;
        proxy.blackhole();
        await nextEvent(waiterClient, 'lost');
        proxy.pass();
        await nextEvent(waiterClient, 'connected');
        await holder.release();
        assert.equal(await p, true);
        const stat = await admin.exists(waiter.nodePath);
        assert.equal(stat?.ephemeralOwner, waiterClient.sessionOwner, 'held on a node of the current session');
        assert.notEqual(stat?.ephemeralOwner, oldOwner);
        assert.equal((await children('c604')).length, 1);
        await waiter.release();
    });
    for (const lost of ['request', 'reply']) {
        test(`CURATOR-678: a release whose delete hits connection loss (the ${lost} lost) does not leave the node to block later acquires`, async () => {
            const name = `c678-${lost}`;
            // The helper proves the fault: with the request lost the node was still there after the
            // reset; with the reply lost the server had deleted it.
            const { client } = await releaseCutOffByReset(server.connectString, name, lost);
            await eventually(async () => (await children(name)).length === 0, 10_000, 'the node deleted by the background retry');
            await eventually(() => client.state === 'connected' || undefined, 10_000, 'reconnected');
            const other = await connect(server.connectString);
            assert.equal(await new ZkLock(other, name).acquire(2000), true, 'a later acquire succeeds');
        });
    }
    test('Kazoo 649: readers and writers queued behind each other do not deadlock (right predecessor)', async () => {
        const clients = await Promise.all([1, 2, 3, 4].map(() => connect(server.connectString)));
        const [w1, r1, r2, w2] = clients.map((c) => new ZkReadWriteLock(c, 'k649'));
        await w1.writeLock.acquire();
        const order = [];
        const r1p = r1.readLock.acquire(10_000).then(() => order.push('r1'));
        await eventually(async () => (await children('k649')).length === 2);
        const r2p = r2.readLock.acquire(10_000).then(() => order.push('r2'));
        await eventually(async () => (await children('k649')).length === 3);
        const w2p = w2.writeLock.acquire(10_000).then(() => order.push('w2'));
        await eventually(async () => (await children('k649')).length === 4);
        await w1.writeLock.release();
        await Promise.all([r1p, r2p]);
        assert.deepEqual(order.sort(), ['r1', 'r2'], 'both readers hold together once the first writer leaves');
        await r1.readLock.release();
        await sleep(100);
        assert.equal(w2.writeLock.isAcquired, false, 'the writer waits for the second reader');
        await r2.readLock.release();
        await w2p;
        assert.ok(order.includes('w2'));
        await w2.writeLock.release();
    });
    test('Kazoo 732: a failed try-lock does not leak its node', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'k732');
        await holder.acquire();
        for (let i = 0; i < 5; i++)
            assert.equal(await new ZkLock(c2, 'k732').acquire(0), false);
        assert.equal((await children('k732')).length, 1);
        await holder.release();
    });
});
//# sourceMappingURL=regressions.test.js.map