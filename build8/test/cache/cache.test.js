/**
 * ZkCache against a real server: the initial load, every kind of event, changes made while the
 * load runs, a missing root, filters and depth, the async iterator, close() leaving nothing
 * behind, and bad input. Faults are in faults.test.ts, the 10,000-node tree in large.test.ts.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { CacheClosedError, CacheOverflowError, UnsupportedOperationError, ZkCache, } from '../../src/index.js';
import { clientListeners, connect, eventually, sleep, startProxy, startServer, } from '../helpers.js';
import { assertSameAsServer, record, watchesOf } from './common.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString, { wire: 'built-in' });
});
const builtIn = () => connect(server.connectString, { wire: 'built-in' });
const buf = (s) => Buffer.from(s);
test('initial load: every node with its data and Stat, a created event each, then initialized', async () => {
    await admin.create('/load', buf('r'));
    await admin.create('/load/a', buf('1'));
    await admin.create('/load/a/x', buf('2'));
    await admin.create('/load/b');
    const client = await builtIn();
    const cache = new ZkCache(client, '/load');
    const seen = record(cache);
    await cache.start();
    assert.deepEqual(seen.slice(-1), ['initialized']);
    assert.deepEqual(seen.slice(0, -1).sort(), [
        'created /load r',
        'created /load/a 1',
        'created /load/a/x 2',
        'created /load/b ',
    ]);
    assert.equal(cache.size, 4);
    assert.deepEqual(cache.children('/load'), ['a', 'b']);
    assert.deepEqual(cache.children('/load/a/x'), []);
    assert.equal(cache.children('/nowhere'), undefined);
    assert.deepEqual(cache.get('/load/a')?.stat, await admin.exists('/load/a'));
    await assertSameAsServer(cache, admin, '/load');
    await cache.close();
});
test('every event kind: created, changed, deleted, a subtree deleted bottom up, a node re-created', async () => {
    await admin.create('/ev');
    const client = await builtIn();
    const cache = new ZkCache(client, '/ev');
    await cache.start();
    const seen = record(cache);
    // One change at a time: a read answered after several changes reports them as one.
    const step = async (write, events) => {
        await write();
        await eventually(() => seen.length === events, 5000, `${events} events`);
    };
    await step(() => admin.create('/ev/a', buf('1')), 1);
    await step(() => admin.create('/ev/a/b', buf('2')), 2);
    await step(() => admin.create('/ev/a/b/c', buf('3')), 3);
    await step(() => admin.setData('/ev/a', buf('1b')), 4);
    await step(() => admin.setData('/ev', buf('root')), 5);
    const changed = cache.get('/ev/a');
    assert.equal(changed?.data?.toString(), '1b');
    assert.equal(changed?.stat.version, 1);
    // A subtree removed in one multi: deepest first, and gone from children().
    await step(() => admin.multi([
        { op: 'delete', path: '/ev/a/b/c' },
        { op: 'delete', path: '/ev/a/b' },
        { op: 'delete', path: '/ev/a' },
    ]), 8);
    await step(() => admin.create('/ev/a', buf('again')), 9);
    assert.deepEqual(seen, [
        'created /ev/a 1',
        'created /ev/a/b 2',
        'created /ev/a/b/c 3',
        'changed /ev/a 1b',
        'changed /ev root',
        'deleted /ev/a/b/c',
        'deleted /ev/a/b',
        'deleted /ev/a',
        'created /ev/a again',
    ]);
    assert.deepEqual(cache.children('/ev/a'), []);
    await assertSameAsServer(cache, admin, '/ev');
    await cache.close();
});
test('a changed event carries the previous node; listeners that throw are logged, the cache goes on', async () => {
    await admin.create('/prev', buf('old'));
    const errors = [];
    const client = await connect(server.connectString, {
        wire: 'built-in',
        logger: { debug() { }, info() { }, warn() { }, error: (...a) => errors.push(a) },
    });
    const cache = new ZkCache(client, '/prev');
    await cache.start();
    const changes = [];
    cache.on('changed', () => {
        throw new Error('listener bug');
    });
    cache.on('changed', (e) => changes.push(e));
    await admin.setData('/prev', buf('new'));
    await eventually(() => changes.length === 1, 5000, 'the change');
    const e = changes[0];
    assert.equal(e.type, 'changed');
    assert.equal(e.previous?.data?.toString(), 'old');
    assert.equal(errors.length, 1);
    await cache.close();
});
test('changes made while the initial load runs: heard during it, and the cache is the server’s state at the end', async () => {
    await admin.create('/busy');
    for (let i = 0; i < 30; i++) {
        await admin.create(`/busy/n${i}`, buf(`v0-${i}`));
        await admin.create(`/busy/n${i}/k`, buf('k'));
    }
    // The cache's client is slowed down (250 ms each way): its load takes several round trips.
    // The writes start once it holds the first level and reads the second.
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 10_000 });
    proxy.delay(250);
    const cache = new ZkCache(client, '/busy');
    const seen = record(cache);
    const starting = cache.start();
    await eventually(() => cache.size >= 31, 20_000, 'the first level loaded');
    const writes = [];
    for (let i = 0; i < 30; i++) {
        if (i % 3 === 0)
            writes.push(admin.setData(`/busy/n${i}`, buf(`v1-${i}`)));
        else if (i % 3 === 1)
            writes.push(admin.multi([
                { op: 'delete', path: `/busy/n${i}/k` },
                { op: 'delete', path: `/busy/n${i}` },
            ]));
        else
            writes.push(admin.create(`/busy/n${i}/k2`, buf('k2')));
        writes.push(admin.create(`/busy/new${i}`, buf('fresh')));
    }
    await Promise.all(writes);
    await starting;
    proxy.pass();
    // The load reads each node once: a node changed or deleted after it was loaded is told before
    // 'initialized' only by a notification applied during the load.
    const beforeInit = seen.slice(0, seen.indexOf('initialized'));
    const heard = beforeInit.filter((e) => e.startsWith('deleted') || e.startsWith('changed'));
    assert.ok(heard.length > 0, `notifications applied during the load: ${JSON.stringify(seen)}`);
    await assertSameAsServer(cache, admin, '/busy');
    await cache.close();
});
test('a missing root: initialized empty, then the root and its subtree appear as created events', async () => {
    const client = await builtIn();
    const cache = new ZkCache(client, '/later/deep');
    const seen = record(cache);
    await cache.start();
    assert.deepEqual(seen, ['initialized']);
    assert.equal(cache.size, 0);
    await admin.mkdirp('/later/deep/x');
    await eventually(() => cache.size === 2, 5000, 'the root and its child');
    assert.deepEqual(seen.slice(1), ['created /later/deep ', 'created /later/deep/x ']);
    assert.equal(cache.get('/later'), undefined, 'the parent of the root is not cached');
    await admin.delete('/later/deep/x');
    await admin.delete('/later/deep');
    await eventually(() => cache.size === 0, 5000, 'the root gone again');
    await cache.close();
});
test('maxDepth and filter leave nodes out (and what is below them); data: false keeps only Stats', async () => {
    await admin.mkdirp('/flt/keep/deeper/deepest');
    await admin.mkdirp('/flt/skip/below');
    await admin.setData('/flt/keep', buf('k'));
    const client = await builtIn();
    const shallow = new ZkCache(client, '/flt', { maxDepth: 1 });
    const filtered = new ZkCache(client, '/flt', { filter: (p) => !p.endsWith('/skip'), data: false });
    const rootOnly = new ZkCache(client, '/flt', { maxDepth: 0 });
    await Promise.all([shallow.start(), filtered.start(), rootOnly.start()]);
    assert.deepEqual([...shallow.nodes()].map((n) => n.path).sort(), ['/flt', '/flt/keep', '/flt/skip']);
    assert.deepEqual([...filtered.nodes()].map((n) => n.path).sort(), [
        '/flt',
        '/flt/keep',
        '/flt/keep/deeper',
        '/flt/keep/deeper/deepest',
    ]);
    assert.equal(filtered.get('/flt/keep')?.data, undefined);
    assert.equal(filtered.get('/flt/keep')?.stat.dataLength, 1);
    assert.deepEqual([...rootOnly.nodes()].map((n) => n.path), ['/flt']);
    const seen = { shallow: record(shallow), filtered: record(filtered), rootOnly: record(rootOnly) };
    await admin.create('/flt/skip/below/more');
    await admin.create('/flt/keep/deeper/deepest/x');
    await admin.create('/flt/new');
    await admin.setData('/flt', buf('root'));
    await eventually(() => seen.filtered.length === 3, 5000, 'the filtered cache’s events');
    await eventually(() => seen.shallow.length === 2 && seen.rootOnly.length === 1, 5000, 'the others’');
    assert.deepEqual(seen.shallow, ['created /flt/new ', 'changed /flt root']);
    assert.deepEqual(seen.filtered, [
        'created /flt/keep/deeper/deepest/x ',
        'created /flt/new ',
        'changed /flt ',
    ]);
    assert.deepEqual(seen.rootOnly, ['changed /flt root']);
    await Promise.all([shallow.close(), filtered.close(), rootOnly.close()]);
});
test('for await: the events in order, ended by close(); a slow consumer past its buffer gets CacheOverflowError', async () => {
    await admin.create('/iter');
    const client = await builtIn();
    const cache = new ZkCache(client, '/iter');
    const got = [];
    const consuming = (async () => {
        for await (const e of cache)
            got.push(e.type === 'initialized' ? e.type : `${e.type} ${'path' in e ? e.path : ''}`);
    })();
    const small = cache.events({ bufferSize: 3 });
    await cache.start();
    // One change at a time: a read answered after several changes reports them as one.
    await admin.create('/iter/a');
    await eventually(() => got.length === 3, 5000, 'the created event');
    await admin.setData('/iter/a', buf('x'));
    await eventually(() => got.length === 4, 5000, 'the changed event');
    await admin.delete('/iter/a');
    await eventually(() => got.length === 5, 5000, 'five events through the iterator');
    assert.deepEqual(got, [
        'created /iter',
        'initialized',
        'created /iter/a',
        'changed /iter/a',
        'deleted /iter/a',
    ]);
    // The small one was never read: it holds its first 3 events, then says it overflowed.
    const first = [];
    await assert.rejects(async () => {
        for await (const e of small)
            first.push(e.type);
    }, CacheOverflowError);
    assert.deepEqual(first, ['created', 'initialized', 'created']);
    await cache.close();
    await consuming; // ended by close()
    for await (const _ of cache)
        assert.fail('an iterator of a closed cache is done at once');
});
test('close() leaves no watch on the server, no listener on the client; start() after it is refused', async () => {
    await admin.create('/closing');
    const client = await builtIn();
    const listeners = clientListeners(client);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const timersBefore = timers();
    const cache = new ZkCache(client, '/closing');
    await cache.start();
    assert.ok(clientListeners(client) > listeners);
    assert.match(await watchesOf(server.connectString, client), /\/closing/, 'the watch is on the server while the cache runs');
    await cache.close();
    await cache.close(); // idempotent
    assert.equal(clientListeners(client), listeners);
    await eventually(() => timers() <= timersBefore, 5000, `no timer left (${timers()} > ${timersBefore})`);
    assert.doesNotMatch(await watchesOf(server.connectString, client), /\/closing/, 'no watch left on the server');
    await admin.create('/closing/after');
    await sleep(200);
    assert.equal(cache.get('/closing/after'), undefined, 'a closed cache hears nothing more');
    await assert.rejects(cache.start(), CacheClosedError);
    // Closed before its load finished: initialized rejects, nothing is left either.
    const early = new ZkCache(client, '/closing');
    const refused = assert.rejects(early.start(), CacheClosedError);
    await early.close();
    await refused;
    await assert.rejects(early.initialized, CacheClosedError);
    assert.equal(clientListeners(client), listeners);
    assert.doesNotMatch(await watchesOf(server.connectString, client), /\/closing/);
});
test('the client closing closes the cache: its iterators end', async () => {
    const client = await builtIn();
    const cache = new ZkCache(client, '/');
    await cache.start();
    const it = cache.events();
    await client.close();
    assert.deepEqual(await it.next(), { value: undefined, done: true });
});
test('bad input: a clear error naming the value; node-zookeeper-client: UnsupportedOperationError naming the built-in wire', async () => {
    const client = await builtIn();
    assert.throws(() => new ZkCache(client, 'relative'), /invalid root "relative": it must start with '\/'/);
    assert.throws(() => new ZkCache(client, '/a/'), TypeError);
    assert.throws(() => new ZkCache({}, '/a'), /client must be a ZkClient/);
    assert.throws(() => new ZkCache(client, '/a', { maxDepth: -1 }), RangeError);
    assert.throws(() => new ZkCache(client, '/a', { maxDepth: 1.5 }), /maxDepth must be an integer >= 0 or Infinity, got 1.5/);
    assert.throws(() => new ZkCache(client, '/a', { filter: 'x' }), /filter must be a function/);
    assert.throws(() => new ZkCache(client, '/a', { data: 'yes' }), /data must be a boolean, got "yes"/);
    assert.throws(() => new ZkCache(client, '/a', { bufferSize: 0 }), /bufferSize must be an integer >= 1, got 0/);
    assert.throws(() => new ZkCache(client, '/a', null), /options must be an object, got null/);
    const cache = new ZkCache(client, '/a');
    assert.throws(() => cache.get('nope'), /invalid path "nope"/);
    assert.throws(() => cache.children(42), /path must be a string, got 42/);
    assert.throws(() => cache.events({ bufferSize: -2 }), RangeError);
    await assert.rejects(cache.start({ timeout: -1 }), /timeout must be a non-negative number/);
    await cache.close();
    const old = await connect(server.connectString, { wire: 'node-zookeeper-client' });
    const refused = new ZkCache(old, '/a');
    await assert.rejects(refused.start(), (e) => {
        assert.ok(e instanceof UnsupportedOperationError);
        assert.match(e.message, /ZkCache .* node-zookeeper-client backend.*wire: 'built-in'/);
        return true;
    });
});
//# sourceMappingURL=cache.test.js.map