/** ZkBarrier and ZkDoubleBarrier against a real ZooKeeper: waits, timeouts, connection faults, a killed member, bad input. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BarrierTimeoutError, monotonicNow, ZkBarrier, ZkDoubleBarrier, } from '../../src/index.js';
import { connect, disconnect, eventually, SESSION_TIMEOUT, sleep, startProxy, startServer, } from '../helpers.js';
import { spawnLines } from './spawn-lines.js';
const worker = fileURLToPath(new URL('./barrier-worker.js', import.meta.url));
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
/** Whether `p` is still pending after a short look. */
async function pending(p) {
    return (await Promise.race([
        p.then(() => false, () => false),
        sleep(200).then(() => true),
    ]));
}
describe('ZkBarrier', () => {
    test('waiters pass once the barrier is removed; a removed barrier lets through at once; no watch left', async () => {
        const waiterClient = await connect(server.connectString);
        const gate = new ZkBarrier(admin, '/barriers/simple/gate');
        await gate.setBarrier();
        await gate.setBarrier(); // already up: fine
        assert.equal(await gate.isSet(), true);
        const waiting = new ZkBarrier(waiterClient, gate.path).waitOnBarrier({ timeout: 30_000 });
        assert.equal(await pending(waiting), true, 'held while the barrier is up');
        await gate.removeBarrier();
        await waiting;
        await gate.removeBarrier(); // already down: fine
        await new ZkBarrier(waiterClient, gate.path).waitOnBarrier(0);
        assert.equal(waiterClient.pendingWatches, 0);
    });
    test('timeout: BarrierTimeoutError naming the barrier; abort: the signal reason; watches removed', async () => {
        const c = await connect(server.connectString);
        const gate = new ZkBarrier(c, '/barriers/simple/held');
        await gate.setBarrier();
        await assert.rejects(gate.waitOnBarrier(300), (e) => e instanceof BarrierTimeoutError &&
            /barrier \/barriers\/simple\/held still up after 300 ms/.test(e.message));
        const stop = new AbortController();
        const waiting = gate.waitOnBarrier({ signal: stop.signal });
        await sleep(100);
        stop.abort(new Error('stopped'));
        await assert.rejects(waiting, /stopped/);
        assert.equal(c.pendingWatches, 0);
        await assert.rejects(gate.waitOnBarrier(-1), /timeout must be a non-negative number/);
        assert.throws(() => new ZkBarrier(c, 'no-slash'), /invalid barrier path "no-slash"/);
    });
    test('a waiter whose connection drops still sees the removal after the heal', async () => {
        const proxy = await startProxy(server.connectString);
        const c = await connect(proxy.connectString, { sessionTimeout: 8000 });
        const gate = new ZkBarrier(admin, '/barriers/faults/dropped');
        await gate.setBarrier();
        const waiting = new ZkBarrier(c, gate.path).waitOnBarrier({ timeout: 60_000 });
        await sleep(200);
        await disconnect(proxy, c); // resolves once the client is suspended: the fault happened
        await gate.removeBarrier(); // while it cannot hear
        assert.equal(await pending(waiting), true, 'not through while cut off');
        const healed = monotonicNow();
        proxy.pass();
        await waiting;
        process.stdout.write(`barrier: seen removed ${Math.round(monotonicNow() - healed)} ms after the heal\n`);
    });
    test('a waiter whose session is lost while cut off sees the removal on its new session', async () => {
        const proxy = await startProxy(server.connectString);
        const c = await connect(proxy.connectString, { sessionTimeout: SESSION_TIMEOUT });
        const gate = new ZkBarrier(admin, '/barriers/faults/expired');
        await gate.setBarrier();
        const waiting = new ZkBarrier(c, gate.path).waitOnBarrier({ timeout: 60_000 });
        const lost = new Promise((r) => c.once('lost', r));
        proxy.blackhole();
        await lost; // the fault: the session is given up
        await gate.removeBarrier();
        proxy.pass();
        await waiting;
    });
});
describe('ZkDoubleBarrier', () => {
    test('3 members: nobody is through before the third enters; leave waits for everyone; nothing left', async () => {
        const clients = await Promise.all([0, 1, 2].map(() => connect(server.connectString)));
        const path = '/barriers/double/three';
        const members = clients.map((c, i) => new ZkDoubleBarrier(c, path, 3, { identifier: `m${i}` }));
        const first = [members[0].enter(30_000), members[1].enter(30_000)];
        assert.equal(await pending(Promise.race(first)), true, 'two of three: held');
        assert.equal((await members[0].members()).length, 2);
        await Promise.all([...first, members[2].enter(30_000)]);
        assert.ok(members.every((m) => m.isEntered));
        const leaving = [members[0].leave(30_000), members[1].leave(30_000)];
        assert.equal(await pending(Promise.race(leaving)), true, 'one member still in: leave waits');
        await Promise.all([...leaving, members[2].leave(30_000)]);
        assert.deepEqual(await admin.getChildren(path), [], 'member nodes and ready gone');
    });
    test('enter timeout: BarrierTimeoutError with the count; our node removed again', async () => {
        const path = '/barriers/double/short';
        const m = new ZkDoubleBarrier(admin, path, 2);
        await assert.rejects(m.enter(300), (e) => e instanceof BarrierTimeoutError &&
            /double barrier \/barriers\/double\/short: 1 of 2 members entered within 300 ms/.test(e.message));
        assert.deepEqual(await admin.getChildren(path), []);
        assert.equal(m.isEntered, false);
    });
    test('a member killed -9 after entering: the others’ leave times out naming it, then passes once its session expired', async () => {
        const path = '/barriers/double/killed';
        const child = spawnLines(worker, [server.connectString, path, '2']);
        const c = await connect(server.connectString);
        const ours = new ZkDoubleBarrier(c, path, 2);
        await ours.enter(30_000);
        await eventually(() => child.lines.some((l) => l.startsWith('entered')), 15_000, 'the child entered');
        const childNode = child.lines.find((l) => l.startsWith('entered')).split(' ')[1];
        const killedAt = monotonicNow();
        assert.equal(await child.kill9(), 'SIGKILL');
        await assert.rejects(ours.leave(500), (e) => e instanceof BarrierTimeoutError &&
            e.message.includes(`1 member(s) still in after 500 ms: ${childNode}`));
        await ours.leave(30_000);
        const took = monotonicNow() - killedAt;
        assert.ok(took >= SESSION_TIMEOUT / 2, `left ${took} ms after the kill: too soon for its session's expiry`);
        assert.deepEqual(await admin.getChildren(path), []);
    });
    test('a member whose session is lost while waiting in enter() is counted again on its new session', async () => {
        const path = '/barriers/double/expired';
        const proxy = await startProxy(server.connectString);
        const c = await connect(proxy.connectString, { sessionTimeout: SESSION_TIMEOUT });
        const a = new ZkDoubleBarrier(c, path, 2);
        const entering = a.enter(60_000);
        await eventually(async () => (await admin.getChildren(path).catch(() => [])).length === 1);
        const lost = new Promise((r) => c.once('lost', r));
        proxy.blackhole();
        await lost;
        // The fault: the server expired the session and removed the member node.
        await eventually(async () => (await admin.getChildren(path)).length === 0, 15_000, 'its node gone');
        proxy.pass();
        await eventually(async () => (await admin.getChildren(path)).includes(a.nodeName), 15_000, 'created again');
        const b = new ZkDoubleBarrier(admin, path, 2);
        await Promise.all([entering, b.enter(30_000)]);
        await Promise.all([a.leave(30_000), b.leave(30_000)]);
        assert.deepEqual(await admin.getChildren(path), []);
    });
    test('bad input is refused, naming it', () => {
        for (const n of [0, -1, 1.5, Number.NaN, '2']) {
            assert.throws(() => new ZkDoubleBarrier(admin, '/barriers/bad', n), /memberCount must be a positive integer/);
        }
        assert.throws(() => new ZkDoubleBarrier(admin, 'bad', 2), /invalid barrier path "bad"/);
        assert.throws(() => new ZkDoubleBarrier(admin, '/', 2), /barrier path must not be "\/"/);
        assert.throws(() => new ZkDoubleBarrier(admin, '/b', 2, { identifier: 3 }), /identifier must be a string/);
    });
});
//# sourceMappingURL=barriers.test.js.map