/**
 * What is particular to the built-in wire (src/client/protocol/connection.ts), tested on the
 * ProtocolWire itself: against a real server, except for malformed input, which comes from a
 * small fake server (it models a broken peer, never ZooKeeper's behaviour).
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { before, test } from 'node:test';
import { ProtocolWire } from '../../src/client/protocol/connection.js';
import type { WatchEvent } from '../../src/client/types.js';
import type { WireCallback, WireOptions, WireResult, WireState } from '../../src/client/wire-contract.js';
import { ConnectionLossError, ZkClient } from '../../src/index.js';
import { eventually, onCleanup, sleep, startProxy, startServer, type TestServer } from '../helpers.js';

const OPEN = [{ perms: 31, scheme: 'world', id: 'anyone' }] as const;

function open(connectString: string, extra: Partial<WireOptions> = {}) {
  const states: WireState[] = [];
  const errors: Error[] = [];
  const wire = new ProtocolWire(connectString, {
    sessionTimeout: 2000,
    spinDelay: 50,
    auth: [],
    onState: (s) => states.push(s),
    onError: (e) => errors.push(e),
    ...extra,
  });
  onCleanup(() => wire.dispose());
  wire.connect();
  const connects = () => states.filter((s) => s === 'connected').length;
  return { wire, states, errors, connects };
}

function call<T>(fn: (cb: WireCallback<T>) => void): Promise<WireResult<T>> {
  return new Promise((resolve) => fn(resolve));
}

async function value<T>(fn: (cb: WireCallback<T>) => void): Promise<T> {
  const r = await call(fn);
  if (!r.ok) throw r.error;
  return r.value;
}

let server: TestServer;
let admin: ZkClient;
before(async () => {
  server = await startServer();
  admin = new ZkClient(server.connectString, { sessionTimeout: 4000 });
  await admin.connect();
  onCleanup(() => admin.close());
});

/** A fake server: answers each handshake with session `id`, then each request chunk with `reply(request)`. */
async function fakeServer(reply: (request: Buffer) => Buffer) {
  const seen = { connections: 0 };
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((socket) => {
    seen.connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', () => {
      const b = Buffer.alloc(41);
      b.writeInt32BE(37, 0);
      b.writeInt32BE(2000, 8);
      b.writeBigInt64BE(0x1234n, 12);
      b.writeInt32BE(16, 20);
      socket.write(b);
      socket.on('data', (request) => socket.write(reply(request)));
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  onCleanup(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => srv.close(r));
  });
  return { connectString: `127.0.0.1:${(srv.address() as net.AddressInfo).port}`, seen };
}

/** A reply header (xid, zxid 1, err) for the first request of `request`, with no body. */
function replyHeader(xid: (requestXid: number) => number, err = 0) {
  return (request: Buffer) => {
    const b = Buffer.alloc(20);
    b.writeInt32BE(16, 0);
    b.writeInt32BE(xid(request.readInt32BE(4)), 4);
    b.writeBigInt64BE(1n, 8);
    b.writeInt32BE(err, 16);
    return b;
  };
}

test('a reply for an xid never sent drops the connection with a clear reason; the request fails; the wire dials again', async () => {
  const fake = await fakeServer(replyHeader(() => 999));
  const { wire, errors } = open(fake.connectString);
  const r = await call<unknown>((cb) => wire.remove('/x', -1, cb));
  assert.equal(r.ok, false);
  assert.ok(
    !r.ok && r.error instanceof ConnectionLossError && r.answered === false,
    String(!r.ok && r.error),
  );
  assert.ok(
    errors.some(
      (e) => /reply for xid 999, which was never sent/.test(e.message) && /delete of \/x/.test(e.message),
    ),
    errors.map((e) => e.message).join('\n'),
  );
  await eventually(() => fake.seen.connections >= 2, 5000, 'a new connection');
});

test('an unknown error code drops the connection, naming the code', async () => {
  const fake = await fakeServer(replyHeader((xid) => xid, -9999));
  const { wire, errors } = open(fake.connectString);
  const r = await call<unknown>((cb) => wire.remove('/x', -1, cb));
  assert.ok(!r.ok && r.error instanceof ConnectionLossError && !r.answered);
  assert.ok(
    errors.some((e) => /unknown error code -9999/.test(e.message)),
    errors.map((e) => e.message).join('\n'),
  );
});

