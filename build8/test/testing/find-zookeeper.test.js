import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { externalConnectString, findJava, findZooKeeper, installZooKeeperIfPossible, NEEDS_HARNESS, needsHarness, startTestZooKeeper, withServer, ZooKeeperNotFoundError, } from '../../src/testing/index.js';
import { harnessSkip } from './helpers.js';
describe('findZooKeeper', () => {
    let tmp;
    let fakeJavaHome;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-find-test-'));
        // A JAVA_HOME with an executable bin/java; nothing runs it.
        fakeJavaHome = path.join(tmp, 'jdk');
        fs.mkdirSync(path.join(fakeJavaHome, 'bin'), { recursive: true });
        fs.writeFileSync(path.join(fakeJavaHome, 'bin', 'java'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    test('finds the installed ZooKeeper and java', { skip: harnessSkip() }, () => {
        const zk = findZooKeeper();
        assert.ok(path.isAbsolute(zk.java));
        assert.match(zk.classpath, /zookeeper[^/]*\.jar/);
        // Every classpath entry we assembled exists (no stale guesses); ZK_CLASSPATH is the user's business.
        if (zk.source !== 'ZK_CLASSPATH') {
            for (const entry of zk.classpath.split(path.delimiter))
                assert.ok(fs.existsSync(entry), entry);
        }
    });
    test('ZK_CLASSPATH is used as is', () => {
        const zk = findZooKeeper({ ZK_CLASSPATH: '/x/a.jar:/x/b/*', JAVA_HOME: fakeJavaHome, PATH: '' });
        assert.deepEqual(zk, {
            java: path.join(fakeJavaHome, 'bin', 'java'),
            classpath: '/x/a.jar:/x/b/*',
            source: 'ZK_CLASSPATH',
        });
    });
    test('ZOOKEEPER_HOME: lib/*.jar and *.jar, version from the jar name', () => {
        const home = path.join(tmp, 'apache-zookeeper-3.9.9-bin');
        fs.mkdirSync(path.join(home, 'lib'), { recursive: true });
        for (const jar of ['zookeeper-3.9.9.jar', 'zookeeper-jute-3.9.9.jar', 'logback-classic-1.2.13.jar']) {
            fs.writeFileSync(path.join(home, 'lib', jar), '');
        }
        fs.writeFileSync(path.join(home, 'lib', 'zookeeper-3.9.9-sources.jar'), '');
        fs.writeFileSync(path.join(home, 'extra.jar'), '');
        const zk = findZooKeeper({ ZOOKEEPER_HOME: home, PATH: path.join(fakeJavaHome, 'bin') });
        assert.equal(zk.version, '3.9.9');
        assert.equal(zk.source, 'ZOOKEEPER_HOME');
        assert.equal(zk.java, path.join(fakeJavaHome, 'bin', 'java'));
        const entries = zk.classpath.split(path.delimiter);
        assert.ok(entries.includes(path.join(home, 'lib', 'zookeeper-3.9.9.jar')));
        assert.ok(entries.includes(path.join(home, 'extra.jar')));
        assert.ok(!entries.some((e) => e.endsWith('-sources.jar')));
    });
    test('ZOOKEEPER_HOME pointing nowhere and no java: an error that says what to do', () => {
        const env = { ZOOKEEPER_HOME: path.join(tmp, 'nowhere'), PATH: path.join(tmp, 'empty-bin') };
        assert.throws(() => findZooKeeper(env), (err) => {
            assert.ok(err instanceof ZooKeeperNotFoundError);
            assert.equal(err.name, 'ZooKeeperNotFoundError');
            assert.equal(err.problems.length, 2, err.message);
            assert.match(err.message, /ZOOKEEPER_HOME=\S*nowhere holds no zookeeper jar/);
            assert.match(err.message, /no java executable \(JAVA_HOME is not set and there is no java on PATH\)/);
            // The remedies, each spelled out.
            assert.match(err.message, /sudo apt-get install -y zookeeper/);
            assert.match(err.message, /set\s+ZOOKEEPER_HOME=/);
            assert.match(err.message, /set ZK_CLASSPATH/);
            assert.match(err.message, /set ZK_CONNECT=host:port/);
            return true;
        });
    });
    test('java: JAVA_HOME first, then PATH; a JAVA_HOME without java is reported', () => {
        assert.equal(findJava({ JAVA_HOME: fakeJavaHome, PATH: '' }), path.join(fakeJavaHome, 'bin', 'java'));
        assert.equal(findJava({ PATH: `/nonexistent${path.delimiter}${path.join(fakeJavaHome, 'bin')}` }), path.join(fakeJavaHome, 'bin', 'java'));
        assert.equal(findJava({ PATH: '' }), undefined);
        assert.throws(() => findZooKeeper({ ZK_CLASSPATH: '/x.jar', JAVA_HOME: '/no/jdk', PATH: '' }), /no java executable at JAVA_HOME=\/no\/jdk/);
    });
});
describe('installZooKeeperIfPossible', () => {
    test('returns what findZooKeeper finds, without installing anything', { skip: harnessSkip() }, async () => {
        const lines = [];
        assert.deepEqual(await installZooKeeperIfPossible((l) => lines.push(l)), findZooKeeper());
        assert.deepEqual(lines, []);
    });
    test('without apt-get: the clear error, plus why it could not install', async () => {
        const env = { PATH: path.join(os.tmpdir(), 'zk-no-such-bin') };
        const lines = [];
        await assert.rejects(installZooKeeperIfPossible((l) => lines.push(l), env), (err) => {
            assert.ok(err instanceof ZooKeeperNotFoundError);
            assert.match(err.message, /could not install it: there is no apt-get on PATH/);
            assert.match(err.message, /sudo apt-get install -y zookeeper/);
            return true;
        });
        assert.deepEqual(lines, []);
    });
    test('a wrong ZOOKEEPER_HOME is not papered over by installing', async () => {
        await assert.rejects(installZooKeeperIfPossible(() => { }, { ZOOKEEPER_HOME: '/nowhere', PATH: '' }), (err) => {
            assert.match(err.message, /ZOOKEEPER_HOME=\/nowhere holds no zookeeper jar/);
            assert.doesNotMatch(err.message, /could not install/);
            return true;
        });
    });
});
describe('ZK_CONNECT', () => {
    test('externalConnectString and needsHarness read the given env', () => {
        assert.equal(externalConnectString({}), undefined);
        assert.equal(externalConnectString({ ZK_CONNECT: '  ' }), undefined);
        assert.equal(externalConnectString({ ZK_CONNECT: 'zk1:2181,zk2:2181' }), 'zk1:2181,zk2:2181');
        assert.equal(needsHarness({}), undefined);
        assert.equal(needsHarness({ ZK_CONNECT: 'zk1:2181' }), NEEDS_HARNESS);
        assert.match(NEEDS_HARNESS, /needs a ZooKeeper started by the harness; ZK_CONNECT is set/);
    });
    test('startTestZooKeeper / withServer hand out the external server, with no server object', async () => {
        const env = { ZK_CONNECT: '127.0.0.1:1' };
        const zk = await startTestZooKeeper({ env });
        assert.equal(zk.connectString, '127.0.0.1:1');
        assert.equal(zk.server, undefined);
        await zk.close(); // nothing to close
        const seen = await withServer(async (z) => z.connectString, { env });
        assert.equal(seen, '127.0.0.1:1');
        const viaOptions = await withServer({ env });
        assert.equal(viaOptions.server, undefined);
    });
});
//# sourceMappingURL=find-zookeeper.test.js.map