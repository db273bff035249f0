/** `zk-recipes semaphore` and `zk-recipes holders --semaphore` as subprocesses, against a real ZooKeeper. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/args.js';
import { ZkSemaphore } from '../../src/index.js';
import { holdersJson, startCli as startProcess } from '../cli/cli-process.js';
import { connect, eventually, startServer } from '../helpers.js';
let server;
let admin;
let dir;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
    dir = mkdtempSync(join(tmpdir(), 'zk-semaphore-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const startCli = (args) => startProcess(server.connectString, args);
const leases = (name, max) => holdersJson(server.connectString, [name, '--semaphore', ...(max ? ['--max', String(max)] : [])]);
/** The lease and lock nodes left under the semaphore `name`. */
async function nodesLeft(name) {
    const left = [];
    for (const sub of ['leases', 'locks']) {
        const children = await admin.getChildren(`/semaphores/${name}/${sub}`).catch(() => []);
        left.push(...children.map((c) => `${sub}/${c}`));
    }
    return left;
}
/** Polls `holders --semaphore` until it lists `n` rows. */
async function rows(name, n, max) {
    return (await eventually(async () => {
        const r = await leases(name, max);
        return r.length === n ? r : undefined;
    }, 20_000));
}
describe('zk-recipes semaphore', () => {
    test('four commands with --max 2: never more than two at once; holders --semaphore shows who holds and who waits', async () => {
        // mkdir is atomic: a command that finds both slots taken runs beside two others (exit 99).
        const slot = (n) => `'${join(dir, `slot${n}`)}'`;
        const go = join(dir, 'go');
        const script = `if mkdir ${slot(1)} 2>/dev/null; then s=${slot(1)}; elif mkdir ${slot(2)} 2>/dev/null; then s=${slot(2)}; else exit 99; fi; ` +
            `while [ ! -e '${go}' ]; do sleep 0.05; done; sleep 0.1; rmdir "$s"`;
        const runs = ['a', 'b', 'c', 'd'].map((id) => startCli([
            'semaphore',
            'jobs',
            '--max',
            '2',
            '--identifier',
            id,
            '--timeout',
            '60s',
            '--',
            'sh',
            '-c',
            script,
        ]));
        // Two lease holders; the third holds the semaphore's mutex with a lease node waiting for a
        // free place; the fourth waits for the mutex.
        const seen = await rows('jobs', 4, 2);
        assert.deepEqual(seen.map((r) => [r.state, r.mode]), [
            ['holder', 'lease'],
            ['holder', 'lease'],
            ['waiting', 'lease'],
            ['waiting', 'lease'],
        ]);
        assert.match(seen[0].node, /^\/semaphores\/jobs\/leases\/_c_[0-9a-f-]{36}-lease-\d{10}$/);
        assert.match(seen[3].node, /^\/semaphores\/jobs\/locks\/_c_[0-9a-f-]{36}-lock-\d{10}$/);
        assert.equal(new Set(seen.map((r) => r.identifier)).size, 4, 'four different processes');
        // Without --max every lease node is listed as a holder.
        assert.equal((await leases('jobs')).filter((r) => r.state === 'holder').length, 3);
        writeFileSync(go, '');
        const exits = await Promise.all(runs.map((r) => r.exited));
        assert.deepEqual(exits.map((e) => e.code), [0, 0, 0, 0], exits.map((e) => e.stderr).join(''));
        assert.deepEqual(await leases('jobs'), []);
        assert.deepEqual(await nodesLeft('jobs'), []);
    });
    test('the lease lost while the command runs (its node deleted): the command is stopped, exit 70', async () => {
        const cli = startCli(['semaphore', 'lost', '--max', '3', '--grace', '1s', '--', 'sleep', '30']);
        const [row] = await rows('lost', 1);
        assert.equal(row.state, 'holder');
        await admin.delete(row.node); // an operator removes the lease: it is lost
        const exit = await cli.exited;
        assert.equal(exit.code, EXIT.LOCK_LOST, exit.stderr);
        assert.match(exit.stderr, /lost the lease: .*was deleted by someone else; stopping the command/);
        assert.deepEqual(await nodesLeft('lost'), []);
    });
    test('full: --timeout gives exit 75 naming the holders; SIGTERM while waiting leaves no node; bad --max is a usage error', async () => {
        const client = await connect(server.connectString);
        const sem = new ZkSemaphore(client, 'full', { maxLeases: 1, identifier: 'the-holder' });
        const [held] = await sem.acquire(5000);
        assert.ok(held);
        const marker = join(dir, 'full-ran');
        const late = await startCli([
            'semaphore',
            'full',
            '--max',
            '1',
            '--timeout',
            '300ms',
            '--',
            'touch',
            marker,
        ]).exited;
        assert.equal(late.code, EXIT.TIMEOUT);
        assert.match(late.stderr, /timed out after 300ms: could not get a lease of semaphore "full" \(\/semaphores\/full, max 1\); held by the-holder/);
        assert.equal(existsSync(marker), false);
        const waiting = startCli(['semaphore', 'full', '--max', '1', '--timeout', 'inf', '--', 'touch', marker]);
        await rows('full', 2); // queued behind the holder
        waiting.child.kill('SIGTERM');
        const stopped = await waiting.exited;
        assert.equal(stopped.code, 128 + 15, stopped.stderr);
        assert.match(stopped.stderr, /interrupted by SIGTERM while waiting for a lease of "full"/);
        assert.equal(existsSync(marker), false);
        assert.deepEqual((await leases('full')).map((r) => r.identifier), ['the-holder']);
        await held.release();
        await client.close();
        await eventually(async () => (await nodesLeft('full')).length === 0, 5000, 'no node left');
        const bad = await startCli(['semaphore', 'full', '--max', '0', '--', 'true']).exited;
        assert.equal(bad.code, EXIT.USAGE);
        assert.match(bad.stderr, /--max must be a positive integer, got "0"/);
    });
});
//# sourceMappingURL=semaphore-cli.test.js.map