/**
 * Counters, barriers and group membership beside Curator 5 and Kazoo on the same paths, each
 * peer a process of its own (peers/PROTOCOL.md). Skipped, saying what to install, when a peer
 * cannot run here; with `CI` set a missing peer fails instead.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findPeer, PeerProcess, peersRequired } from '../../peers/peer-process.js';
import { NoNodeError, PARTY_MARKER, ZkAtomicLong, ZkBarrier, ZkCounter, ZkDoubleBarrier, ZkGroupMember, ZkSharedCount, } from '../../src/index.js';
import { connect, eventually, startServer } from '../helpers.js';
let server;
let clients;
before(async () => {
    server = await startServer();
    clients = await Promise.all([0, 1].map(() => connect(server.connectString)));
});
function skipWithout(kind) {
    const found = findPeer(kind);
    return 'missing' in found && !peersRequired() ? found.missing : false;
}
/** Increments `count` times through each client at once, by `incr`. */
async function ourIncrements(count, incr) {
    await Promise.all(clients.map(async (c) => {
        for (let i = 0; i < count; i++)
            await incr(c);
    }));
}
/** One SharedCount-style increment: read the count and its version, set count + 1 at that version, again until it lands. */
async function sharedIncrement(c, path) {
    const count = new ZkSharedCount(c, path);
    for (;;) {
        const { value, version } = await count.get();
        if (await count.trySetCount(value + 1, version))
            return;
    }
}
describe('with Curator', { skip: skipWithout('curator') }, () => {
    let peer;
    before(async () => {
        peer = await PeerProcess.start('curator', server.connectString);
    });
    after(() => peer?.close());
    test('DistributedAtomicLong and ours incrementing one node at once lose no increment', async () => {
        const path = '/interop/curator/along';
        const theirs = peer.send(`alongadd ${path} 100`, 120_000);
        await ourIncrements(50, (c) => new ZkAtomicLong(c, path).increment({ timeout: 60_000 }));
        assert.equal(await theirs, '100', 'every Curator increment succeeded');
        assert.equal(await new ZkAtomicLong(clients[0], path).get(), 200n);
        assert.equal(await peer.send(`alongget ${path}`), '200');
    });
    test('SharedCount and ours, versioned increments on one node at once: none lost', async () => {
        const path = '/interop/curator/scount';
        await new ZkSharedCount(clients[0], path).get(); // created with 0 before either starts
        const theirs = peer.send(`scountadd ${path} 60`, 120_000);
        await ourIncrements(30, (c) => sharedIncrement(c, path));
        assert.equal(await theirs, '60');
        assert.equal(await new ZkSharedCount(clients[0], path).getCount(), 120);
        assert.equal(await peer.send(`scountget ${path}`), '120');
    });
    test('one DistributedDoubleBarrier of 3: Curator and two of ours enter and leave together', async () => {
        const path = '/interop/curator/double';
        const ours = clients.map((c) => new ZkDoubleBarrier(c, path, 3));
        const theirEnter = peer.send(`dbenter ${path} 3 30000`, 60_000);
        await eventually(async () => (await ours[0].members()).length === 1, 10_000, "Curator's member node");
        assert.match((await ours[0].members())[0], /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        await Promise.all(ours.map((b) => b.enter(30_000)));
        assert.equal(await theirEnter, 'true', 'Curator entered once we did');
        const theirLeave = peer.send(`dbleave ${path} 30000`, 60_000);
        await Promise.all(ours.map((b) => b.leave(30_000)));
        assert.equal(await theirLeave, 'true');
        // Curator made the barrier's node a container: the server may have removed it already.
        const left = await clients[0].getChildren(path).catch((e) => {
            if (e instanceof NoNodeError)
                return [];
            throw e;
        });
        assert.deepEqual(left, []);
    });
    test('DistributedBarrier: Curator waits on ours, we wait on Curator’s', async () => {
        const path = '/interop/curator/gate';
        const gate = new ZkBarrier(clients[0], path);
        await gate.setBarrier();
        assert.equal(await peer.send(`barrierwait ${path} 300`), 'false', 'up: Curator waits');
        const theirs = peer.send(`barrierwait ${path} 30000`);
        await gate.removeBarrier();
        assert.equal(await theirs, 'true');
        assert.equal(await peer.send(`barrierset ${path}`), '');
        const waiting = gate.waitOnBarrier(30_000);
        assert.equal(await gate.isSet(), true);
        assert.equal(await peer.send(`barrierremove ${path}`), '');
        await waiting;
    });
    test('GroupMember: Curator sees our member and its data, we see Curator’s', async () => {
        const path = '/interop/curator/group';
        assert.equal(await peer.send(`groupjoin ${path} java-1 from-java`), '');
        const ours = new ZkGroupMember(clients[0], path, { memberId: 'node-1', data: 'from-node' });
        await ours.join();
        await eventually(async () => (await ours.members()).get('java-1')?.toString() === 'from-java');
        await eventually(async () => (await peer.send(`groupmembers ${path} java-1`)) === 'java-1=from-java node-1=from-node', 10_000, "Curator's view of both");
        await ours.leave();
        await eventually(async () => (await peer.send(`groupmembers ${path} java-1`)) === 'java-1=from-java');
        assert.equal(await peer.send(`groupleave ${path} java-1`), '');
        await eventually(async () => (await ours.members()).size === 0);
    });
});
describe('with Kazoo', { skip: skipWithout('kazoo') }, () => {
    let peer;
    before(async () => {
        peer = await PeerProcess.start('kazoo', server.connectString);
    });
    after(() => peer?.close());
    test("Kazoo's Counter (decimal) and our ZkCounter at once: none lost", async () => {
        const path = '/interop/kazoo/counter';
        const theirs = peer.send(`counteradd ${path} 40`, 120_000);
        await ourIncrements(20, (c) => new ZkCounter(c, path).increment({ timeout: 60_000 }));
        assert.equal(await theirs, '40');
        assert.equal(await new ZkCounter(clients[0], path).get(), 80n);
        assert.equal(await peer.send(`counterget ${path}`), '80');
    });
    test("Kazoo's Counter with support_curator and our ZkSharedCount at once: none lost", async () => {
        const path = '/interop/kazoo/curator-counter';
        const theirs = peer.send(`counteradd ${path} 40 curator`, 120_000);
        await ourIncrements(20, (c) => sharedIncrement(c, path));
        assert.equal(await theirs, '40');
        assert.equal(await new ZkSharedCount(clients[0], path).getCount(), 80);
        assert.equal(await peer.send(`counterget ${path} curator`), '80');
    });
    test("Kazoo's DoubleBarrier and ours on one path enter and leave together", async () => {
        const path = '/interop/kazoo/double';
        const ours = clients.map((c) => new ZkDoubleBarrier(c, path, 3));
        const theirEnter = peer.send(`dbenter ${path} 3`, 60_000);
        await eventually(async () => (await ours[0].members()).length === 1, 10_000, "Kazoo's member node");
        assert.match((await ours[0].members())[0], /^[0-9a-f]{32}$/, "Kazoo's node: a uuid's 32 hex digits");
        await Promise.all(ours.map((b) => b.enter(30_000)));
        assert.equal(await theirEnter, 'true');
        const theirLeave = peer.send(`dbleave ${path}`, 60_000);
        await Promise.all(ours.map((b) => b.leave(30_000)));
        assert.equal(await theirLeave, '');
        assert.deepEqual(await clients[0].getChildren(path), []);
    });
    test("Kazoo's Party lists our default member; we list Kazoo's", async () => {
        const path = '/interop/kazoo/party';
        assert.equal(await peer.send(`partyjoin ${path} py-1`), '');
        const ours = new ZkGroupMember(clients[0], path, { data: 'node-1' });
        await ours.join();
        assert.equal(await peer.send(`partymembers ${path}`), 'node-1 py-1');
        assert.deepEqual((await ours.partyParticipants()).sort(), ['node-1', 'py-1']);
        assert.ok([...(await ours.members()).keys()].every((id) => id.endsWith(PARTY_MARKER)));
        await ours.leave();
        assert.equal(await peer.send(`partymembers ${path}`), 'py-1');
        assert.equal(await peer.send(`partyleave ${path} py-1`), '');
    });
});
//# sourceMappingURL=counters-barriers-group.test.js.map