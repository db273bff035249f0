/** The zk-recipes command as a subprocess, against a real ZooKeeper. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/args.js';
import { monotonicNow, ZkReadWriteLock } from '../../src/index.js';
import { connect, eventually, startProxy, startServer } from '../helpers.js';
import { holdersJson, killClis, startCli as startProcess } from './cli-process.js';
let server;
let admin;
let dir;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
    dir = mkdtempSync(join(tmpdir(), 'zk-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const startCli = (args, env = {}) => startProcess(server.connectString, args, env);
/** Runs the CLI to the end. */
function cli(args, env = {}) {
    return startCli(args, env).exited;
}
/** A shell command line that records its pid (so the test can check it is gone), then runs `script`. */
function recordingPid(pidFile, script) {
    return ['sh', '-c', `echo $$ > '${pidFile}'; ${script}`];
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}
const holders = (name) => holdersJson(server.connectString, [name]);
/** Polls `fn` until it yields a list (undefined: not yet). */
async function eventuallyList(fn, timeoutMs, what) {
    return (await eventually(fn, timeoutMs, what));
}
async function children(path) {
    try {
        return await admin.getChildren(path);
    }
    catch {
        return null;
    }
}
afterEach(async () => {
    killClis();
    // No contender node may outlive its test; empty lock directories are tidied up here.
    const leftovers = [];
    for (const name of (await children('/locks')) ?? []) {
        const nodes = (await children(`/locks/${name}`)) ?? [];
        leftovers.push(...nodes.map((n) => `/locks/${name}/${n}`));
        await Promise.all(nodes.map((n) => admin.delete(`/locks/${name}/${n}`).catch(() => { })));
        await admin.deleteIfEmpty(`/locks/${name}`);
    }
    assert.deepEqual(leftovers, [], 'lock nodes left behind');
});
describe('zk-recipes lock', () => {
    test('concurrent invocations serialise: their commands never overlap', async () => {
        const log = join(dir, 'serial.log');
        const script = (tag) => `const fs = require('fs'); const f = ${JSON.stringify(log)};` +
            `fs.appendFileSync(f, 'start ${tag} ' + Date.now() + '\\n');` +
            `setTimeout(() => fs.appendFileSync(f, 'end ${tag} ' + Date.now() + '\\n'), 300);`;
        const runs = await Promise.all(['a', 'b', 'c'].map((tag) => cli(['lock', 'serial', '--timeout', '30s', '--', process.execPath, '-e', script(tag)])));
        for (const r of runs)
            assert.equal(r.code, 0, r.stderr);
        const lines = readFileSync(log, 'utf8').trim().split('\n');
        assert.equal(lines.length, 6);
        for (let i = 0; i < lines.length; i += 2) {
            const [kind1, tag1, t1] = lines[i].split(' ');
            const [kind2, tag2, t2] = lines[i + 1].split(' ');
            assert.deepEqual([kind1, kind2, tag1], ['start', 'end', tag2], `interleaved: ${lines.join(' | ')}`);
            assert.ok(Number(t2) >= Number(t1) + 250);
            if (i > 0)
                assert.ok(Number(t1) >= Number(lines[i - 1].split(' ')[2]), 'a start before the previous end');
        }
        assert.equal(await children('/locks/serial'), null, 'the lock directory is removed');
    });
    test('exit codes pass through: exit 3, death by signal 128+n, missing command 127', async () => {
        const [three, killed, missing, ok] = await Promise.all([
            cli(['lock', 'codes', '--', 'sh', '-c', 'exit 3']),
            cli(['lock', 'codes', '--', 'sh', '-c', 'kill -KILL $$']),
            cli(['lock', 'codes', '--', 'no-such-command-zk-recipes']),
            cli(['lock', 'codes', '--', 'sh', '-c', 'echo out; echo err >&2']),
        ]);
        assert.equal(three.code, 3);
        assert.equal(killed.code, 128 + 9);
        assert.equal(missing.code, EXIT.NOT_FOUND);
        assert.match(missing.stderr, /cannot run "no-such-command-zk-recipes": command not found/);
        assert.equal(ok.code, 0);
        assert.equal(ok.stdout, 'out\n');
        assert.equal(ok.stderr, 'err\n');
    });
    test('--timeout 1s while another holds: exit 75 naming the holder, the command never runs', async () => {
        const client = await connect(server.connectString);
        const held = await new ZkReadWriteLock(client, 'busy', { identifier: 'the-holder' }).writeLock.lock();
        try {
            const marker = join(dir, 'busy-ran');
            const r = await cli(['lock', 'busy', '--timeout', '1s', '--', 'touch', marker]);
            assert.equal(r.code, EXIT.TIMEOUT);
            assert.match(r.stderr, /timed out after 1s: could not acquire lock "busy".*held by the-holder \(exclusive\)/);
            assert.ok(r.ms >= 1000 && r.ms < 8000, `took ${r.ms} ms`);
            assert.equal(existsSync(marker), false);
            assert.equal((await children('/locks/busy')).length, 1, 'the CLI left no node behind');
            const shared = await cli(['lock', 'busy', '--shared', '--timeout', '0', '--', 'touch', marker]);
            assert.equal(shared.code, EXIT.TIMEOUT, 'a reader waits for a writer too');
            assert.match(shared.stderr, /the lock is taken/);
        }
        finally {
            await held.release();
            await client.close();
        }
    });
    test('shared invocations run together; an exclusive one waits for them', async () => {
        const log = join(dir, 'shared.log');
        const reader = (tag) => [
            'lock',
            'rw',
            '--shared',
            '--',
            'sh',
            '-c',
            `echo start ${tag} >> '${log}'; sleep 1; echo end ${tag} >> '${log}'`,
        ];
        const r1 = startCli(reader('r1'));
        const r2 = startCli(reader('r2'));
        await eventually(async () => (await children('/locks/rw'))?.length === 2, 10_000, 'two readers queued');
        const w = await cli(['lock', 'rw', '--', 'sh', '-c', `echo writer >> '${log}'`]);
        const [a, b] = await Promise.all([r1.exited, r2.exited]);
        assert.deepEqual([a.code, b.code, w.code], [0, 0, 0]);
        const lines = readFileSync(log, 'utf8').trim().split('\n');
        assert.deepEqual(lines.slice(0, 2).map((l) => l.split(' ')[0]), ['start', 'start'], `readers overlapped: ${lines.join(' | ')}`);
        assert.equal(lines.at(-1), 'writer');
    });
    test('a lost lock (node deleted) stops the command and exits 70 saying why', async () => {
        const pidFile = join(dir, 'lost.pid');
        const run = startCli(['lock', 'lost', '--grace', '1s', '--', ...recordingPid(pidFile, 'exec sleep 30')]);
        await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 10_000, 'command running');
        const pid = Number(readFileSync(pidFile, 'utf8'));
        const [holder] = await holders('lost');
        assert.equal(holder.state, 'holder');
        const deletedAt = monotonicNow();
        await admin.delete(holder.node); // a forced eviction
        const r = await run.exited;
        const took = monotonicNow() - deletedAt;
        assert.equal(r.code, EXIT.LOCK_LOST);
        assert.ok(took < 5000, `exited ${took} ms after the eviction`);
        assert.match(r.stderr, /lost the lock: lock node \/locks\/lost\/.* was deleted by someone else/);
        assert.match(r.stderr, /SIGTERM/);
        assert.equal(alive(pid), false, 'the command was terminated');
    });
    test('a lost session (network silent) stops the command and exits 70', async () => {
        const proxy = await startProxy(server.connectString);
        const pidFile = join(dir, 'silent.pid');
        const run = startCli(['lock', 'silent', '--grace', '1s', '--', ...recordingPid(pidFile, 'exec sleep 60')], {
            ZK_CONNECT: proxy.connectString,
        });
        await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 10_000, 'command running');
        const pid = Number(readFileSync(pidFile, 'utf8'));
        const silentAt = monotonicNow();
        proxy.blackhole();
        const r = await run.exited;
        const took = monotonicNow() - silentAt;
        assert.equal(r.code, EXIT.LOCK_LOST);
        // The CLI's session timeout is 10 s; the loss is declared before the server can expire it.
        assert.ok(took < 15_000, `exited ${took} ms after the network went silent`);
        assert.match(r.stderr, /lost the lock: .*session was lost/);
        assert.equal(alive(pid), false);
        proxy.pass();
        await eventually(async () => !(await children('/locks/silent'))?.length, 20_000, 'the server expired the node');
    });
    test('a command that ignores SIGTERM gets SIGKILL after --grace', async () => {
        const pidFile = join(dir, 'stubborn.pid');
        const script = `trap '' TERM; while :; do sleep 0.1; done`;
        const run = startCli(['lock', 'stubborn', '--grace', '1s', '--', ...recordingPid(pidFile, script)]);
        await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 10_000, 'command running');
        const pid = Number(readFileSync(pidFile, 'utf8'));
        const [holder] = await holders('stubborn');
        const deletedAt = monotonicNow();
        await admin.delete(holder.node);
        const r = await run.exited;
        const took = monotonicNow() - deletedAt;
        assert.equal(r.code, EXIT.LOCK_LOST);
        assert.ok(took >= 1000 && took < 6000, `exited ${took} ms after the eviction`);
        assert.match(r.stderr, /still running after SIGTERM; sending SIGKILL/);
        assert.equal(alive(pid), false);
    });
    test('--lease: the command is stopped when the lease runs out', async () => {
        const r = await cli(['lock', 'leased', '--lease', '1s', '--grace', '1s', '--', 'sleep', '30']);
        assert.equal(r.code, EXIT.LOCK_LOST);
        assert.match(r.stderr, /the --lease of 1s ran out/);
        assert.ok(r.ms < 8000, `took ${r.ms} ms`);
    });
    test('SIGTERM to the CLI is forwarded to the command, then the lock is released', async () => {
        const pidFile = join(dir, 'term.pid');
        const marker = join(dir, 'term.marker');
        const script = `trap "echo got-term > '${marker}'; exit 5" TERM; while :; do sleep 0.1; done`;
        const run = startCli(['lock', 'term', '--', ...recordingPid(pidFile, script)]);
        await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 10_000, 'command running');
        assert.equal((await children('/locks/term')).length, 1);
        run.child.kill('SIGTERM'); // the CLI's pid only, not its process group
        const r = await run.exited;
        assert.equal(r.code, 5, r.stderr);
        assert.equal(readFileSync(marker, 'utf8').trim(), 'got-term');
        assert.equal(await children('/locks/term'), null, 'no node left');
    });
    test('SIGTERM while waiting for the lock: gives up at once, exit 143, no node left', async () => {
        const client = await connect(server.connectString);
        const held = await new ZkReadWriteLock(client, 'wait-term').writeLock.lock();
        try {
            const marker = join(dir, 'wait-term-ran');
            const run = startCli(['lock', 'wait-term', '--timeout', 'inf', '--', 'touch', marker]);
            await eventually(async () => (await children('/locks/wait-term'))?.length === 2, 10_000, 'CLI queued');
            run.child.kill('SIGTERM');
            const r = await run.exited;
            assert.equal(r.code, 128 + 15);
            assert.match(r.stderr, /interrupted by SIGTERM while waiting for lock "wait-term"/);
            assert.equal(existsSync(marker), false);
            assert.equal((await children('/locks/wait-term')).length, 1, "the CLI's node is gone");
        }
        finally {
            await held.release();
            await client.close();
        }
    });
    test('nobody listening: exit 69 naming the address', async () => {
        const port = await new Promise((resolve) => {
            const s = createServer().listen(0, '127.0.0.1', () => {
                const { port } = s.address();
                s.close(() => resolve(port));
            });
        });
        const r = await cli(['lock', 'x', '--connect', `127.0.0.1:${port}`, '--timeout', '1s', '--', 'true']);
        assert.equal(r.code, EXIT.UNAVAILABLE);
        assert.match(r.stderr, new RegExp(`cannot reach ZooKeeper at 127\\.0\\.0\\.1:${port}: no server answered within 1s`));
        assert.ok(r.ms < 6000, `took ${r.ms} ms`);
    });
});
describe('zk-recipes holders', () => {
    test('--json shows the holder and the waiter; the table shows the same', async () => {
        const holderPid = join(dir, 'holder.pid');
        const holder = startCli([
            'lock',
            'queue',
            '--identifier',
            'alpha',
            '--',
            ...recordingPid(holderPid, 'exec sleep 30'),
        ]);
        await eventually(() => existsSync(holderPid), 10_000, 'holder running');
        const waiter = startCli(['lock', 'queue', '--identifier', 'beta', '--timeout', 'inf', '--', 'true']);
        const rows = await eventuallyList(async () => {
            const r = await holders('queue');
            return r.length === 2 ? r : undefined;
        }, 10_000, 'holder and waiter listed');
        assert.deepEqual(rows.map((r) => [r.state, r.identifier, r.mode]), [
            ['holder', 'alpha', 'exclusive'],
            ['waiting', 'beta', 'exclusive'],
        ]);
        assert.ok(rows[0].sequence < rows[1].sequence);
        for (const r of rows) {
            assert.match(r.node, /^\/locks\/queue\/_c_[0-9a-f-]{36}-__WRIT__\d{10}$/);
            assert.match(r.session, /^0x[0-9a-f]+$/);
            const stat = await admin.exists(r.node);
            assert.equal(BigInt(r.session), BigInt.asUintN(64, stat.ephemeralOwner));
            assert.ok(Math.abs(Date.parse(r.since) - Date.now()) < 60_000, r.since);
        }
        assert.notEqual(rows[0].session, rows[1].session);
        const table = await cli(['holders', 'queue']);
        assert.equal(table.code, 0);
        const lines = table.stdout.trim().split('\n');
        assert.equal(lines.length, 3);
        assert.match(lines[1], /^holder\s+exclusive\s+\d{10}\s+0x[0-9a-f]+\s+\S+Z\s+alpha\s+\/locks\/queue\//);
        assert.match(lines[2], /^waiting\s+exclusive\s+.*\s+beta\s+/);
        // The holder ends; the waiter runs `true` and both are done.
        holder.child.kill('SIGTERM');
        const [h, w] = await Promise.all([holder.exited, waiter.exited]);
        assert.equal(h.code, 128 + 15);
        assert.equal(w.code, 0, w.stderr);
    });
    test('readers ahead of the first writer are all holders', async () => {
        const client = await connect(server.connectString);
        const rw = (id) => new ZkReadWriteLock(client, 'readers', { identifier: id });
        const r1 = await rw('r1').readLock.lock();
        const r2 = await rw('r2').readLock.lock();
        const stop = new AbortController();
        const waiting = [
            rw('w').writeLock.acquire({ signal: stop.signal }),
            rw('r3').readLock.acquire({ signal: stop.signal }),
        ].map((p) => p.catch(() => false));
        try {
            const rows = await eventuallyList(async () => {
                const r = await holders('readers');
                return r.length === 4 ? r : undefined;
            }, 10_000, 'four contenders');
            assert.deepEqual(rows.map((r) => [r.identifier, r.mode, r.state]), [
                ['r1', 'shared', 'holder'],
                ['r2', 'shared', 'holder'],
                ['w', 'exclusive', 'waiting'],
                ['r3', 'shared', 'waiting'],
            ]);
        }
        finally {
            stop.abort();
            await Promise.all(waiting);
            await r1.release();
            await r2.release();
            await client.close();
        }
    });
    test('no lock: [] with --json, nothing without; exit 0', async () => {
        assert.deepEqual(await holders('nothing-here'), []);
        const r = await cli(['holders', 'nothing-here']);
        assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
    });
});
//# sourceMappingURL=cli.test.js.map