test('a chroot is added to outgoing paths and taken off those that come back', async () => {
  await admin.create('/jail');
  const { wire } = open(`${server.connectString}/jail`);
  const created = await value<{ path: string; czxid: bigint }>((cb) =>
    wire.create('/n-', Buffer.from('x'), OPEN, 'persistent-sequential', cb),
  );
  assert.match(created.path, /^\/n-\d{10}$/);
  const stat = await admin.exists(`/jail${created.path}`);
  assert.equal(stat?.czxid, created.czxid, 'the czxid from create2 is the node’s');
  const events: WatchEvent[] = [];
  await value((cb) => wire.getData(created.path, (e) => events.push(e), cb));
  await admin.setData(`/jail${created.path}`, Buffer.from('y'));
  await eventually(() => events.length === 1, 5000, 'the data watch');
  assert.deepEqual(events, [{ type: 'nodeDataChanged', path: created.path }]);
  const results = await value<unknown>((cb) => wire.multi([{ op: 'create', path: '/m' }], OPEN, cb));
  assert.deepEqual(results, [{ op: 'create', path: '/m' }]);
  assert.deepEqual(
    (await value<{ children: string[] }>((cb) => wire.getChildren('/', undefined, cb))).children.sort(),
    [created.path.slice(1), 'm'].sort(),
  );
});

test('watches set before a kick fire for changes made after it (SetWatches)', async () => {
  await admin.create('/sw');
  const { wire, connects } = open(server.connectString);
  const events: WatchEvent[] = [];
  const watcher = (e: WatchEvent) => events.push(e);
  await value((cb) => wire.getData('/sw', watcher, cb));
  await value((cb) => wire.getChildren('/sw', watcher, cb));
  assert.equal(await value((cb) => wire.exists('/sw-later', watcher, cb)), null);
  const id = wire.sessionId;
  wire.kick();
  await eventually(() => connects() === 2, 10_000, 'reconnected');
  assert.equal(wire.sessionId, id, 'the same session');
  await admin.setData('/sw', Buffer.from('1'));
  await admin.create('/sw/child');
  await admin.create('/sw-later');
  await eventually(() => events.length === 3, 5000, 'three watches fired');
  assert.deepEqual(events.map((e) => `${e.type} ${e.path}`).sort(), [
    'nodeChildrenChanged /sw',
    'nodeCreated /sw-later',
    'nodeDataChanged /sw',
  ]);
});

test('keepalive syncs keep an idle session alive past its timeout', async () => {
  const { wire, states } = open(server.connectString);
  await eventually(() => wire.connected, 10_000, 'connected');
  const id = wire.sessionId;
  await sleep(2 * wire.negotiatedTimeout + 500);
  assert.ok(await value((cb) => wire.exists('/', undefined, cb)));
  assert.equal(wire.sessionId, id);
  assert.deepEqual(states, ['connecting', 'connected'], 'never disconnected nor expired');
});

test('the keepalive of an idle session is a sync, reported through onAnswer as passing the leader, T/6 apart', async () => {
  const viaLeader: number[] = [];
  const { wire } = open(server.connectString, {
    onAnswer: (sentAt, answeredAt, via) => {
      assert.ok(answeredAt >= sentAt, 'answered after it was sent');
      if (via) viaLeader.push(sentAt);
    },
  });
  await eventually(() => wire.connected, 10_000, 'connected');
  await eventually(() => viaLeader.length >= 2, 10_000, 'two keepalives answered');
  const apart = viaLeader[1]! - viaLeader[0]!;
  assert.ok(apart >= wire.negotiatedTimeout / 6 - 50, `keepalives a sixth of T apart: ${viaLeader}`);
  // A read is answered, but not through the leader.
  const reads: boolean[] = [];
  const { wire: w2 } = open(server.connectString, { onAnswer: (_s, _a, via) => reads.push(via) });
  await eventually(() => w2.connected, 10_000, 'second wire connected');
  await value((cb) => w2.exists('/', undefined, cb));
  assert.equal(reads[0], false, 'exists is answered locally');
});

