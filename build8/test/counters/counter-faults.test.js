/**
 * Counters under faults: an increment whose answer is lost is applied exactly once (alone, and
 * with another writer getting in before the reconnect); one whose request is lost is applied
 * once; one whose session ends before it could be checked says so (CounterOutcomeUnknownError);
 * several processes incrementing through connection resets lose no acknowledged increment.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CounterOutcomeUnknownError, WRITE_MARKER_PREFIX, ZkAtomicLong, ZkSharedCount, } from '../../src/index.js';
import { connect, disconnect, eventually, requestLost, sleep, startProxy, startServer, zkReplies, } from '../helpers.js';
const run = promisify(execFile);
const worker = fileURLToPath(new URL('./increment-worker.js', import.meta.url));
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
/** OpCode.setData: a multi's answer starts with the header of its first op (type, done, err). */
const SET_DATA = 5;
/** Whether `chunk` holds a successful multi answer whose first op is a setData (our counter write). */
function isCounterWriteAnswer(chunk) {
    return zkReplies(chunk).some((r) => r.xid >= 0 &&
        r.err === 0 &&
        r.body.length >= 9 &&
        r.body.readInt32BE(0) === SET_DATA &&
        r.body[4] === 0);
}
/**
 * Runs `op` behind `proxy` with the answer of its counter write lost after the server applied it:
 * reconnects are refused until `during` (run on a direct client) is done, then traffic passes.
 * Proves the fault: the node's version moved on the server while the client heard nothing.
 */
