/**
 * Regression tests named for field bugs of Curator's InterProcessSemaphoreV2 (orphaned lease
 * nodes, a stuck semaphore) and Kazoo's Semaphore (more holders than the maximum). Each first
 * proves its fault happened.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ZkSemaphore } from '../../src/index.js';
import { connect, eventually, nextEvent, SESSION_TIMEOUT, startProxy, startServer, zkReplies, } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
const leaseNodes = (name) => admin.getChildren(`/semaphores/${name}/leases`).catch(() => []);
/** The lease and mutex nodes left under semaphore `name`. */
async function nodesLeft(name) {
    const out = [];
    for (const sub of ['leases', 'locks']) {
        const children = await admin.getChildren(`/semaphores/${name}/${sub}`).catch(() => []);
        out.push(...children.map((c) => `${sub}/${c}`));
    }
    return out;
}
describe('semaphore field bugs', () => {
    test('CURATOR-315: the answer to our lease node’s create is lost: the acquire finds it, no orphan', async () => {
        const proxy = await startProxy(server.connectString);
        const client = await connect(proxy.connectString);
        const sem = new ZkSemaphore(client, 'c315', { maxLeases: 1 });
        let created;
        const dropped = proxy.dropNextReply({
            match: (chunk) => {
                created = zkReplies(chunk).find((r) => r.xid >= 0 && r.err === 0 && r.path?.includes('-lease-'))?.path;
                return created !== undefined;
            },
        });
        const acquiring = sem.acquire(20_000);
        await dropped;
        // The fault happened: the server created our lease node; the client never heard.
        assert.ok(await admin.exists(created), `${created} exists on the server`);
        const [lease] = await acquiring;
        assert.ok(lease, 'acquired');
        assert.deepEqual(await leaseNodes('c315'), [lease.path.split('/').pop()], 'one lease node: ours');
        await lease.release();
        assert.deepEqual(await nodesLeft('c315'), []);
        const other = new ZkSemaphore(admin, 'c315', { maxLeases: 1 });
        const [next] = await other.acquire(2000);
        assert.ok(next, 'the semaphore is free');
        await next.release();
    });
    test('CURATOR-335: the connection drops after our lease node was created, before the leases were read: no orphan, no deadlock', async () => {
        const proxy = await startProxy(server.connectString);
        const client = await connect(proxy.connectString);
        const sem = new ZkSemaphore(client, 'c335', { maxLeases: 2 });
        // The answer to the leases' getChildren: the children's names, not a path.
        const dropped = proxy.dropNextReply({
            match: (chunk) => zkReplies(chunk).some((r) => r.xid >= 0 && r.err === 0 && r.path === undefined && r.body.includes('-lease-')),
        });
        const acquiring = sem.acquire(20_000);
        await dropped; // the fault happened: our node existed (its name was in the lost answer)
        const [lease] = await acquiring;
        assert.ok(lease, 'acquired after the drop');
        assert.equal((await leaseNodes('c335')).length, 1, 'no orphan beside our lease');
        // Not stuck: the other place is free to someone else, and both free after release.
        const other = new ZkSemaphore(admin, 'c335', { maxLeases: 2 });
        const [second] = await other.acquire(2000);
        assert.ok(second, 'the second place is free');
        await Promise.all([lease.release(), second.release()]);
        assert.deepEqual(await nodesLeft('c335'), []);
    });
    test('CURATOR-462: an acquire aborted while its lease node waits for a free place leaves no node', async () => {
        const holder = new ZkSemaphore(admin, 'c462', { maxLeases: 1, identifier: 'holder' });
        const [held] = await holder.acquire(5000);
        assert.ok(held);
        const client = await connect(server.connectString);
        const waiter = new ZkSemaphore(client, 'c462', { maxLeases: 1, identifier: 'waiter' });
        const stop = new AbortController();
        const waiting = waiter.acquire({ signal: stop.signal });
        // The fault's moment: our lease node exists and waits (2 lease nodes, the maximum is 1).
        await eventually(async () => (await leaseNodes('c462')).length === 2, 10_000, 'a waiting lease node');
        stop.abort(new Error('interrupted'));
        await assert.rejects(waiting, /interrupted/);
        assert.deepEqual(await holder.leases(), ['holder'], 'the waiting lease node was deleted');
        await held.release();
        await eventually(async () => (await nodesLeft('c462')).length === 0, 5000, 'no node left');
    });
    test('CURATOR-595: a holder’s session lost: its lease goes to another, and it can acquire again on its new session', async () => {
        const proxy = await startProxy(server.connectString);
        const far = await connect(proxy.connectString);
        const sem = new ZkSemaphore(far, 'c595', { maxLeases: 1, identifier: 'far' });
        const [lease] = await sem.acquire(5000);
        assert.ok(lease);
        const lost = nextEvent(far, 'lost');
        proxy.blackhole();
        await lost; // the fault happened: the session ended for the holder
        assert.ok(lease.signal.aborted, 'the holder was told');
        const rival = new ZkSemaphore(admin, 'c595', { maxLeases: 1, identifier: 'rival' });
        const [taken] = await rival.acquire(SESSION_TIMEOUT + 5000);
        assert.ok(taken, 'the lost lease was given to another');
        proxy.pass();
        await nextEvent(far, 'connected');
        await lease.release(); // quiet
        await taken.release();
        const [again] = await sem.acquire(5000);
        assert.ok(again, 'the old holder acquires again on its new session');
        assert.equal((await admin.exists(again.path))?.ephemeralOwner, far.sessionOwner);
        await again.release();
        await eventually(async () => (await nodesLeft('c595')).length === 0, 5000, 'no node left');
    });
    test('Kazoo #213: try-once acquires from five sessions at once never exceed the maximum', async () => {
        const clients = await Promise.all([0, 1, 2, 3, 4].map(() => connect(server.connectString)));
        const sems = clients.map((c, i) => new ZkSemaphore(c, 'k213', { maxLeases: 1, identifier: `s${i}` }));
        let granted = 0;
        for (let round = 0; round < 8; round++) {
            const got = (await Promise.all(sems.map((s) => s.acquire(0)))).flat();
            // Every lease of the round is still held here: they were held at once.
            assert.ok(got.length <= 1, `round ${round}: ${got.length} leases at once`);
            assert.ok((await leaseNodes('k213')).length <= 1);
            granted += got.length;
            await Promise.all(got.map((l) => l.release()));
        }
        assert.ok(granted >= 1, 'some try-once acquire succeeded (the test can see a grant)');
        await eventually(async () => (await nodesLeft('k213')).length === 0, 5000, 'no node left');
    });
});
//# sourceMappingURL=semaphore-regressions.test.js.map