/**
 * The wire client's defects that ZkClient mends, each reproduced against a real server.
 * (The socket kick is covered by zk-client.test.ts: "a short silence ... same session".)
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ZkError } from '../../src/index.js';
import { needsHarness, ZkTestServer } from '../../src/testing/index.js';
import { connect, onCleanup } from '../helpers.js';
let server;
before(async () => {
    if (needsHarness())
        return;
    // Quotas are enforced only with this property (ZooKeeper 3.7+): QUOTA_EXCEEDED is a code
    // newer than ZooKeeper 3.4, which makes node-zookeeper-client throw inside its socket handler.
    server = await ZkTestServer.start({ tickTime: 200, jvmArgs: ['-Dzookeeper.enforceQuota=true'] });
    onCleanup(() => server.close());
});
test('a server error code newer than ZooKeeper 3.4 becomes a typed error, not a crash', {
    skip: needsHarness(),
}, async () => {
    const c = await connect(server.connectString);
    await c.create('/q');
    await c.mkdirp('/zookeeper/quota/q');
    await c.create('/zookeeper/quota/q/zookeeper_stats', Buffer.from('count=1,bytes=0'));
    await c.create('/zookeeper/quota/q/zookeeper_limits', Buffer.from('count=-1,bytes=-1,countHardLimit=2,byteHardLimit=-1'));
    await c.create('/q/a');
    await assert.rejects(c.create('/q/b'), (e) => e instanceof ZkError && e.code === -125 && e.codeName === 'QUOTA_EXCEEDED' && e.path === '/q/b');
    await assert.rejects(c.multi([{ op: 'create', path: '/q/c' }]), (e) => e.codeName === 'QUOTA_EXCEEDED');
    assert.ok(await c.exists('/q'), 'the client still works');
});
test('node-zookeeper-client: requests queued in one tick leave in one socket write, and are answered in order', {
    skip: needsHarness(),
}, async () => {
    // protocol-wire.test.ts does the same for the built-in wire.
    const c = await connect(server.connectString, { wire: 'node-zookeeper-client' });
    await c.create('/batch');
    const socket = c.keeper.session.wire.client.connectionManager.socket;
    const write = socket.write;
    let writes = 0;
    socket.write = function (...args) {
        writes += 1;
        return write.apply(this, args);
    };
    const order = [];
    try {
        await Promise.all(Array.from({ length: 50 }, (_, i) => c.create(`/batch/n${i}`).then(() => order.push(i))));
    }
    finally {
        socket.write = write;
    }
    assert.equal(writes, 1, 'one write for 50 requests');
    assert.deepEqual(order, [...Array(50).keys()]);
    assert.equal((await c.getChildren('/batch')).length, 50);
});
//# sourceMappingURL=wire.test.js.map