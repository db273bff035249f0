/** `zk-recipes leader` and `zk-recipes holders --election` as subprocesses, against a real ZooKeeper. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/args.js';
import { holdersJson, startCli as startProcess } from '../cli/cli-process.js';
import { connect, eventually, startServer } from '../helpers.js';
let server;
let admin;
let dir;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
    dir = mkdtempSync(join(tmpdir(), 'zk-leader-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const startCli = (args) => startProcess(server.connectString, args);
const participants = (name) => holdersJson(server.connectString, [name, '--election']);
describe('zk-recipes leader', () => {
    test('three leaders of one election run their commands one at a time; holders --election shows the leader', async () => {
        // mkdir is atomic: a command that finds the directory there runs beside another one.
        const held = join(dir, 'held');
        // Each leader holds until the test has seen all three in the election (the CLIs start one
        // by one on a loaded machine: a fixed hold could end before the last one joined).
        const go = join(dir, 'go');
        const script = `mkdir '${held}' || exit 99; while [ ! -e '${go}' ]; do sleep 0.05; done; sleep 0.1; rmdir '${held}'`;
        const runs = ['a', 'b', 'c'].map((id) => startCli(['leader', 'jobs', '--identifier', id, '--', 'sh', '-c', script]));
        const seen = (await eventually(async () => {
            const rows = await participants('jobs');
            return rows.length === 3 ? rows : undefined;
        }));
        assert.deepEqual(seen.map((r) => r.state), ['leader', 'waiting', 'waiting']);
        writeFileSync(go, '');
        const exits = await Promise.all(runs.map((r) => r.exited));
        assert.deepEqual(exits.map((e) => e.code), [0, 0, 0], exits.map((e) => e.stderr).join(''));
        assert.deepEqual(await participants('jobs'), []);
    });
    test('leadership lost while the command runs: it is stopped, exit 70', async () => {
        const cli = startCli(['leader', 'lost', '--grace', '1s', '--', 'sleep', '30']);
        const [row] = (await eventually(async () => {
            const rows = await participants('lost');
            return rows.length === 1 ? rows : undefined;
        }));
        await admin.delete(row.node); // an operator removes the leader's node: the term is lost
        const exit = await cli.exited;
        assert.equal(exit.code, EXIT.LOCK_LOST, exit.stderr);
        assert.match(exit.stderr, /lost leadership: .*stopping the command/);
    });
    test('--timeout while another leads: exit 75 naming the leader; a bad name is a usage error', async () => {
        const leading = startCli(['leader', 'busy', '--identifier', 'first', '--', 'sleep', '30']);
        await eventually(async () => (await participants('busy')).length === 1);
        const late = await startCli(['leader', 'busy', '--timeout', '300ms', '--', 'true']).exited;
        assert.equal(late.code, EXIT.TIMEOUT);
        assert.match(late.stderr, /not elected within 300ms: election "busy" \(\/elections\/busy\) is led by first/);
        leading.child.kill('SIGTERM'); // forwarded to sleep, which exits; the CLI leaves the election
        const exit = await leading.exited;
        assert.equal(exit.code, 128 + 15, exit.stderr);
        assert.deepEqual(await participants('busy'), []);
        const bad = await startCli(['leader', 'a/b', '--', 'true']).exited;
        assert.equal(bad.code, EXIT.USAGE);
        assert.match(bad.stderr, /election name "a\/b" must not contain '\/'/);
    });
});
//# sourceMappingURL=leader-cli.test.js.map