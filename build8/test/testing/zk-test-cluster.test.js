import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { FaultProxy, fourLetterWord, ZkTestCluster } from '../../src/testing/index.js';
import { harnessSkip, isAlive, processesMentioning, withWireClient } from './helpers.js';
describe('ZkTestCluster', { skip: harnessSkip(), timeout: 90_000 }, () => {
    let cluster;
    before(async () => {
        cluster = await ZkTestCluster.start({ size: 3 });
    });
    after(() => cluster?.close());
    test('three members on distinct ports, one leader', async () => {
        assert.equal(cluster.members.length, 3);
        const addresses = cluster.connectString.split(',');
        assert.deepEqual(addresses, cluster.members.map((m) => m.connectString));
        assert.equal(new Set(addresses).size, 3);
        assert.deepEqual(cluster.members.map((m) => m.myid), [1, 2, 3]);
        assert.equal(new Set(cluster.members.map((m) => m.dataDir)).size, 3);
        for (const m of cluster.members)
            assert.equal(fs.readFileSync(`${m.dataDir}/myid`, 'utf8').trim(), String(m.myid));
        const modes = await Promise.all(cluster.members.map((m) => m.mode()));
        assert.deepEqual([...modes].sort(), ['follower', 'follower', 'leader']);
        const leader = await cluster.leader();
        assert.ok(leader);
        assert.equal(await leader.mode(), 'leader');
        assert.equal(await cluster.leaderIndex(), leader.index);
    });
    test('a proxy in front of each member', async () => {
        const proxies = await Promise.all(cluster.members.map((m) => FaultProxy.start({ target: m.connectString })));
        try {
            const replies = await Promise.all(proxies.map((p) => fourLetterWord('127.0.0.1', p.port, 'srvr')));
            assert.deepEqual(replies.map((r) => /Mode: (\w+)/.exec(r)?.[1]).sort(), [
                'follower',
                'follower',
                'leader',
            ]);
            const via = proxies.map((p) => p.connectString).join(',');
            await withWireClient(via, (c) => c.create('/harness-through-proxies', 'ok'));
            // Each proxy is on its own: cutting one off leaves the others answering.
            proxies[0].blackhole();
            await assert.rejects(fourLetterWord('127.0.0.1', proxies[0].port, 'ruok', 300), /no reply/);
            for (const p of proxies.slice(1))
                assert.equal(await fourLetterWord('127.0.0.1', p.port, 'ruok'), 'imok');
        }
        finally {
            await Promise.all(proxies.map((p) => p.close()));
        }
    });
    test('kill the leader: the others elect a new one and keep serving writes', async () => {
        await withWireClient(cluster.connectString, (c) => c.create('/harness-before', 'before'));
        const old = await cluster.leader();
        assert.ok(old);
        const oldPid = old.pid;
        await old.kill();
        assert.ok(!isAlive(oldPid));
        const next = await cluster.waitForQuorum(20_000);
        assert.notEqual(next.myid, old.myid);
        assert.equal(await next.mode(), 'leader');
        const survivors = cluster.members.filter((m) => m !== old).map((m) => m.connectString);
        await withWireClient(survivors.join(','), async (c) => {
            await c.create('/harness-after', 'after');
            assert.equal(await c.get('/harness-before'), 'before');
        });
        // The old leader comes back as a follower and catches up.
        await old.restart();
        assert.equal((await cluster.waitForQuorum(20_000)).myid, next.myid);
        assert.equal(await old.mode(), 'follower');
        assert.equal(await withWireClient(old.connectString, (c) => c.get('/harness-after')), 'after');
    });
    test('close() leaves no JVM and no temp dirs', async () => {
        const pids = cluster.members.map((m) => m.pid);
        const dirs = cluster.members.map((m) => m.dataDir);
        await cluster.close();
        for (const pid of pids)
            assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
        for (const dir of dirs) {
            assert.ok(!fs.existsSync(dir));
            assert.deepEqual(processesMentioning(dir), []);
        }
        await cluster.close();
    });
});
//# sourceMappingURL=zk-test-cluster.test.js.map