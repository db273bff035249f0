import assert from 'node:assert/strict';
import net from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { FaultProxy, fourLetterWord, ZkTestServer } from '../../src/testing/index.js';
import { connectError, eventually, harnessSkip, sleep, withWireClient } from './helpers.js';
/** A client socket that collects what it receives and remembers how it ended. */
class Peer {
    socket;
    received = '';
    ended = false;
    closed = false;
    error;
    connected;
    constructor(port) {
        this.socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
        this.connected = new Promise((resolve, reject) => {
            this.socket.once('connect', resolve);
            this.socket.once('error', reject);
        });
        // Tests that expect a refused connection never await it.
        this.connected.catch(() => { });
        this.socket.on('data', (d) => {
            this.received += d.toString();
        });
        this.socket.on('end', () => {
            this.ended = true;
        });
        this.socket.on('error', (err) => {
            this.error = err;
        });
        this.socket.on('close', () => {
            this.closed = true;
        });
    }
    /** Sends `text` and waits until the received data ends with `expect`. */
    async roundTrip(text, expect = text, timeoutMs = 2000) {
        const start = performance.now();
        this.socket.write(text);
        await eventually(() => this.received.endsWith(expect), timeoutMs, `echo of ${JSON.stringify(text)}`);
        return performance.now() - start;
    }
}
describe('FaultProxy', { timeout: 30_000 }, () => {
    let echo;
    let echoPort;
    const echoSockets = new Set();
    const echoErrors = [];
    /** Everything the echo server received, on any connection. */
    let echoReceived = '';
    let proxy;
    const peers = [];
    const peer = async () => {
        const p = new Peer(proxy.port);
        peers.push(p);
        await p.connected;
        return p;
    };
    before(async () => {
        // Echoes everything; answers a FIN with a FIN once the data is back.
        echo = net.createServer({ allowHalfOpen: true }, (s) => {
            echoSockets.add(s);
            s.on('error', (err) => echoErrors.push(err.code ?? err.message));
            s.on('close', () => echoSockets.delete(s));
            s.on('data', (d) => {
                echoReceived += d.toString();
            });
            s.pipe(s);
        });
        await new Promise((resolve) => echo.listen(0, '127.0.0.1', resolve));
        echoPort = echo.address().port;
    });
    after(async () => {
        for (const s of echoSockets)
            s.destroy();
        await new Promise((resolve) => echo.close(resolve));
    });
    // A fresh proxy per test; all sockets closed after it.
    before(async () => {
        proxy = await FaultProxy.start({ target: `127.0.0.1:${echoPort}` });
    });
    afterEach(async () => {
        for (const p of peers.splice(0))
            p.socket.destroy();
        await proxy.close();
        proxy = await FaultProxy.start({ target: { host: '127.0.0.1', port: echoPort } });
    });
    after(() => proxy.close());
    test('pass forwards both ways', async () => {
        assert.match(proxy.connectString, /^127\.0\.0\.1:\d+$/);
        assert.equal(proxy.mode, 'pass');
        const p = await peer();
        await p.roundTrip('hello');
        assert.equal(proxy.connections, 1);
        // A FIN goes through and comes back.
        p.socket.end('bye');
        await eventually(() => p.ended, 2000, 'FIN from the echo server');
        assert.equal(p.received, 'hellobye');
        await eventually(() => proxy.connections === 0, 2000, 'connection gone');
    });
    test('delay adds latency each way and keeps the order', async () => {
        const p = await peer();
        const fast = await p.roundTrip('a');
        proxy.delay(150);
        assert.equal(proxy.mode, 'delay');
        assert.equal(proxy.delayMs, 150);
        const slow = await p.roundTrip('b');
        assert.ok(slow >= 290, `round trip with 150 ms each way took ${slow} ms`);
        assert.ok(fast < 150, `round trip without delay took ${fast} ms`);
        // Bytes sent under delay, then in pass mode, arrive in order.
        proxy.delay(200);
        p.socket.write('c');
        await sleep(20);
        proxy.pass();
        p.socket.write('d');
        await eventually(() => p.received === 'abcd', 2000, 'abcd');
    });
    test('blackhole drops bytes both ways but keeps connections; pass heals', async () => {
        const p = await peer();
        await p.roundTrip('1');
        proxy.blackhole();
        p.socket.write('lost');
        // New connections are accepted, and blackholed too.
        const q = await peer();
        q.socket.write('lost too');
        await sleep(300);
        assert.equal(p.received, '1');
        assert.equal(q.received, '');
        assert.ok(!p.closed && !q.closed);
        assert.equal(proxy.connections, 2);
        proxy.pass();
        await p.roundTrip('2');
        await q.roundTrip('3');
        assert.equal(p.received, '12');
        assert.equal(q.received, '3');
    });
    test('blackhole hides a close until it heals', async () => {
        const p = await peer();
        await p.roundTrip('x');
        proxy.blackhole();
        for (const s of echoSockets)
            s.destroy();
        await sleep(200);
        assert.ok(!p.closed);
        proxy.pass();
        await eventually(() => p.ended || p.closed, 2000, 'close passed on after the blackhole');
    });
    test('reset destroys current connections with RST, both ways, and keeps accepting', async () => {
        const p = await peer();
        await p.roundTrip('x');
        echoErrors.length = 0;
        proxy.reset();
        assert.equal(proxy.connections, 0);
        await eventually(() => p.closed, 2000, 'client closed');
        assert.equal(p.error?.code, 'ECONNRESET');
        await eventually(() => echoErrors.includes('ECONNRESET'), 2000, 'reset seen by the target');
        const q = await peer();
        await q.roundTrip('still works');
    });
    test('reset keeps the mode', async () => {
        proxy.delay(50);
        const p = await peer();
        proxy.reset();
        await eventually(() => p.closed, 2000, 'client closed');
        assert.equal(proxy.mode, 'delay');
    });
    test('refuse closes new connections at once; existing ones keep flowing', async () => {
        const old = await peer();
        proxy.refuse();
        const p = new Peer(proxy.port);
        peers.push(p);
        await eventually(() => p.closed, 2000, 'refused connection closed');
        assert.equal(p.received, '');
        assert.equal(p.error?.code, 'ECONNRESET');
        await old.roundTrip('old');
        proxy.pass();
        await (await peer()).roundTrip('new');
    });
    test('dropNextReply: the request reaches the target, its answer is dropped and the connection reset; one-shot', async () => {
        const p = await peer();
        await p.roundTrip('a');
        echoErrors.length = 0;
        echoReceived = '';
        const dropped = proxy.dropNextReply({ match: (chunk) => chunk.includes('req') });
        await p.roundTrip('other'); // answers the match rejects pass
        p.socket.write('req');
        assert.equal((await dropped).toString(), 'req');
        await eventually(() => p.closed, 2000, 'client connection reset');
        assert.equal(p.error?.code, 'ECONNRESET');
        assert.equal(p.received, 'aother', 'the dropped answer never reached the client');
        assert.ok(echoReceived.endsWith('otherreq'), `the target got the request: ${echoReceived}`);
        await eventually(() => echoErrors.includes('ECONNRESET'), 2000, 'reset seen by the target');
        assert.equal(proxy.mode, 'pass');
        // Disarmed: the same answer now goes through.
        await (await peer()).roundTrip('req');
    });
    test('dropNextReply passes requests under delay too, and without a match drops the first answer', async () => {
        proxy.delay(50);
        const p = await peer();
        echoReceived = '';
        const dropped = proxy.dropNextReply();
        p.socket.write('x');
        assert.equal((await dropped).toString(), 'x');
        await eventually(() => p.closed, 2000, 'client connection reset');
        assert.equal(p.received, '');
        assert.equal(echoReceived, 'x');
        assert.equal(proxy.mode, 'delay');
    });
    test('dropNextReply settles: rejects when nothing matches in time, when replaced, and at close', async () => {
        const p = await peer();
        const t0 = performance.now();
        await assert.rejects(proxy.dropNextReply({ timeoutMs: 200 }), /no matching reply within 200 ms/);
        assert.ok(performance.now() - t0 >= 190);
        await p.roundTrip('after the timeout'); // disarmed
        const first = proxy.dropNextReply({ match: () => false });
        const second = proxy.dropNextReply({ match: () => false });
        await assert.rejects(first, /replaced/);
        await p.roundTrip('unmatched');
        await proxy.close();
        await assert.rejects(second, /closed/);
        await assert.rejects(proxy.dropNextReply(), /closed/);
    });
    test('a dead target resets the client', async () => {
        const dead = await FaultProxy.start({ target: '127.0.0.1:1' });
        try {
            const p = new Peer(dead.port);
            peers.push(p);
            await eventually(() => p.closed, 2000, 'client closed');
            assert.equal(p.error?.code, 'ECONNRESET');
            assert.equal(dead.connections, 0);
        }
        finally {
            await dead.close();
        }
    });
    test('close ends every connection and stops listening', async () => {
        const p = await peer();
        proxy.delay(1000);
        p.socket.write('pending');
        const { port } = proxy;
        await proxy.close();
        await proxy.close();
        await eventually(() => p.closed, 2000, 'client closed');
        assert.equal(proxy.connections, 0);
        assert.equal((await connectError(port))?.code, 'ECONNREFUSED');
    });
    test('bad targets are rejected', async () => {
        await assert.rejects(FaultProxy.start({ target: 'a:1,b:2' }), /one 'host:port'/);
        await assert.rejects(FaultProxy.start({ target: 'nohost' }), /one 'host:port'/);
        // IPv6 literal syntax parses.
        const v6 = await FaultProxy.start({ target: '[::1]:2181' });
        assert.deepEqual(v6.target, { host: '::1', port: 2181 });
        await v6.close();
    });
});
describe('FaultProxy in front of a ZkTestServer', { skip: harnessSkip(), timeout: 30_000 }, () => {
    let server;
    let proxy;
    before(async () => {
        server = await ZkTestServer.start();
        proxy = await FaultProxy.start({ target: server.connectString });
    });
    after(async () => {
        await proxy?.close();
        await server?.close();
    });
    test('four-letter words and a session through the proxy; blackhole cuts them off', async () => {
        assert.equal(await fourLetterWord('127.0.0.1', proxy.port, 'ruok'), 'imok');
        await withWireClient(proxy.connectString, (c) => c.create('/via-proxy', 'yes'));
        proxy.blackhole();
        await assert.rejects(fourLetterWord('127.0.0.1', proxy.port, 'ruok', 300), /no reply within 300 ms/);
        proxy.pass();
        assert.equal(await fourLetterWord('127.0.0.1', proxy.port, 'ruok'), 'imok');
        proxy.delay(100);
        const start = performance.now();
        assert.equal(await fourLetterWord('127.0.0.1', proxy.port, 'ruok'), 'imok');
        assert.ok(performance.now() - start >= 190);
        proxy.pass();
        assert.equal(await withWireClient(proxy.connectString, (c) => c.get('/via-proxy')), 'yes');
    });
});
//# sourceMappingURL=fault-proxy.test.js.map