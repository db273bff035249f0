/** ZkAtomicLong, ZkCounter and ZkSharedCount against a real ZooKeeper: encodings, atomicity, watching, bad input. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CounterFormatError, CounterTimeoutError, WRITE_MARKER_PREFIX, ZkAtomicLong, ZkCounter, ZkSharedCount, } from '../../src/index.js';
import { connect, eventually, startServer } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
async function raw(path) {
    return (await admin.getData(path)).data;
}
async function markersLeft(path) {
    return (await admin.getChildren(path)).filter((c) => c.startsWith(WRITE_MARKER_PREFIX));
}
describe('ZkAtomicLong (Curator DistributedAtomicLong encoding)', () => {
    test('a missing node reads 0; changes resolve pre and post values; 8 bytes big-endian on the server', async () => {
        const n = new ZkAtomicLong(admin, '/counters/basic/hits');
        assert.equal(await n.get(), 0n);
        assert.deepEqual(await n.increment(), { preValue: 0n, postValue: 1n });
        assert.deepEqual(await n.add(41), { preValue: 1n, postValue: 42n });
        assert.deepEqual(await n.decrement(), { preValue: 42n, postValue: 41n });
        assert.deepEqual(await n.subtract(50n), { preValue: 41n, postValue: -9n });
        assert.deepEqual(await raw(n.path), Buffer.from('fffffffffffffff7', 'hex'));
        assert.deepEqual(await n.trySet(2n ** 40n), { preValue: -9n, postValue: 2n ** 40n });
        assert.deepEqual(await n.compareAndSet(7, 8), {
            succeeded: false,
            preValue: 2n ** 40n,
            postValue: 2n ** 40n,
        });
        assert.deepEqual(await n.compareAndSet(2n ** 40n, 8), {
            succeeded: true,
            preValue: 2n ** 40n,
            postValue: 8n,
        });
        await n.forceSet(-1);
        assert.equal(await n.get(), -1n);
        assert.equal(await n.initialize(5), false, 'the node exists: initialize leaves it');
        const fresh = new ZkAtomicLong(admin, '/counters/basic/fresh');
        assert.equal(await fresh.initialize(5), true);
        assert.equal(await fresh.get(), 5n);
        // An empty node is 0, as Curator reads it.
        await admin.create('/counters/basic/empty');
        assert.deepEqual(await new ZkAtomicLong(admin, '/counters/basic/empty').increment(), {
            preValue: 0n,
            postValue: 1n,
        });
        assert.deepEqual(await markersLeft(n.path), [], 'every write marker was deleted');
    });
    test('4 clients, 25 concurrent increments each: the final value is 100, every post value distinct', async () => {
        const clients = await Promise.all([0, 1, 2, 3].map(() => connect(server.connectString)));
        const posts = [];
        await Promise.all(clients.map(async (c) => {
            const n = new ZkAtomicLong(c, '/counters/contended');
            await Promise.all(Array.from({ length: 25 }, async () => posts.push((await n.increment({ timeout: 60_000 })).postValue)));
        }));
        assert.equal(await new ZkAtomicLong(admin, '/counters/contended').get(), 100n);
        assert.equal(new Set(posts).size, 100, 'each increment saw its own value');
        assert.deepEqual(await markersLeft('/counters/contended'), []);
        await Promise.all(clients.map((c) => c.close()));
    });
    test('a 64-bit overflow is a RangeError and nothing is written; bad input is named', async () => {
        const n = new ZkAtomicLong(admin, '/counters/overflow');
        await n.trySet(2n ** 63n - 1n);
        await assert.rejects(n.increment(), /9223372036854775807 \+ 1 must be from -9223372036854775808 to 9223372036854775807/);
        assert.equal(await n.get(), 2n ** 63n - 1n);
        assert.throws(() => n.add(1.5), (e) => e instanceof TypeError && /delta must be a bigint or a safe integer number, got 1.5/.test(e.message));
        assert.throws(() => n.add(2 ** 53), TypeError);
        assert.throws(() => n.trySet(2n ** 64n), RangeError);
        assert.throws(() => n.add(1, { timeout: -1 }), /timeout must be a non-negative number/);
        assert.throws(() => new ZkAtomicLong(admin, 'relative'), /invalid counter path "relative"/);
        assert.throws(() => new ZkAtomicLong(admin, '/'), /must not be "\/"/);
        assert.throws(() => new ZkAtomicLong({}, '/x'), /client must be a ZkClient/);
    });
    test('a node of the wrong length: CounterFormatError naming the path and the byte count', async () => {
        await admin.mkdirp('/counters/corrupt');
        await admin.create('/counters/corrupt/three', Buffer.from([1, 2, 3]));
        const n = new ZkAtomicLong(admin, '/counters/corrupt/three');
        await assert.rejects(n.increment(), (e) => e instanceof CounterFormatError &&
            e.path === '/counters/corrupt/three' &&
            /counter node \/counters\/corrupt\/three holds 3 bytes \(0x010203\); expected an 8-byte big-endian long/.test(e.message));
        assert.deepEqual(await raw(n.path), Buffer.from([1, 2, 3]), 'left as it was');
    });
    test('a change that cannot win within its timeout rejects with CounterTimeoutError, nothing applied', async () => {
        const c = await connect(server.connectString);
        const writer = await connect(server.connectString);
        await new ZkAtomicLong(writer, '/counters/slow').initialize(0);
        // Another writer always gets in between our read and our write: every attempt loses.
        const getData = c.getData.bind(c);
        c.getData = async (p, o) => {
            const r = await getData(p, o);
            await writer.setData(p, r.data);
            return r;
        };
        await assert.rejects(new ZkAtomicLong(c, '/counters/slow').increment({ timeout: 1500 }), (e) => e instanceof CounterTimeoutError &&
            /counter \/counters\/slow not changed within 1500 ms \(\d+ attempts; the last: BAD_VERSION.*nothing was applied/.test(e.message));
        assert.equal(await new ZkAtomicLong(writer, '/counters/slow').get(), 0n, 'the counter was not changed');
        assert.ok((await admin.exists('/counters/slow')).version > 3, 'the other writer did win several times');
    });
});
describe('ZkCounter (Kazoo Counter encoding)', () => {
    test('stores the integer in ASCII decimal; reads what Kazoo writes; refuses a float', async () => {
        await admin.mkdirp('/kazoo-counters');
        await admin.create('/kazoo-counters/a', Buffer.from('41'));
        const c = new ZkCounter(admin, '/kazoo-counters/a');
        assert.deepEqual(await c.increment(), { preValue: 41n, postValue: 42n });
        assert.equal((await raw(c.path)).toString('ascii'), '42');
        await c.add(10n ** 30n);
        assert.equal((await raw(c.path)).toString('ascii'), `1${'0'.repeat(28)}42`);
        await admin.create('/kazoo-counters/float', Buffer.from('1.5'));
        await assert.rejects(new ZkCounter(admin, '/kazoo-counters/float').increment(), /counter node \/kazoo-counters\/float holds 3 bytes \(0x312e35\); expected an integer in ASCII decimal/);
    });
});
describe('ZkSharedCount (Curator SharedCount encoding)', () => {
    test('created with the seed; versioned trySetCount; setCount; 4 bytes big-endian', async () => {
        const a = new ZkSharedCount(admin, '/shared/count', { seed: 7 });
        const first = await a.get();
        assert.deepEqual(first, { value: 7, version: 0 });
        assert.deepEqual(await raw(a.path), Buffer.from([0, 0, 0, 7]));
        assert.equal(await a.trySetCount(8, first.version), true);
        assert.equal(await a.trySetCount(9, first.version), false, 'the version moved on: refused');
        assert.deepEqual(await a.get(), { value: 8, version: 1 });
        await a.setCount(-3);
        assert.deepEqual(await a.get(), { value: -3, version: 2 });
        await assert.rejects(a.setCount(2 ** 31), /value must be an integer from -2147483648 to 2147483647, got 2147483648/);
        await assert.rejects(a.trySetCount(1, -1), /version must be a node version/);
        assert.throws(() => new ZkSharedCount(admin, '/shared/x', { seed: 0.5 }), /seed must be an integer/);
        await admin.create('/shared/eight', Buffer.alloc(8));
        await assert.rejects(new ZkSharedCount(admin, '/shared/eight').get(), /holds 8 bytes .*; expected a 4-byte big-endian int/);
    });
    test('values() yields the count and each change, across a delete and re-create; start() emits change', async () => {
        const c = new ZkSharedCount(admin, '/shared/watched');
        await c.setCount(1);
        const other = await connect(server.connectString);
        const writer = new ZkSharedCount(other, '/shared/watched');
        const events = [];
        const watcher = new ZkSharedCount(await connect(server.connectString), '/shared/watched');
        watcher.on('change', ({ value }) => events.push(value));
        assert.deepEqual(await watcher.start(), { value: 1, version: 0 });
        const stop = new AbortController();
        const seen = [];
        const following = (async () => {
            for await (const { value } of c.values({ signal: stop.signal })) {
                seen.push(value);
                if (value === 4)
                    break;
            }
        })();
        await eventually(() => seen.length === 1);
        await writer.setCount(2);
        await eventually(() => seen.at(-1) === 2);
        await other.delete('/shared/watched');
        await other.create('/shared/watched', Buffer.from([0, 0, 0, 3]));
        await eventually(() => seen.at(-1) === 3, 10_000, 'the re-created node seen');
        await writer.setCount(4);
        await following;
        assert.deepEqual(seen, [1, 2, 3, 4]);
        await eventually(() => events.at(-1) === 4);
        assert.ok(!events.includes(1), 'start() returned the first value rather than emitting it');
        watcher.close();
        stop.abort();
        assert.equal(other.pendingWatches + admin.pendingWatches, 0, 'the iterator removed its watches');
    });
});
//# sourceMappingURL=counters.test.js.map