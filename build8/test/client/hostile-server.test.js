/**
 * Nothing a server or the network sends may crash the process (issue 15, items 1 and 2).
 * Peers that could crash a client talk to a child process (test/fixtures/wire-peer-client.ts),
 * so the test can see the crash instead of dying of it. Fake servers here model broken peers
 * (garbage, bad frame lengths, cut frames), never ZooKeeper's behaviour: what needs ZooKeeper
 * talks to a real one, through a proxy that cuts a reply after its first bytes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect, eventually, onCleanup, sleep, startServer } from '../helpers.js';
const fixture = fileURLToPath(new URL('../fixtures/wire-peer-client.js', import.meta.url));
const JUTE_MAXBUFFER = 0xfffff;
/** A wire-peer-client child; killed at the end of the file if it is still running. */
function runClient(args) {
    const proc = spawn(process.execPath, [fixture, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const child = {
        lines: [],
        stderr: '',
        exit: undefined,
        send: (line) => proc.stdin.write(`${line}\n`),
        /** Resolves with the exit, or rejects after `ms` (the child is then killed). */
        exited: (ms) => eventually(() => child.exit, ms, 'child exit').catch((e) => {
            proc.kill('SIGKILL');
            throw new Error(`${e.message}; output: ${JSON.stringify(child.lines)} ${child.stderr}`);
        }),
        /** The first line that matches, waiting up to `ms`; fails at once if the child died. */
        until: (what, match, ms = 15_000) => eventually(() => {
            const hit = child.lines.find(match);
            if (hit || !child.exit)
                return hit;
            throw new Error(`the child exited (${JSON.stringify(child.exit)}) before ${what}: ${child.stderr}`);
        }, ms, what).catch((e) => {
            throw new Error(`${e.message}; output: ${JSON.stringify(child.lines)}`);
        }),
    };
    createInterface({ input: proc.stdout }).on('line', (l) => child.lines.push(JSON.parse(l)));
    proc.stderr.on('data', (d) => {
        child.stderr += d;
    });
    proc.stdin.on('error', () => { }); // writes after a crash
    proc.once('exit', (code, signal) => {
        child.exit = { code, signal };
    });
    onCleanup(() => {
        if (!child.exit)
            proc.kill('SIGKILL');
    });
    return child;
}
/** Asserts the child ended on its own with code 0 (an uncaught error exits with 1). */
async function assertNoCrash(child, ms = 15_000) {
    const exit = await child.exited(ms);
    assert.deepEqual(exit, { code: 0, signal: null }, `the client process crashed: ${child.stderr}`);
    assert.ok(child.lines.some((l) => l.closed), 'the client closed normally');
}
async function listen(server) {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sockets = new Set();
    server.on('connection', (s) => {
        sockets.add(s);
        s.on('error', () => { });
        s.on('close', () => sockets.delete(s));
    });
    onCleanup(async () => {
        for (const s of sockets)
            s.destroy();
        await new Promise((r) => server.close(r));
    });
    return `127.0.0.1:${server.address().port}`;
}
/**
 * A fake server that, once the client's handshake (ConnectRequest) arrived on connection number
 * `index`, answers with `answer(index)` and then, if `close`, closes the connection.
 */
async function fakeServer(answer) {
    const seen = { connections: 0, handshakes: 0, answered: 0, replied: 0 };
    const server = net.createServer((socket) => {
        const index = seen.connections++;
        socket.once('data', (d) => {
            // A ConnectRequest: protocolVersion, zxid, timeout, session id, password (44 bytes), and
            // the readOnly byte that the built-in wire sends as the Java client does (45).
            if (d.length >= 4 && [44, 45].includes(d.readInt32BE(0)))
                seen.handshakes++;
            const { bytes, close, reply } = answer(index);
            socket.write(bytes, () => {
                seen.answered++;
                if (close)
                    socket.end();
            });
            if (reply) {
                socket.once('data', (request) => {
                    socket.write(reply(request));
                    seen.replied++;
                });
            }
        });
    });
    return { connectString: await listen(server), seen };
}
/** A ConnectResponse frame: protocol version 0, the granted timeout, a session id and password. */
function handshakeAnswer(sessionId, timeout = 2000) {
    const b = Buffer.alloc(40);
    b.writeInt32BE(36, 0);
    b.writeInt32BE(0, 4);
    b.writeInt32BE(timeout, 8);
    b.writeBigInt64BE(sessionId, 12);
    b.writeInt32BE(16, 20);
    b.fill(7, 24);
    return b;
}
function frame(length, payload = Math.max(0, length)) {
    const b = Buffer.alloc(4 + payload, 1);
    b.writeInt32BE(length, 0);
    return b;
}
/** Runs a `connect`-mode client against `fake`; returns its output once it has exited cleanly. */
async function connectOnce(fake) {
    const child = runClient([fake.connectString, 'connect', '2000', '1500']);
    await assertNoCrash(child);
    return child;
}
const logs = (child) => child.lines.flatMap((l) => (l.log ? [String(l.msg)] : []));
test('a handshake answered with garbage: the client drops the connection with a clear reason', async () => {
    const fake = await fakeServer(() => ({ bytes: Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n') }));
    const child = await connectOnce(fake);
    assert.ok(fake.seen.handshakes >= 1 && fake.seen.answered >= 1, 'the fake server got a handshake and answered it');
    assert.ok(child.lines.some((l) => l.connect === 'rejected' && l.name === 'ConnectTimeoutError'));
    // 'HTTP' read as a frame length: 0x48545450.
    assert.ok(logs(child).some((m) => m.includes('1213486160') && /limit/.test(m)), `a log line names the bad frame length: ${JSON.stringify(logs(child))}`);
});
for (const [what, bytes] of [
    ['a negative length', frame(-1)],
    ['the most negative length', frame(-0x80000000)],
    ['length zero', frame(0)],
    ['a 4-byte length', frame(4)],
    ['a 20-byte length (shorter than a handshake answer)', frame(20)],
]) {
    test(`a handshake answered with a frame of ${what}: no crash, a clear reason`, async () => {
        const fake = await fakeServer(() => ({ bytes }));
        const child = await connectOnce(fake);
        assert.ok(fake.seen.handshakes >= 1 && fake.seen.answered >= 1, 'the fake server answered the handshake');
        assert.ok(child.lines.some((l) => l.connect === 'rejected' && l.name === 'ConnectTimeoutError'));
        const length = String(bytes.readInt32BE(0));
        assert.ok(logs(child).some((m) => m.includes(`${length} bytes`)), `a log line names the frame length ${length}: ${JSON.stringify(logs(child))}`);
    });
}
test('a handshake answer cut short, then a whole one: the second is read on its own', async () => {
    const id = 0x0123456789abcdefn;
    const fake = await fakeServer((index) => index === 0
        ? { bytes: handshakeAnswer(id).subarray(0, 14), close: true }
        : { bytes: handshakeAnswer(id) });
    const child = await connectOnce(fake);
    assert.ok(fake.seen.connections >= 2 && fake.seen.answered >= 2, 'a cut answer, then a reconnect');
    // Before the fix the 10 bytes of the cut answer were glued to the next connection's answer:
    // a session id made of both, or a crash.
    assert.deepEqual(child.lines.find((l) => l.connect), { connect: 'ok', sessionId: '0123456789abcdef' }, JSON.stringify(child.lines));
});
test('a reply the parser cannot read: its request fails at once, the session resumes', async () => {
    const id = 0x0abcdef012345678n;
    // A reply header (xid of the request, zxid, err 0) without the getData payload it promises.
    const headerOnly = (request) => {
        const b = Buffer.alloc(20);
        b.writeInt32BE(16, 0);
        b.writeInt32BE(request.readInt32BE(4), 4);
        return b;
    };
    const fake = await fakeServer((index) => ({
        bytes: handshakeAnswer(id),
        ...(index === 0 ? { reply: headerOnly } : {}),
    }));
    const child = runClient([fake.connectString, 'get', '2000', '1500']);
    await assertNoCrash(child);
    assert.equal(fake.seen.replied, 1, 'the fake server sent the unreadable reply');
    // Before its callback was failed by hand, the request only ended at its 2 s deadline.
    assert.deepEqual(child.lines.find((l) => l.get), { get: 'rejected', name: 'ConnectionLossError', message: 'CONNECTION_LOSS at /' }, JSON.stringify(child.lines));
    assert.ok(logs(child).some((m) => m.includes("could not read the server's reply")), JSON.stringify(logs(child)));
    assert.ok(child.lines.some((l) => l.event === 'reconnected' && l.id === '0abcdef012345678'), JSON.stringify(child.lines));
});
let server;
before(async () => {
    server = await startServer();
});
/**
 * A proxy to the real server that, when armed with `n`, passes only the first `n` bytes of the
 * server's next data and then closes both sides. Connections made later pass untouched.
 */
async function cuttingProxy(target) {
    const [host, port] = [
        target.slice(0, target.lastIndexOf(':')),
        Number(target.slice(target.lastIndexOf(':') + 1)),
    ];
    const state = { armed: 0, connections: 0, cut: undefined };
    const proxy = net.createServer((client) => {
        state.connections++;
        const upstream = net.connect({ host, port });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('data', (d) => upstream.write(d));
        upstream.on('data', (d) => {
            if (state.armed === 0) {
                client.write(d);
                return;
            }
            state.cut = { passed: state.armed, of: d.length };
            client.end(d.subarray(0, state.armed)); // the bytes, then FIN: the reply ends mid-frame
            upstream.destroy();
            state.armed = 0;
        });
    });
    const cs = server.connectString;
    const slash = cs.indexOf('/');
    return { connectString: `${await listen(proxy)}${slash === -1 ? '' : cs.slice(slash)}`, state };
}
let direct;
// A small reply's first bytes glued to the next handshake answer made a frame the parser choked
// on (a crash); a large reply's (100,000 bytes: length 00 01 86 a0) made a frame too long to
// ever arrive, so the session was never resumed and was lost (issue 15, item 2).
for (const [n, large] of [
    [1, false],
    [2, false],
    [3, false],
    [3, true],
]) {
    const reply = large ? 'a 100,000-byte reply' : 'a reply';
    test(`${reply} cut after ${n} byte(s), then a reconnect: no crash, the same session resumes`, async () => {
        direct ??= await connect(server.connectString);
        const read = large ? `/wire-peer-data-${n}` : '/';
        if (large)
            await direct.create(read, Buffer.alloc(100_000));
        const hosts = server.connectString.split('/')[0].split(',')[0];
        const proxy = await cuttingProxy(hosts);
        const node = `/wire-peer-${n}${large ? '-large' : ''}`;
        const child = runClient([proxy.connectString, 'session', '4000', '5000', node]);
        const ready = await child.until('ready', (l) => l.ready);
        const id = String(ready.sessionId);
        const owner = async () => (await direct.exists(node))?.ephemeralOwner.toString(16).padStart(16, '0');
        assert.equal(await owner(), id, 'the child owns the ephemeral node');
        proxy.state.armed = n;
        child.send(`get ${read}`);
        await eventually(() => proxy.state.cut, 5000, 'the cut');
        assert.ok(proxy.state.cut.of > n, `the cut fell inside a reply (${JSON.stringify(proxy.state.cut)})`);
        const get = await child.until('the request settles', (l) => l.get);
        assert.deepEqual(get, {
            get: 'rejected',
            name: 'ConnectionLossError',
            message: `CONNECTION_LOSS at ${read}`,
        });
        const after = await child.until('reconnected or lost', (l) => l.event === 'reconnected' || l.event === 'lost');
        assert.deepEqual(after, { event: 'reconnected', id }, 'the same session resumed, not lost');
        assert.ok(proxy.state.connections >= 2, 'the client reconnected through the proxy');
        assert.equal(await owner(), id, 'the ephemeral node is still the same session’s');
        child.send('close');
        await assertNoCrash(child);
        assert.ok(!child.lines.some((l) => l.event === 'lost'), JSON.stringify(child.lines));
    });
}
test('a request over jute.maxbuffer fails at once with a RangeError; no reconnect loop', async () => {
    // A long session timeout: a slow machine's late heartbeat must not pass for a dropped connection.
    const c = await connect(server.connectString, { sessionTimeout: 6000 });
    let suspended = 0;
    c.on('suspended', () => suspended++);
    const connects = c.connects;
    // A create's packet: header 8, path 4 + length, data 4 + length, one world:anyone ACL 27, flags 4.
    const dataFor = (path, packet) => Buffer.alloc(packet - (8 + 4 + path.length + 4 + 27 + 4));
    await c.create('/fits', dataFor('/fits', JUTE_MAXBUFFER)); // exactly at the server's limit
    const sizeError = (size) => (e) => e instanceof RangeError && e.message.includes(`${size} bytes`) && e.message.includes(`${JUTE_MAXBUFFER}`);
    await assert.rejects(c.create('/over', dataFor('/over', JUTE_MAXBUFFER + 1)), sizeError(JUTE_MAXBUFFER + 1));
    // The case: a lock identifier just under 1 MiB passes the data check, not the packet's.
    const nearMiB = Buffer.alloc(1024 * 1024 - 1);
    await assert.rejects(c.create('/id', nearMiB), sizeError(8 + 4 + 3 + 4 + nearMiB.length + 27 + 4));
    await assert.rejects(c.setData('/fits', nearMiB), RangeError);
    await assert.rejects(c.multi([{ op: 'create', path: '/m', data: nearMiB }]), RangeError);
    await sleep(300); // a dropped connection would show by now
    assert.equal(suspended, 0, 'the connection was never dropped');
    assert.equal(c.connects, connects, 'no reconnect');
    // A reply larger than jute.maxbuffer (the node read back) is accepted.
    assert.equal((await c.getData('/fits')).data.length, dataFor('/fits', JUTE_MAXBUFFER).length);
});
//# sourceMappingURL=hostile-server.test.js.map