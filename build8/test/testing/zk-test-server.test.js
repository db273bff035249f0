import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fourLetterWord, startTestZooKeeper, ZkTestServer } from '../../src/testing/index.js';
import { connectError, harnessSkip, isAlive, processesMentioning, withWireClient } from './helpers.js';
describe('ZkTestServer', { skip: harnessSkip(), timeout: 60_000 }, () => {
    let server;
    before(async () => {
        server = await ZkTestServer.start({ tickTime: 200, extraConfig: { maxClientCnxns: 60 } });
    });
    after(() => server?.close());
    test('serves on a loopback port from its own dir', async () => {
        assert.match(server.connectString, /^127\.0\.0\.1:\d+$/);
        assert.equal(server.connectString, `127.0.0.1:${server.port}`);
        assert.ok(server.pid && isAlive(server.pid));
        assert.ok(server.running);
        assert.equal(await server.fourLetter('ruok'), 'imok');
        assert.match(await server.fourLetter('stat'), /^Mode: standalone$/m);
        assert.match(await fourLetterWord('127.0.0.1', server.port, 'mntr'), /^zk_server_state\tstandalone$/m);
        assert.equal(await server.mode(), 'standalone');
        assert.equal(await connectError(server.port), undefined);
        const cfg = fs.readFileSync(path.join(server.dataDir, 'zoo.cfg'), 'utf8');
        assert.match(cfg, /^4lw\.commands\.whitelist=\*$/m);
        assert.match(cfg, /^admin\.enableServer=false$/m);
        // The slf4j binding writes into the data dir.
        assert.match(fs.readFileSync(server.logFile, 'utf8'), /binding to port/);
    });
    test('tickTime and session bounds reach the server; extraConfig overrides defaults', async () => {
        const conf = await server.fourLetter('conf');
        assert.match(conf, /^tickTime=200$/m);
        assert.match(conf, /^minSessionTimeout=400$/m);
        assert.match(conf, /^maxSessionTimeout=60000$/m);
        assert.match(conf, /^maxClientCnxns=60$/m);
    });
    test('restart keeps the port and the data', async () => {
        const { port } = server;
        const pidBefore = server.pid;
        await withWireClient(server.connectString, (c) => c.create('/harness-restart', 'kept'));
        await server.restart();
        assert.equal(server.port, port);
        assert.notEqual(server.pid, pidBefore);
        assert.ok(!isAlive(pidBefore));
        assert.equal(await withWireClient(server.connectString, (c) => c.get('/harness-restart')), 'kept');
    });
    test('kill is a crash; start brings the server back with its data', async () => {
        await withWireClient(server.connectString, (c) => c.create('/harness-kill', 'written before the crash'));
        const pid = server.pid;
        await server.kill();
        assert.equal(server.pid, undefined);
        assert.ok(!server.running);
        assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
        assert.equal((await connectError(server.port))?.code, 'ECONNREFUSED');
        await server.start();
        assert.equal(await withWireClient(server.connectString, (c) => c.get('/harness-kill')), 'written before the crash');
    });
    test('pause freezes the server, resume brings it back', async () => {
        server.pause();
        assert.ok(server.paused);
        // The kernel still accepts the connection; nobody answers.
        await assert.rejects(server.fourLetter('ruok', 300), /no reply within 300 ms/);
        assert.equal(await server.mode(), undefined);
        server.resume();
        assert.ok(!server.paused);
        assert.equal(await server.fourLetter('ruok'), 'imok');
    });
    test('stop of a paused server still ends it', async () => {
        server.pause();
        const pid = server.pid;
        await server.stop();
        assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
        await server.start();
        assert.equal(await server.fourLetter('ruok'), 'imok');
    });
});
describe('ZkTestServer lifecycle', { skip: harnessSkip(), timeout: 60_000 }, () => {
    test('close() leaves no JVM and no temp dir, and is idempotent', async () => {
        const server = new ZkTestServer();
        await server.start();
        const { pid, dataDir } = server;
        assert.ok(pid && fs.existsSync(dataDir));
        await Promise.all([server.close(), server.close()]);
        assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
        assert.ok(!fs.existsSync(dataDir));
        assert.deepEqual(processesMentioning(dataDir), []);
        await server.close();
        await server[Symbol.asyncDispose]();
        await assert.rejects(server.start(), /closed/);
    });
    test('a server that cannot start: rejects with the log, leaves nothing behind', async () => {
        const server = new ZkTestServer({ extraConfig: ['tickTime=abc'] });
        await assert.rejects(server.start(), (err) => {
            assert.match(err.message, /did not start: the JVM exited \(code \d+\) before answering/);
            // The tail of the server's own log says why.
            assert.match(err.message, /NumberFormatException: For input string: "abc"/);
            return true;
        });
        assert.equal(server.pid, undefined);
        const dir = server.dataDir;
        await server.close();
        assert.ok(!fs.existsSync(dir));
    });
    test('startTimeout: the JVM is killed and the error says so', async () => {
        let dir = '';
        const tmpDir = fs.mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'zk-timeout-'));
        try {
            await assert.rejects(ZkTestServer.start({ startTimeout: 1, tmpDir }), (err) => {
                assert.match(err.message, /no answer to 'ruok\/srvr' within 1 ms/);
                dir = /--- (\S+)\/zookeeper\.log/.exec(err.message)?.[1] ?? '';
                return true;
            });
            assert.ok(dir.startsWith(tmpDir), dir);
            // static start() cleans up after a failure.
            assert.ok(!fs.existsSync(dir));
            assert.deepEqual(processesMentioning(dir), []);
        }
        finally {
            fs.rmSync(tmpDir, { recursive: true, force: true });
        }
    });
    test('startTestZooKeeper starts a harness server when ZK_CONNECT is not set', async () => {
        const zk = await startTestZooKeeper({ env: {} });
        try {
            assert.ok(zk.server instanceof ZkTestServer);
            assert.equal(zk.connectString, zk.server.connectString);
            assert.equal(await zk.server.fourLetter('ruok'), 'imok');
        }
        finally {
            await zk.close();
        }
        assert.ok(zk.server.closed);
    });
});
//# sourceMappingURL=zk-test-server.test.js.map