/**
 * TLS on the built-in wire (ZkClientOptions.tls) against a real ZooKeeper serving TLS on its
 * secureClientPort with client certificates required (ZkTestServer's tls option): mutual TLS,
 * and each way a TLS connection can fail, which must fail clearly and in bounded time.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { peersRequired } from '../../peers/peer-process.js';
import { ConnectTimeoutError, monotonicNow, ZkClient, ZkLock, } from '../../src/index.js';
import { externalConnectString, generateTlsMaterial, NEEDS_HARNESS, TEST_CLIENT_SUBJECT, tlsToolsMissing, ZkTestServer, } from '../../src/testing/index.js';
import { connect, onCleanup } from '../helpers.js';
// Without openssl/keytool the tests skip saying what is missing; in CI that is a failure.
const missing = externalConnectString() ? NEEDS_HARNESS : tlsToolsMissing();
const skip = missing !== undefined && !(peersRequired() && missing !== NEEDS_HARNESS) ? missing : false;
const CONNECT_TIMEOUT = 2500;
let server;
/** A client that must not get a session: connect() rejects, and what the wire said is kept. */
async function refused(connectString, options) {
    const warnings = [];
    const logger = { debug() { }, info() { }, error() { }, warn: (m) => warnings.push(String(m)) };
    const client = new ZkClient(connectString, { connectTimeout: CONNECT_TIMEOUT, logger, ...options });
    onCleanup(() => client.close());
    const started = monotonicNow();
    const error = await client.connect().then(() => assert.fail('connected'), (e) => e);
    const took = monotonicNow() - started;
    assert.ok(error instanceof ConnectTimeoutError, `${error}`);
    assert.ok(took < CONNECT_TIMEOUT + 1000, `connect() took ${Math.round(took)} ms`);
    await client.close();
    return { error, warnings };
}
describe('TLS', { skip }, () => {
    before(async () => {
        server = await ZkTestServer.start({ tls: true });
        onCleanup(() => server.close());
    });
    test('mutual TLS: reads, writes and a lock through the secure port (tls alone picks the built-in wire)', async () => {
        const client = await connect(server.secureConnectString, { tls: server.clientTls });
        await client.create('/tls-data', Buffer.from('over tls'));
        assert.equal((await client.getData('/tls-data')).data.toString(), 'over tls');
        const lock = new ZkLock(client, 'tls-lock');
        assert.equal(await lock.acquire(5000), true);
        await lock.release();
    });
    test('whoAmI reports the client certificate as an x509 identity', async () => {
        const client = await connect(server.secureConnectString, { tls: server.clientTls });
        const identities = await client.whoAmI();
        assert.ok(identities.some((i) => i.scheme === 'x509' && i.user === TEST_CLIENT_SUBJECT), JSON.stringify(identities));
    });
    test('a client that trusts another CA refuses the server, and says so', async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'zk-recipes-other-ca-'));
        onCleanup(() => rm(dir, { recursive: true, force: true }));
        const other = await generateTlsMaterial(dir);
        const { error, warnings } = await refused(server.secureConnectString, {
            tls: { ...server.clientTls, ca: other.clientTls.ca },
        });
        const expected = new RegExp(`TLS handshake with 127\\.0\\.0\\.1:${server.securePort} failed: self-signed certificate in certificate chain \\(the server's certificate is not signed by a CA the tls options trust\\)`);
        assert.match(error.message, expected);
        assert.equal(warnings.filter((w) => expected.test(w)).length, 1, `said once: ${warnings.join('\n')}`);
    });
    test('a client without a certificate is refused by the server (ssl.clientAuth=need)', async () => {
        const { error } = await refused(server.secureConnectString, { tls: { ca: server.clientTls.ca } });
        assert.match(error.message, /TLS handshake with .* failed: .*\(the server refused the client certificate/);
    });
    test('a plaintext client against the TLS port fails cleanly within its connectTimeout', async () => {
        const { error } = await refused(server.secureConnectString, { wire: 'built-in' });
        assert.match(error.message, /no ZooKeeper session at .* within 2500 ms/);
    });
    test('a TLS client against the plain port fails cleanly, naming TLS', async () => {
        const { error } = await refused(server.connectString, { tls: server.clientTls });
        assert.match(error.message, /TLS handshake with .* failed: .*does that port speak TLS\?/);
    });
    test('the server keeps its certificates across restart()', async () => {
        const before = server.clientTls;
        await server.restart();
        assert.equal(server.clientTls, before);
        const client = await connect(server.secureConnectString, { tls: server.clientTls });
        assert.equal((await client.getData('/tls-data')).data.toString(), 'over tls');
    });
});
describe('the tls option', () => {
    test('the node-zookeeper-client backend refuses it at once, naming the built-in wire', () => {
        assert.throws(() => new ZkClient('127.0.0.1:2181', { wire: 'node-zookeeper-client', tls: true }), (e) => e instanceof TypeError &&
            /node-zookeeper-client cannot speak TLS; use wire: 'built-in'/.test(e.message));
    });
    test('a bad value is refused with a TypeError naming it', () => {
        for (const bad of ['yes', false, null, 1, [{}]]) {
            assert.throws(() => new ZkClient('127.0.0.1:2181', { tls: bad }), (e) => e instanceof TypeError && /^tls must be true .* got /.test(e.message), String(bad));
        }
        assert.throws(() => new ZkClient('127.0.0.1:2181', { tls: { host: 'elsewhere' } }), /tls\.host must not be set \(the servers come from the connect string\), got "elsewhere"/);
    });
});
//# sourceMappingURL=tls.test.js.map