import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { before, describe, test } from 'node:test';
import { BadVersionError, CHANNELS, ClientClosedError, ConnectionLossError, ConnectTimeoutError, monotonicNow, NodeExistsError, NoNodeError, NotEmptyError, OperationTimeoutError, SessionExpiredError, ZkClient, } from '../../src/index.js';
import { needsHarness } from '../../src/testing/index.js';
import { connect, disconnect, eventually, nextEvent, SESSION_TIMEOUT, sleep, startProxy, startServer, } from '../helpers.js';
let server;
before(async () => {
    server = await startServer();
});
describe('requests', () => {
    test('create, read, update, delete with typed results and errors', async () => {
        const c = await connect(server.connectString);
        assert.equal(c.state, 'connected');
        assert.match(c.sessionId, /^[0-9a-f]{16}$/);
        assert.equal(await c.create('/crud', Buffer.from('one')), '/crud');
        const { data, stat } = await c.getData('/crud');
        assert.equal(data.toString(), 'one');
        assert.equal(typeof stat.czxid, 'bigint');
        assert.equal(stat.ephemeralOwner, 0n);
        const stat2 = await c.setData('/crud', Buffer.from('two'), 0);
        assert.equal(stat2.version, 1);
        await assert.rejects(c.setData('/crud', Buffer.from('x'), 0), BadVersionError);
        await assert.rejects(c.create('/crud'), NodeExistsError);
        await assert.rejects(c.getData('/nope'), (e) => e instanceof NoNodeError && e.path === '/nope');
        await c.create('/crud/child');
        await assert.rejects(c.delete('/crud'), NotEmptyError);
        assert.deepEqual(await c.getChildren('/crud'), ['child']);
        await c.delete('/crud/child');
        await c.delete('/crud', 1);
        assert.equal(await c.exists('/crud'), null);
    });
    test('ephemeral nodes are owned by the session', async () => {
        const c = await connect(server.connectString);
        await c.create('/eph', undefined, { mode: 'ephemeral' });
        const stat = await c.exists('/eph');
        assert.equal(stat?.ephemeralOwner, c.sessionOwner);
        await c.close();
        const other = await connect(server.connectString);
        assert.equal(await other.exists('/eph'), null, 'close() ends the session at once');
    });
    test('multi checks version 0 (the wire client would turn it into -1)', async () => {
        const c = await connect(server.connectString);
        await c.multi([
            { op: 'create', path: '/v0', data: Buffer.from('a') },
            { op: 'check', path: '/v0', version: 0 },
            { op: 'setData', path: '/v0', data: Buffer.from('b'), version: 0 },
        ]);
        // Now at version 1: a check of version 0 must fail, and nothing of the multi applies.
        await assert.rejects(c.multi([
            { op: 'check', path: '/v0', version: 0 },
            { op: 'delete', path: '/v0' },
        ]), (e) => e instanceof BadVersionError && e.opIndex === 0);
        assert.ok(await c.exists('/v0'));
        await c.multi([{ op: 'delete', path: '/v0', version: 1 }]);
        assert.equal(await c.exists('/v0'), null);
    });
    test('mkdirp creates missing parents in one go and tolerates existing ones', async () => {
        const c = await connect(server.connectString);
        await c.mkdirp('/m/a/b');
        await c.mkdirp('/m/a/b/c');
        assert.deepEqual(await c.getChildren('/m/a/b'), ['c']);
    });
    test('one-shot watches fire once with the change', async () => {
        const c = await connect(server.connectString);
        await c.create('/watched');
        const events = [];
        await c.getData('/watched', { watch: (e) => events.push(`${e.type} ${e.path}`) });
        await c.setData('/watched', Buffer.from('1'));
        await c.setData('/watched', Buffer.from('2'));
        await eventually(() => events.length > 0);
        await sleep(100);
        assert.deepEqual(events, ['nodeDataChanged /watched']);
        const created = [];
        assert.equal(await c.exists('/later', { watch: (e) => created.push(e.type) }), null);
        await c.create('/later');
        await eventually(() => created.length === 1);
        assert.deepEqual(created, ['nodeCreated']);
    });
    test('chroot in the connect string', async () => {
        const root = await connect(server.connectString);
        await root.mkdirp('/chrooted');
        const c = await connect(`${server.connectString}/chrooted`);
        await c.create('/inside');
        assert.deepEqual(await root.getChildren('/chrooted'), ['inside']);
        assert.deepEqual(await c.getChildren('/'), ['inside']);
        const missing = await connect(`${server.connectString}/no-such-chroot`);
        await assert.rejects(missing.mkdirp('/locks/x'), /chroot \S*\/no-such-chroot of the connect string does not exist/);
    });
    test('digest auth and ACLs: NoAuth for others', async () => {
        const owner = await connect(server.connectString, {
            auth: [{ scheme: 'digest', credentials: 'alice:secret' }],
        });
        await owner.create('/private', Buffer.from('s'), { acl: [{ perms: 31, scheme: 'auth', id: '' }] });
        const stranger = await connect(server.connectString);
        await assert.rejects(stranger.getData('/private'), { name: 'NoAuthError' });
        assert.equal((await owner.getData('/private')).data.toString(), 's');
    });
});
describe('bad input fails at once, naming the value', () => {
    test('constructor', () => {
        assert.throws(() => new ZkClient(''), TypeError);
        assert.throws(() => new ZkClient('host:99999'), /bad port "99999"/);
        assert.throws(() => new ZkClient('h:1', { sessionTimeout: -1 }), /sessionTimeout.*-1/);
        assert.throws(() => new ZkClient('h:1', { connectTimeout: Number.NaN }), /connectTimeout.*NaN/);
        assert.throws(() => new ZkClient('h:1', { requestTimeout: 0 }), RangeError);
    });
    test('requests', async () => {
        const c = await connect(server.connectString);
        assert.throws(() => c.create('relative'), /"relative".*start with/);
        assert.throws(() => c.create('/a/'), /end with/);
        assert.throws(() => c.getData('/a//b'), /empty segment/);
        assert.throws(() => c.exists('/a/../b'), /relative segment/);
        assert.throws(() => c.create('/x', 'text'), /data must be a Buffer, got "text"/);
        assert.throws(() => c.create('/x', Buffer.alloc(1024 * 1024 + 1)), /1048577 bytes/);
        assert.throws(() => c.delete('/x', -2), /version.*-2/);
        assert.throws(() => c.create('/x', undefined, { mode: 'sticky' }), /create mode "sticky"/);
        await assert.rejects(c.connect({ timeout: -5 }), RangeError);
    });
    test('requests before connect and after close', async () => {
        const c = new ZkClient(server.connectString);
        assert.throws(() => c.getChildren('/'), /call connect\(\) first/);
        await c.close();
        assert.throws(() => c.getChildren('/'), ClientClosedError);
        await assert.rejects(c.connect(), ClientClosedError);
    });
});
describe('connecting', () => {
    test('connect() rejects after connectTimeout when nothing answers, and stops trying', async () => {
        const proxy = await startProxy(server.connectString);
        proxy.blackhole();
        const c = new ZkClient(proxy.connectString, { sessionTimeout: SESSION_TIMEOUT, connectTimeout: 700 });
        const t0 = monotonicNow();
        await assert.rejects(c.connect(), (e) => e instanceof ConnectTimeoutError && /700 ms/.test(e.message));
        assert.ok(monotonicNow() - t0 < 5000);
        assert.equal(c.state, 'idle');
        await c.close();
        proxy.pass();
    });
    test('connect() to a port where nothing listens rejects, and abort works', async () => {
        const c = new ZkClient('127.0.0.1:1', { connectTimeout: 500 });
        await assert.rejects(c.connect(), ConnectTimeoutError);
        const ac = new AbortController();
        const p = c.connect({ signal: ac.signal });
        ac.abort(new Error('changed my mind'));
        await assert.rejects(p, /changed my mind/);
        await c.close();
    });
    test('a first handshake after dials failed for longer than T counts from when it was sent: connected, and it stays so', async () => {
        const proxy = await startProxy(server.connectString);
        proxy.refuse();
        // The built-in wire's handshake (node-zookeeper-client's path has the watchdog's kicks instead).
        const c = new ZkClient(proxy.connectString, {
            sessionTimeout: SESSION_TIMEOUT,
            connectTimeout: 30_000,
            wire: 'built-in',
        });
        try {
            const pending = c.connect();
            await sleep(2 * SESSION_TIMEOUT);
            assert.equal(c.state, 'connecting', 'the dials really failed for 2 T');
            proxy.pass();
            await pending;
            const states = [];
            c.on('state', (s) => states.push(s));
            await c.create('/late-handshake', undefined, { mode: 'ephemeral' });
            await sleep(SESSION_TIMEOUT / 2);
            assert.deepEqual(states, [], 'neither suspended nor lost');
            assert.equal(c.state, 'connected');
        }
        finally {
            await c.close();
        }
    });
    test('close() is safe in every state and idempotent', async () => {
        await new ZkClient(server.connectString).close(); // idle
        const connecting = new ZkClient('127.0.0.1:1');
        const p = connecting.connect();
        assert.equal(connecting.state, 'connecting');
        await connecting.close();
        await assert.rejects(p, ClientClosedError);
        const c = await connect(server.connectString);
        await Promise.all([c.close(), c.close()]);
        await c.close();
        assert.equal(c.state, 'closed');
    });
});
describe('liveness of an idle session', () => {
    /** The heartbeats ZkClient itself sends for `client` (published on the diagnostics channel as 'ping'). */
    async function heartbeatsWhileIdle(client, ms) {
        let n = 0;
        const onStart = (m) => {
            const r = m;
            if (r.sessionId === client.sessionId && r.op === 'ping')
                n++;
        };
        subscribe(CHANNELS.requestStart, onStart);
        await sleep(ms);
        unsubscribe(CHANNELS.requestStart, onStart);
        return n;
    }
    test('the built-in wire pings by itself: no heartbeat requests, and the session outlives 2 T of idleness', async () => {
        const c = await connect(server.connectString, { wire: 'built-in' });
        const id = c.sessionId;
        const states = [];
        c.on('state', (s) => states.push(s));
        assert.equal(await heartbeatsWhileIdle(c, 2 * SESSION_TIMEOUT + 500), 0);
        assert.deepEqual(states, [], 'never suspended');
        assert.equal(c.sessionId, id);
        assert.ok(await c.exists('/'));
    });
    test('node-zookeeper-client cannot tell idle from silent: ZkClient sends heartbeats for it', async () => {
        const c = await connect(server.connectString, { wire: 'node-zookeeper-client' });
        assert.ok((await heartbeatsWhileIdle(c, 2 * SESSION_TIMEOUT)) >= 2);
        assert.equal(c.state, 'connected');
    });
});
describe('faults', () => {
    let proxy;
    before(async () => {
        proxy = await startProxy(server.connectString);
    });
    test('blackhole: suspended within 2/3 T, lost before the server expires the session, then a new session', async () => {
        proxy.pass();
        const c = await connect(proxy.connectString);
        const observer = await connect(server.connectString);
        const T = c.sessionTimeout;
        const oldId = c.sessionId;
        await c.create('/blackholed', undefined, { mode: 'ephemeral' });
        const deleted = new Promise((resolve) => {
            void observer.getData('/blackholed', {
                watch: (e) => e.type === 'nodeDeleted' && resolve(monotonicNow()),
            });
        });
        await c.exists('/'); // a fresh answer, so the timings below start now
        const t0 = monotonicNow();
        const suspended = nextEvent(c, 'suspended');
        const lost = nextEvent(c, 'lost');
        proxy.blackhole();
        // A timer of this process due at 2/3 T: on a loaded machine both it and the client's are late
        // by the same event-loop delay, so the bound is measured from when it actually fired.
        const reference = sleep((2 * T) / 3).then(() => monotonicNow());
        const tSuspended = await suspended;
        const tReference = await reference;
        assert.ok(tSuspended <= tReference + 500, `suspended ${tSuspended - t0} ms after the last answer, a 2/3 T timer fired after ${tReference - t0} ms (T=${T})`);
        assert.ok(c.validUntil > monotonicNow(), 'still inside the safe deadline while suspended');
        const tLost = await lost;
        const tDeleted = await deleted;
        assert.ok(tLost < tDeleted, `lost at +${tLost - t0} ms must precede the server's expiry at +${tDeleted - t0} ms`);
        assert.equal(c.validUntil, 0);
        proxy.pass();
        await nextEvent(c, 'connected');
        assert.equal(c.state, 'connected');
        assert.notEqual(c.sessionId, oldId);
        assert.equal(await c.exists('/blackholed'), null);
    });
    test('a short silence: suspended, then reconnected on the same session (socket kick)', async () => {
        proxy.pass();
        const c = await connect(proxy.connectString, { sessionTimeout: 4000 });
        const id = c.sessionId;
        let lostSeen = false;
        c.on('lost', () => {
            lostSeen = true;
        });
        const suspended = nextEvent(c, 'suspended');
        proxy.blackhole();
        await suspended;
        proxy.pass();
        await nextEvent(c, 'reconnected');
        assert.equal(c.sessionId, id);
        assert.equal(lostSeen, false);
        assert.ok(await c.exists('/'));
    });
    test('close() while suspended gives the session up to its bound to reconnect, then ends it: ephemerals go at once', async () => {
        proxy.pass();
        const c = await connect(proxy.connectString, { sessionTimeout: 10_000 });
        const observer = await connect(server.connectString);
        await c.create('/closed-suspended', undefined, { mode: 'ephemeral' });
        await disconnect(proxy, c);
        const closing = c.close();
        assert.equal(c.state, 'closed');
        await sleep(300);
        proxy.pass();
        await closing;
        assert.equal(await observer.exists('/closed-suspended'), null, 'the session outlived close()');
    });
    test('a session that expires while close() waits for its connection: close() settles, no event after it', async () => {
        proxy.pass();
        const c = await connect(proxy.connectString, { sessionTimeout: 4000, safetyMargin: 0 });
        const observer = await connect(server.connectString);
        await c.create('/expires-while-closing', undefined, { mode: 'ephemeral' });
        const expired = new Promise((resolve) => {
            void observer.exists('/expires-while-closing', { watch: () => resolve() });
        });
        await c.exists('/'); // a fresh answer: the session's deadline starts now
        await disconnect(proxy, c);
        // Close a little before the client would call it lost (1 s: room for a loaded machine's timer
        // delay); close() waits up to 2 s for a connection, so the server's expiry falls inside that.
        await sleep(c.validUntil - monotonicNow() - 1000);
        assert.equal(c.state, 'suspended');
        const events = [];
        for (const e of ['suspended', 'reconnected', 'connected', 'lost']) {
            c.on(e, () => events.push(e));
        }
        const closing = c.close();
        await expired; // by the server, while close() waits
        proxy.pass(); // the wire client's next handshake learns of the expiry
        await closing;
        assert.deepEqual(events, []);
    });
    test('requests caught by a dead connection and an expiry all settle; the client goes on', async () => {
        proxy.pass();
        const c = await connect(proxy.connectString, { retry: false });
        await c.create('/queued');
        proxy.blackhole();
        const sent = [c.getData('/queued'), c.setData('/queued', Buffer.from('x')), c.getChildren('/')];
        await nextEvent(c, 'suspended');
        const queued = [c.getData('/queued'), c.exists('/queued'), c.create('/queued/late')];
        const results = await Promise.allSettled([...sent, ...queued]);
        for (const r of results) {
            assert.equal(r.status, 'rejected');
            assert.ok(r.reason instanceof OperationTimeoutError ||
                r.reason instanceof SessionExpiredError ||
                r.reason instanceof ConnectionLossError, `unexpected ${r.reason}`);
        }
        proxy.pass();
        await eventually(() => c.state === 'connected', 15_000, 'a new session');
        assert.equal((await c.getData('/queued')).data.length, 0, 'the setData of the old session never applied');
    });
    test('server restart within the session timeout: same session, watches still fire', {
        skip: needsHarness(),
    }, async () => {
        const c = await connect(server.connectString, { sessionTimeout: 15_000 });
        const id = c.sessionId;
        await c.create('/restart-watch');
        const fired = [];
        await c.getData('/restart-watch', { watch: (e) => fired.push(e.type) });
        const suspended = nextEvent(c, 'suspended');
        const reconnected = nextEvent(c, 'reconnected', 30_000);
        await server.restart();
        await suspended;
        await reconnected;
        assert.equal(c.sessionId, id);
        const other = await connect(server.connectString);
        await other.setData('/restart-watch', Buffer.from('after'));
        await eventually(() => fired.length === 1, 10_000, 'the watch set before the restart');
        assert.deepEqual(fired, ['nodeDataChanged']);
    });
});
//# sourceMappingURL=zk-client.test.js.map