async function writeAnswerLost(proxy, path, op, during = async () => { }) {
    const before = (await admin.exists(path)).version;
    const dropped = proxy.dropNextReply({
        match: (chunk) => {
            const hit = isCounterWriteAnswer(chunk);
            if (hit)
                proxy.refuse();
            return hit;
        },
    });
    const pending = op();
    pending.catch(() => { });
    try {
        await dropped;
        assert.equal((await admin.exists(path)).version, before + 1, 'the server applied the write whose answer was lost');
        await during();
    }
    finally {
        proxy.pass();
    }
    return pending;
}
describe('counter writes under faults', () => {
    test('an increment whose answer is lost is applied exactly once', async () => {
        const proxy = await startProxy(server.connectString);
        const client = await connect(proxy.connectString, { sessionTimeout: 8000 });
        const n = new ZkAtomicLong(client, '/faults/lost-answer');
        await n.initialize(10);
        const r = await writeAnswerLost(proxy, n.path, () => n.increment());
        assert.deepEqual(r, { preValue: 10n, postValue: 11n });
        assert.equal(await new ZkAtomicLong(admin, n.path).get(), 11n, 'not doubled');
        await eventually(async () => (await admin.getChildren(n.path)).length === 0, 5000, 'the marker deleted');
    });
    test('the answer lost and another writer in before the reconnect: both applied once (the same bytes, told apart)', async () => {
        const proxy = await startProxy(server.connectString);
        const client = await connect(proxy.connectString, { sessionTimeout: 8000 });
        const n = new ZkAtomicLong(client, '/faults/lost-answer-raced');
        await n.initialize(0);
        const other = new ZkAtomicLong(admin, n.path);
        const r = await writeAnswerLost(proxy, n.path, () => n.increment(), async () => {
            // Now the node holds 1 at version 2; one more increment makes it 2. Our write's bytes (1)
            // were also what a racing increment from 0 would have written: only the marker tells.
            assert.deepEqual(await other.increment(), { preValue: 1n, postValue: 2n });
        });
        assert.deepEqual(r, { preValue: 0n, postValue: 1n });
        assert.equal(await other.get(), 2n);
    });
    test('an increment whose request is lost is applied once, after the reconnect', async () => {
        const proxy = await startProxy(server.connectString);
        const client = await connect(proxy.connectString, { sessionTimeout: 8000 });
        const n = new ZkAtomicLong(client, '/faults/lost-request');
        await n.initialize(5);
        // requestLost checks a path is still there; the counter node always is: the value proves the rest.
        const r = await requestLost(proxy, () => n.increment(), n.path);
        assert.equal(await new ZkAtomicLong(admin, n.path).get(), 6n);
        assert.deepEqual(r, { preValue: 5n, postValue: 6n });
    });
    test('the answer lost and the session gone before it could be checked: CounterOutcomeUnknownError, not a guess', async () => {
        const proxy = await startProxy(server.connectString);
        const client = await connect(proxy.connectString, { sessionTimeout: 2000 });
        const c = new ZkSharedCount(client, '/faults/unknown');
        const { version } = await c.get();
        const lost = new Promise((r) => client.once('lost', r));
        const trying = writeAnswerLost(proxy, c.path, () => c.trySetCount(1, version, { timeout: 20_000 }), async () => {
            await lost; // refused until the client gave the session up
        });
        await assert.rejects(trying, (e) => e instanceof CounterOutcomeUnknownError &&
            e.path === '/faults/unknown' &&
            /may or may not have been applied: its answer was lost and the session that sent it ended/.test(e.message));
        assert.deepEqual(await new ZkSharedCount(admin, c.path).get(), { value: 1, version: 1 }, 'it was in fact applied');
    });
    test('a shared count watcher cut off, and one whose session is lost, see the changes made meanwhile after the heal', async () => {
        for (const fault of ['disconnect', 'session loss']) {
            const proxy = await startProxy(server.connectString);
            const client = await connect(proxy.connectString, {
                sessionTimeout: fault === 'disconnect' ? 8000 : 2000,
            });
            const path = `/faults/watched-${fault.replace(' ', '-')}`;
            await new ZkSharedCount(admin, path).setCount(1);
            const seen = [];
            const stop = new AbortController();
            const following = (async () => {
                for await (const { value } of new ZkSharedCount(client, path).values({ signal: stop.signal }))
                    seen.push(value);
            })();
            await eventually(() => seen.length === 1);
            if (fault === 'disconnect')
                await disconnect(proxy, client);
            else {
                const lost = new Promise((r) => client.once('lost', r));
                proxy.blackhole();
                await lost;
            }
            await new ZkSharedCount(admin, path).setCount(2); // while it cannot hear
            await sleep(200);
            assert.deepEqual(seen, [1], `${fault}: nothing heard while cut off`);
            proxy.pass();
            await eventually(() => seen.at(-1) === 2, 15_000, `${fault}: the change seen after the heal`);
            stop.abort();
            await following;
        }
    });
    test('3 processes, 200 increments each, connection resets every 100-300 ms: the final value is what was acknowledged', async () => {
        const path = '/faults/processes';
        await new ZkAtomicLong(admin, path).initialize(0);
        const proxies = await Promise.all([0, 1, 2].map(() => startProxy(server.connectString)));
        let running = true;
        let resets = 0;
        const chaos = (async () => {
            await sleep(300);
            while (running) {
                await sleep(100 + Math.random() * 200);
                if (!running)
                    break;
                proxies[resets % 3].reset();
                resets++;
            }
        })();
        let reports;
        try {
            reports = await Promise.all(proxies.map(async (p) => {
                const { stdout } = await run(process.execPath, [worker, p.connectString, path, '200'], {
                    timeout: 150_000,
                });
                return JSON.parse(stdout.trim().split('\n').at(-1));
            }));
        }
        finally {
            running = false;
            await chaos;
        }
        const acked = reports.reduce((s, r) => s + r.acked, 0);
        const unknown = reports.reduce((s, r) => s + r.unknown, 0);
        const final = Number(await new ZkAtomicLong(admin, path).get());
        assert.ok(resets >= 3, `connections were reset (${resets})`);
        assert.ok(reports.some((r) => r.suspended > 0), `a worker saw its connection drop: ${JSON.stringify(reports.map((r) => r.suspended))}`);
        assert.deepEqual(reports.flatMap((r) => r.errors), [], 'no increment failed otherwise');
        assert.ok(final >= acked && final <= acked + unknown, `final ${final}: acknowledged ${acked}, reported unknown ${unknown}`);
        assert.equal(unknown, 0, 'the sessions survived the resets, so every lost answer was resolved');
        assert.equal(final, 600);
        const markers = (await admin.getChildren(path)).filter((c) => c.startsWith(WRITE_MARKER_PREFIX));
        assert.deepEqual(markers, [], 'no marker left behind');
    });
});
//# sourceMappingURL=counter-faults.test.js.map