test('read timeout: a connection that stays open but brings no answer through the leader is dropped at T/2; the same session comes back', async () => {
  const proxy = await startProxy(server.connectString);
  let healedAt = 0;
  // Healed the moment the wire gives up on the silent connection, so its next dial gets through.
  const { wire, errors } = open(proxy.connectString, {
    sessionTimeout: 3000,
    onState: (s) => {
      if (s === 'disconnected' && healedAt === 0) {
        proxy.pass();
        healedAt = Date.now();
      }
    },
  });
  await eventually(() => wire.connected, 10_000, 'connected');
  const id = wire.sessionId;
  const T = wire.negotiatedTimeout;
  proxy.blackhole();
  const silentFrom = Date.now();
  await eventually(() => healedAt > 0, 3 * T, 'dropped');
  // The fault happened and only the read timeout ended it: a blackhole closes nothing.
  assert.ok(
    errors.some((e) => /no answer through the leader for \d+ ms \(read timeout 1500 ms\)/.test(e.message)),
    String(errors),
  );
  assert.ok(
    healedAt - silentFrom >= T / 2 - 1000,
    `not long before the read timeout: ${healedAt - silentFrom} ms`,
  );
  await eventually(() => wire.connected, T, 'reconnected within T of the heal');
  assert.equal(wire.sessionId, id, `the same session, back ${Date.now() - healedAt} ms after the heal`);
});

test('a string outside the BMP reaches the server intact (UTF-8)', async () => {
  // Paths cannot hold one (ZooKeeper refuses surrogates in paths); an ACL's id can.
  const id = 'user-\u{1F600}:x';
  const acl = [
    { perms: 31, scheme: 'world', id: 'anyone' },
    { perms: 1, scheme: 'ip', id: '127.0.0.1' },
  ];
  const ours = new ZkClient(server.connectString, { wire: 'built-in' });
  onCleanup(() => ours.close());
  await ours.connect();
  await ours.create('/bmp', undefined, { acl: [...acl, { perms: 1, scheme: 'digest', id }] });
  const { acl: stored } = await ours.getACL('/bmp');
  assert.ok(
    stored.some((a) => a.id === id),
    `the id came back as ${JSON.stringify(stored.map((a) => a.id))}`,
  );
  // As Java would send it (CESU-8), the server would have kept U+FFFD twice instead.
  assert.ok(!stored.some((a) => a.id.includes('\ufffd')));
});

test('requests of one tick leave in one socket write and are answered in order', async () => {
  await admin.create('/batch');
  const { wire } = open(server.connectString);
  await eventually(() => wire.connected, 10_000, 'connected');
  const socket = (wire as unknown as { conn: { socket: net.Socket } }).conn.socket;
  const write = socket.write;
  let writes = 0;
  socket.write = function (this: net.Socket, ...args: unknown[]) {
    writes += 1;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof write;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      value((cb) => wire.create(`/batch/n${i}`, undefined, OPEN, 'persistent', cb)).then(() => order.push(i)),
    ),
  );
  socket.write = write;
  assert.equal(writes, 1, 'one write for 50 requests');
  assert.deepEqual(order, [...Array(50).keys()]);
});

test('a session that expired while disconnected is reported expired; requests fail; nothing is left running', async () => {
  const proxy = await startProxy(server.connectString);
  const { wire, states } = open(proxy.connectString, { sessionTimeout: 1000 });
  await eventually(() => wire.connected, 10_000, 'connected');
  proxy.refuse();
  wire.kick();
  await sleep(3000); // well past the session timeout: the server expires the session
  const pending = call((cb) => wire.exists('/', undefined, cb));
  proxy.pass();
  await eventually(() => states.includes('expired'), 10_000, 'expired');
  const r = await pending;
  assert.ok(!r.ok && r.error.name === 'SessionExpiredError' && !r.answered, String(!r.ok && r.error));
});

test('closeSession removes ephemeral nodes at once; dispose leaves no timer or socket', async () => {
  const before = process.getActiveResourcesInfo().length;
  const { wire } = open(server.connectString);
  await value((cb) => wire.create('/eph', undefined, OPEN, 'ephemeral', cb));
  await wire.closeSession(2000);
  assert.equal(await admin.exists('/eph'), null, 'the server removed the ephemeral node');
  wire.dispose();
  const r = await call((cb) => wire.exists('/', undefined, cb));
  assert.ok(!r.ok && r.error instanceof ConnectionLossError && !r.answered);
  await eventually(() => process.getActiveResourcesInfo().length <= before, 2000, 'no resources left').catch(
    () => {
      assert.fail(`resources left: ${process.getActiveResourcesInfo().join(', ')} (before: ${before})`);
    },
  );
});

test('the wire option is checked, naming the bad value', () => {
  assert.throws(
    () => new ZkClient('127.0.0.1:2181', { wire: 'nzc' as never }),
    (e: Error) => e instanceof TypeError && e.message.includes('"nzc"') && e.message.includes('built-in'),
  );
});
