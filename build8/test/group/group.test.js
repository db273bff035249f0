/** ZkGroupMember against a real ZooKeeper: membership, change events, a killed member, re-joining after a session loss, bad input. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { monotonicNow, NodeExistsError, PARTY_MARKER, ZkGroupMember, } from '../../src/index.js';
import { spawnLines } from '../barriers/spawn-lines.js';
import { connect, eventually, SESSION_TIMEOUT, sleep, startProxy, startServer } from '../helpers.js';
const worker = fileURLToPath(new URL('./group-worker.js', import.meta.url));
/** Allowed beyond the session timeout for the server's expiry check and a loaded machine. */
const MARGIN = 5000;
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
const ids = (m) => [...m.keys()];
describe('ZkGroupMember', () => {
    test('join, members with their data, change events and changes(), leave', async () => {
        const path = '/groups/basic';
        const [ca, cb] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const a = new ZkGroupMember(ca, path, { memberId: 'a', data: 'host-a' });
        const b = new ZkGroupMember(cb, path, { memberId: 'b', data: Buffer.from([1, 2]) });
        const observer = new ZkGroupMember(admin, path);
        const stop = new AbortController();
        const seen = [];
        const following = (async () => {
            for await (const change of observer.changes({ signal: stop.signal }))
                seen.push(change);
        })();
        await a.join();
        const events = [];
        a.on('change', (c) => events.push(c));
        await b.join();
        const members = await observer.members();
        assert.deepEqual(ids(members), ['a', 'b']);
        assert.equal(members.get('a').toString(), 'host-a');
        assert.deepEqual(members.get('b'), Buffer.from([1, 2]));
        await eventually(() => seen.some((c) => c.joined.includes('b')));
        await b.leave();
        await eventually(() => seen.some((c) => c.left.includes('b')));
        await eventually(() => events.some((c) => c.left.includes('b')), 10_000, "a's change event for b leaving");
        await a.leave();
        await a.leave(); // idempotent
        await eventually(() => seen.at(-1)?.members.size === 0);
        stop.abort();
        await following;
        assert.deepEqual(ids(await observer.members()), []);
        assert.equal(ca.pendingWatches + admin.pendingWatches, 0, 'no watch left');
    });
    test("the default member id is Kazoo Party's form; partyParticipants() lists what Kazoo's Party would", async () => {
        const m = new ZkGroupMember(admin, '/groups/party', { data: 'worker-1' });
        assert.match(m.memberId, new RegExp(`^[0-9a-f]{32}${PARTY_MARKER}$`));
        await m.join();
        await new ZkGroupMember(admin, '/groups/party', { memberId: 'curator-style' }).join();
        assert.deepEqual(await m.partyParticipants(), ['worker-1']);
        assert.equal((await m.members()).size, 2);
    });
    test('a member killed -9 disappears within the session timeout plus a margin', async () => {
        const path = '/groups/killed';
        const child = spawnLines(worker, [server.connectString, path, 'doomed']);
        await eventually(() => child.lines.includes('joined'), 15_000, 'the child joined');
        const observer = new ZkGroupMember(admin, path);
        assert.deepEqual(ids(await observer.members()), ['doomed']);
        const gone = (async () => {
            for await (const c of observer.changes())
                if (c.left.includes('doomed'))
                    return monotonicNow();
        })();
        const killedAt = monotonicNow();
        assert.equal(await child.kill9(), 'SIGKILL');
        const took = (await gone) - killedAt;
        assert.ok(took <= 3000 + MARGIN, `gone ${Math.round(took)} ms after the kill (its session timeout 3000 ms)`);
        process.stdout.write(`group: a killed member left the view ${Math.round(took)} ms after the kill\n`);
    });
    test('re-joins on a new session after a session loss, and after its node was deleted', async () => {
        const path = '/groups/rejoin';
        const proxy = await startProxy(server.connectString);
        const c = await connect(proxy.connectString, { sessionTimeout: SESSION_TIMEOUT });
        const m = new ZkGroupMember(c, path, { memberId: 'phoenix', data: 'x' });
        await m.join();
        const owner = (await admin.exists(`${path}/phoenix`)).ephemeralOwner;
        let rejoined = 0;
        m.on('rejoined', () => rejoined++);
        const lost = new Promise((r) => c.once('lost', r));
        proxy.blackhole();
        await lost;
        // The fault: the server expired the session, and its node with it.
        await eventually(async () => (await admin.exists(`${path}/phoenix`)) === null, 15_000, 'the node gone on the server');
        proxy.pass();
        await eventually(async () => {
            const stat = await admin.exists(`${path}/phoenix`);
            return stat !== null && stat.ephemeralOwner !== owner;
        }, 15_000, 'back on a new session');
        await eventually(() => rejoined === 1, 5000, 'rejoined told once'); // the create's answer may trail the node
        await admin.delete(`${path}/phoenix`);
        await eventually(async () => (await admin.exists(`${path}/phoenix`)) !== null, 10_000, 're-created after a delete');
        await eventually(() => rejoined === 2, 5000, 'rejoined told again');
        await m.leave();
        assert.equal(await admin.exists(`${path}/phoenix`), null);
    });
    test('a member whose client closes stops keeping its node, quietly; leave() afterwards resolves', async () => {
        const errors = [];
        const logger = { debug() { }, info() { }, warn() { }, error: (...a) => errors.push(a) };
        const c = await connect(server.connectString);
        const m = new ZkGroupMember(c, '/groups/closing', { memberId: 'm', logger });
        m.on('error', (e) => errors.push(e));
        await m.join();
        await c.close();
        await eventually(async () => (await admin.exists('/groups/closing/m')) === null, 5000, 'gone with the session');
        await sleep(1500); // a retry of the keeping would have run by now
        await m.leave();
        assert.deepEqual(errors, []);
    });
    test('a member id held by another session is refused; bad input is named', async () => {
        const other = await connect(server.connectString);
        await new ZkGroupMember(other, '/groups/taken', { memberId: 'me' }).join();
        await assert.rejects(new ZkGroupMember(admin, '/groups/taken', { memberId: 'me' }).join(), (e) => e instanceof NodeExistsError && /\/groups\/taken\/me is held by another session/.test(e.message));
        assert.throws(() => new ZkGroupMember(admin, 'groups'), /invalid group path "groups"/);
        assert.throws(() => new ZkGroupMember(admin, '/g', { memberId: 'a/b' }), /memberId must be a node name/);
        assert.throws(() => new ZkGroupMember(admin, '/g', { memberId: '' }), /memberId must be a node name/);
        assert.throws(() => new ZkGroupMember(admin, '/g', { data: 5 }), /data must be a Buffer or a string/);
    });
});
//# sourceMappingURL=group.test.js.map