/**
 * A cache of 10,000 nodes against a real server: the initial load (its time and the heap it
 * takes are reported, not asserted), equality with the server node by node, a subtree of 101
 * nodes deleted at once, and close(). With `data: false` too, for the memory it saves.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isOutcomeUnknown, ZkCache } from '../../src/index.js';
import { connect, eventually, startServer } from '../helpers.js';
import { assertSameAsServer } from './common.js';
// A forced GC before each heap reading, so that the figure is what the cache keeps.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const heapAfterGc = () => {
    gc();
    return process.memoryUsage().heapUsed;
};
let server;
let admin;
const GROUPS = 100;
const PER_GROUP = 99; // 1 root + 100 groups + 100 × 99 leaves = 10,001 nodes
const TOTAL = 1 + GROUPS + GROUPS * PER_GROUP;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString, {
        wire: 'built-in',
        sessionTimeout: 30_000,
        logger: { debug() { }, info() { }, warn: (...a) => console.log('# admin:', ...a), error() { } },
    });
    await admin.create('/big');
    const payload = Buffer.alloc(100, 'x'); // 100 bytes a node: about 1 MB of data in all
    for (let g = 0; g < GROUPS; g++) {
        const ops = [{ op: 'create', path: `/big/g${g}`, data: payload }];
        for (let i = 0; i < PER_GROUP; i++)
            ops.push({ op: 'create', path: `/big/g${g}/n${i}`, data: payload });
        await admin.multi(ops);
    }
});
for (const data of [true, false]) {
    test(`10,000 nodes (data: ${data}): initial load, equal to the server, a subtree deleted at once`, async () => {
        const client = await connect(server.connectString, { wire: 'built-in', sessionTimeout: 20_000 });
        const heapBefore = heapAfterGc();
        const started = performance.now();
        const cache = new ZkCache(client, '/big', { data });
        await cache.start();
        const loadMs = performance.now() - started;
        const heapMb = (heapAfterGc() - heapBefore) / 2 ** 20;
        console.log(`# cache of ${cache.size} nodes (data: ${data}): initial load ${loadMs.toFixed(0)} ms, heap kept +${heapMb.toFixed(1)} MiB (after a forced GC)`);
        const onServer = 1 + (await admin.getAllChildrenNumber('/big')); // the first test deletes a group
        assert.ok(onServer >= TOTAL - PER_GROUP - 1, `${onServer} nodes on the server`);
        assert.equal(cache.size, onServer);
        assert.equal(cache.children('/big')?.length, (await admin.getChildren('/big')).length);
        if (data)
            await assertSameAsServer(cache, admin, '/big', 30_000);
        const deleted = [];
        cache.on('deleted', (e) => deleted.push(e.path));
        const g = data ? 'g0' : 'g1';
        const ops = [];
        for (let i = 0; i < PER_GROUP; i++)
            ops.push({ op: 'delete', path: `/big/${g}/n${i}` });
        ops.push({ op: 'delete', path: `/big/${g}` });
        await deleteOnce(ops, `/big/${g}`);
        await eventually(() => deleted.length === PER_GROUP + 1, 10_000, 'every deletion');
        assert.equal(deleted.at(-1), `/big/${g}`, 'the group last, after its children');
        assert.equal(cache.size, onServer - PER_GROUP - 1);
        await cache.close();
        await client.close();
    });
}
/**
 * The multi `ops`, which removes `path`, applied once: on a busy machine the connection may drop
 * with its outcome unknown; then whether `path` is still there says if it must be sent again.
 */
async function deleteOnce(ops, path) {
    for (;;) {
        try {
            await admin.multi(ops);
            return;
        }
        catch (e) {
            if (!isOutcomeUnknown(e))
                throw e;
            await eventually(() => admin.state === 'connected', 30_000, 'the admin client back');
            if ((await admin.exists(path)) === null)
                return;
        }
    }
}
//# sourceMappingURL=large.test.js.map