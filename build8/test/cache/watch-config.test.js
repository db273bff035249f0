/**
 * watchData and watchConfig against a real server, on both wire backends (the built-in wire's
 * persistent watch, node-zookeeper-client's re-armed one-shot watches): the value now, each
 * newer value, null while the node is missing, the newest value to a slow consumer, bad JSON
 * skipped with a warning, the end of the iteration (break, signal, client closed), a session
 * expiry, and bad input.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ConfigParseError, watchConfig, watchData, } from '../../src/index.js';
import { connect, eventually, nextEvent, sleep, startProxy, startServer, } from '../helpers.js';
import { watchesOf } from './common.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString, { wire: 'built-in' });
});
const json = (v) => Buffer.from(JSON.stringify(v));
/** Collects an iterator's values in the background until it ends. */
function drain(it) {
    const values = [];
    const done = (async () => {
        for await (const v of it)
            values.push(v);
    })();
    done.catch(() => { });
    return { values, done };
}
for (const wire of ['built-in', 'node-zookeeper-client']) {
    test(`watchConfig (${wire}): null while missing, then each value; bad JSON skipped with a warning; ends on abort`, async () => {
        const path = `/cfg-${wire}`;
        const warnings = [];
        const client = await connect(server.connectString, {
            wire,
            logger: { debug() { }, info() { }, warn: (m) => warnings.push(m), error() { } },
        });
        const stop = new AbortController();
        const got = drain(watchConfig(client, path, { signal: stop.signal }));
        await eventually(() => got.values.length === 1, 5000, 'the first value');
        assert.deepEqual(got.values, [null]);
        await admin.create(path, json({ n: 1 }));
        await eventually(() => got.values.length === 2, 5000, 'the created value');
        await admin.setData(path, Buffer.from('{ not json'));
        await eventually(() => warnings.length === 1, 5000, 'a warning');
        assert.match(warnings[0], new RegExp(`the config at ${path} \\(version 1\\) does not parse, skipped`));
        await admin.setData(path, json({ n: 1 })); // the same data as the last value: not again
        await admin.setData(path, json({ n: 2 }));
        await eventually(() => got.values.length === 3, 5000, 'the next good value');
        await admin.delete(path);
        await eventually(() => got.values.length === 4, 5000, 'null again');
        assert.deepEqual(got.values, [null, { n: 1 }, { n: 2 }, null]);
        assert.match(await watchesOf(server.connectString, client), new RegExp(path));
        stop.abort();
        await got.done; // the iteration ended, quietly
        assert.equal(client.pendingWatches, 0, 'no one-shot watch left behind');
        // The 3.4 protocol cannot remove a one-shot watch: it stays on the server until it fires.
        if (wire === 'built-in')
            assert.doesNotMatch(await watchesOf(server.connectString, client), new RegExp(path), 'none on the server');
    });
    test(`watchData (${wire}): a slow consumer gets the newest value, not a backlog; break ends it`, async () => {
        const path = `/slow-${wire}`;
        await admin.create(path, Buffer.from('0'));
        const client = await connect(server.connectString, { wire });
        const seen = [];
        for await (const v of watchData(client, path)) {
            seen.push(v.data.toString());
            if (seen.length === 1) {
                for (let i = 1; i <= 20; i++)
                    await admin.setData(path, Buffer.from(`${i}`));
                await sleep(500); // all 20 changes happened while this consumer was busy
            }
            else if (v.data.toString() === '20')
                break;
        }
        assert.equal(seen[0], '0');
        assert.equal(seen.at(-1), '20');
        assert.ok(seen.length <= 4, `a few values, not 21: ${seen}`);
        assert.equal(client.pendingWatches, 0);
        if (wire === 'built-in')
            await eventually(async () => !(await watchesOf(server.connectString, client)).includes(path), 5000, 'none');
    });
    test(`watchData (${wire}): across a session expiry the newest value comes after the new session`, async () => {
        const path = `/exp-${wire}`;
        await admin.create(path, Buffer.from('before'));
        const proxy = await startProxy(server.connectString);
        const client = await connect(proxy.connectString, { wire, sessionTimeout: 2000 });
        const got = drain(watchData(client, path));
        await eventually(() => got.values.length === 1, 5000, 'the first value');
        const lost = nextEvent(client, 'lost', 20_000);
        proxy.blackhole();
        await lost; // the session that held the watch is gone
        await admin.setData(path, Buffer.from('during'));
        proxy.pass();
        await eventually(() => got.values.at(-1)?.data.toString() === 'during', 20_000, 'the value set meanwhile');
        await admin.setData(path, Buffer.from('after'));
        await eventually(() => got.values.at(-1)?.data.toString() === 'after', 5000, 'a later value');
        await client.close();
        await got.done; // ends with the client
    });
}
test('watchConfig: a custom parse, onInvalid told with a ConfigParseError; bad input refused at the call', async () => {
    await admin.create('/custom', Buffer.from('7'));
    const client = await connect(server.connectString, { wire: 'built-in' });
    const invalid = [];
    const stop = new AbortController();
    const parse = (b) => {
        const n = Number(b.toString());
        if (!Number.isInteger(n))
            throw new Error(`not an integer: ${b}`);
        return n;
    };
    const got = drain(watchConfig(client, '/custom', { parse, onInvalid: (e) => invalid.push(e), signal: stop.signal }));
    await eventually(() => got.values.length === 1, 5000, 'the first value');
    await admin.setData('/custom', Buffer.from('x'));
    await eventually(() => invalid.length === 1, 5000, 'told of the bad value');
    assert.ok(invalid[0] instanceof ConfigParseError);
    assert.equal(invalid[0].path, '/custom');
    assert.equal(invalid[0].version, 1);
    assert.match(invalid[0].message, /not an integer: x/);
    stop.abort();
    await got.done;
    assert.deepEqual(got.values, [7]);
    assert.throws(() => watchConfig(client, 'rel'), /invalid path "rel"/);
    assert.throws(() => watchConfig(client, '/c', { parse: 5 }), /parse must be a function/);
    assert.throws(() => watchConfig(client, '/c', { onInvalid: 'x' }), /onInvalid must be a function/);
    assert.throws(() => watchData({}, '/c'), /client must be a ZkClient/);
    assert.throws(() => watchData(client, '/c', { signal: 'x' }), /signal must be an AbortSignal/);
    const values = [];
    const aborted = AbortSignal.abort();
    for await (const v of watchData(client, '/custom', { signal: aborted }))
        values.push(v);
    assert.deepEqual(values, [], 'an aborted signal: nothing, at once');
});
//# sourceMappingURL=watch-config.test.js.map