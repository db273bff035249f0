/** The CLI's argument parsing and output formatting (pure), and its usage errors as a subprocess (no ZooKeeper). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONNECT, DEFAULT_GRACE, DEFAULT_TIMEOUT, EXIT, formatDuration, parseCommandLine, parseDuration, UsageError, } from '../../src/cli/args.js';
import { describeQueue, describeSemaphore, formatTable, } from '../../src/cli/holders-command.js';
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../../../package.json', import.meta.url));
/** Runs the CLI; resolves its exit code and output (never rejects on a non-zero exit). */
function cli(args, env = {}) {
    return new Promise((resolve) => {
        execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ZK_CONNECT: '', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
            const code = err ? err.code : 0;
            resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
        });
    });
}
function usageError(argv, pattern, env = {}) {
    assert.throws(() => parseCommandLine(argv, env), (e) => e instanceof UsageError && pattern.test(e.message), `${JSON.stringify(argv)} should fail with ${pattern}`);
}
describe('parseDuration', () => {
    test('units and plain seconds', () => {
        assert.equal(parseDuration('500ms', 'x'), 500);
        assert.equal(parseDuration('30s', 'x'), 30_000);
        assert.equal(parseDuration('5m', 'x'), 300_000);
        assert.equal(parseDuration('1h', 'x'), 3_600_000);
        assert.equal(parseDuration('2', 'x'), 2000);
        assert.equal(parseDuration('1.5', 'x'), 1500);
        assert.equal(parseDuration('0.25s', 'x'), 250);
        assert.equal(parseDuration('0', 'x', { allowZero: true }), 0);
        assert.equal(parseDuration('inf', 'x', { allowInfinite: true }), Number.POSITIVE_INFINITY);
    });
    test('bad durations name the option and the value', () => {
        for (const bad of ['', 'abc', '5d', '-1', '1e3', '5 s', 's', '1..2', 'inf']) {
            assert.throws(() => parseDuration(bad, '--lease'), (e) => e instanceof UsageError && e.message.includes('--lease') && e.message.includes(JSON.stringify(bad)), `duration ${JSON.stringify(bad)}`);
        }
        assert.throws(() => parseDuration('0', '--lease'), /greater than zero/);
        assert.throws(() => parseDuration('0ms', '--lease'), /greater than zero/);
        assert.throws(() => parseDuration('25d', '--timeout'), /invalid duration/);
        // Past Node's 24.8-day timer limit: the library's timers keep it.
        assert.equal(parseDuration('600h', '--timeout'), 2_160_000_000);
        assert.throws(() => parseDuration('9999999999999h', '--timeout'), /too long/);
    });
    test('formatDuration', () => {
        assert.equal(formatDuration(500), '500ms');
        assert.equal(formatDuration(1500), '1.5s');
        assert.equal(formatDuration(30_000), '30s');
        assert.equal(formatDuration(300_000), '5m');
        assert.equal(formatDuration(7_200_000), '2h');
    });
});
describe('parseCommandLine', () => {
    test('lock with defaults', () => {
        const inv = parseCommandLine(['lock', 'job', '--', 'make', '-j', '4']);
        assert.deepEqual(inv, {
            kind: 'lock',
            name: 'job',
            connect: DEFAULT_CONNECT,
            root: '/locks',
            timeout: DEFAULT_TIMEOUT,
            lease: undefined,
            grace: DEFAULT_GRACE,
            shared: false,
            identifier: undefined,
            command: ['make', '-j', '4'],
        });
    });
    test('lock with every option; options may come before or after the name', () => {
        const inv = parseCommandLine([
            'lock',
            '--timeout',
            '2m',
            'job',
            '-s',
            '--lease=1h',
            '--grace',
            '500ms',
            '--identifier',
            'me',
            '-c',
            'zk1:2181,zk2:2181/app',
            '--root',
            '/x/y',
            '--',
            'sh',
            '-c',
            'echo --timeout',
        ], { ZK_CONNECT: 'ignored:1' });
        assert.deepEqual(inv, {
            kind: 'lock',
            name: 'job',
            connect: 'zk1:2181,zk2:2181/app',
            root: '/x/y',
            timeout: 120_000,
            lease: 3_600_000,
            grace: 500,
            shared: true,
            identifier: 'me',
            command: ['sh', '-c', 'echo --timeout'],
        });
    });
    test('--timeout 0 tries once, inf waits forever', () => {
        const once = parseCommandLine(['lock', 'a', '-t', '0', '--', 'true']);
        assert.equal(once.kind === 'lock' && once.timeout, 0);
        const forever = parseCommandLine(['lock', 'a', '-t', 'inf', '--', 'true']);
        assert.equal(forever.kind === 'lock' && forever.timeout, undefined);
    });
    test('ZK_CONNECT is the default connect string; --connect wins', () => {
        const env = { ZK_CONNECT: 'zk.example:2181' };
        const a = parseCommandLine(['holders', 'job'], env);
        assert.equal(a.kind === 'holders' && a.connect, 'zk.example:2181');
        const b = parseCommandLine(['holders', 'job', '--connect', 'other:1'], env);
        assert.equal(b.kind === 'holders' && b.connect, 'other:1');
        const c = parseCommandLine(['holders', 'job'], { ZK_CONNECT: '' });
        assert.equal(c.kind === 'holders' && c.connect, DEFAULT_CONNECT);
    });
    test('holders', () => {
        assert.deepEqual(parseCommandLine(['holders', 'job', '--json']), {
            kind: 'holders',
            name: 'job',
            connect: DEFAULT_CONNECT,
            root: '/locks',
            json: true,
        });
        const odd = parseCommandLine(['holders', '--', '-odd']);
        assert.equal(odd.kind === 'holders' && odd.name, '-odd');
    });
    test('semaphore, and holders --semaphore', () => {
        assert.deepEqual(parseCommandLine(['semaphore', 'db', '-m', '3', '--', 'run', 'x']), {
            kind: 'semaphore',
            name: 'db',
            connect: DEFAULT_CONNECT,
            root: '/semaphores',
            max: 3,
            timeout: DEFAULT_TIMEOUT,
            grace: DEFAULT_GRACE,
            identifier: undefined,
            command: ['run', 'x'],
        });
        const forever = parseCommandLine(['semaphore', 'db', '--max', '1', '--timeout', 'inf', '--', 'x']);
        assert.equal(forever.kind === 'semaphore' && forever.timeout, undefined);
        assert.deepEqual(parseCommandLine(['holders', 'db', '--semaphore', '--max', '2']), {
            kind: 'holders',
            name: 'db',
            connect: DEFAULT_CONNECT,
            root: '/semaphores',
            json: false,
            semaphore: { max: 2 },
        });
        const noMax = parseCommandLine(['holders', 'db', '--semaphore', '--root', '/s']);
        assert.deepEqual(noMax.kind === 'holders' && [noMax.root, noMax.semaphore], ['/s', { max: undefined }]);
        usageError(['semaphore', 'db', '--', 'x'], /semaphore: missing --max <n>/);
        for (const bad of ['0', '-1', '1.5', 'two', '2147483648']) {
            usageError(['semaphore', 'db', `--max=${bad}`, '--', 'x'], /--max must be a positive integer, got "/);
        }
        usageError(['semaphore', 'a/b', '--max', '1', '--', 'x'], /semaphore name "a\/b"/);
        usageError(['semaphore', 'db', '--max', '1'], /semaphore: missing command/);
        usageError(['holders', 'db', '--semaphore', '--election'], /--election and --semaphore exclude each other/);
        usageError(['holders', 'db', '--max', '2'], /--max goes with --semaphore/);
        assert.deepEqual(parseCommandLine(['semaphore', '--help']), { kind: 'help', topic: 'semaphore' });
    });
    test('help and version', () => {
        assert.deepEqual(parseCommandLine(['--help']), { kind: 'help', topic: undefined });
        assert.deepEqual(parseCommandLine(['-h']), { kind: 'help', topic: undefined });
        assert.deepEqual(parseCommandLine(['lock', '--help']), { kind: 'help', topic: 'lock' });
        assert.deepEqual(parseCommandLine(['holders', '-h']), { kind: 'help', topic: 'holders' });
        assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
    });
    test('usage errors name what is wrong', () => {
        usageError([], /missing command/);
        usageError(['frobnicate'], /unknown command "frobnicate"/);
        usageError(['--timeout', '1s'], /unknown option "--timeout".*comes first/);
        usageError(['lock'], /missing lock name/);
        usageError(['lock', '--', 'true'], /missing lock name/);
        usageError(['lock', 'job'], /missing command/);
        usageError(['lock', 'job', '--'], /missing command after '--'/);
        usageError(['lock', 'job', 'make', 'all'], /put the command after '--'.*make all/);
        usageError(['lock', 'job', 'extra', '--', 'true'], /unexpected argument "extra"/);
        usageError(['lock', 'job', '--bogus', '--', 'true'], /unknown option "--bogus"/);
        usageError(['lock', 'job', '-x', '--', 'true'], /unknown option "-x"/);
        usageError(['lock', 'job', '--timeout'], /"--timeout" needs a value/);
        usageError(['lock', 'job', '-t'], /"--timeout" needs a value/);
        usageError(['lock', 'job', '--timeout', '--', 'true'], /"--timeout" needs a value/);
        usageError(['lock', 'job', '--shared=yes', '--', 'true'], /"--shared" takes no value/);
        usageError(['lock', 'job', '--timeout', 'soon', '--', 'true'], /--timeout: invalid duration "soon"/);
        usageError(['lock', 'job', '--lease', '0', '--', 'true'], /--lease: .*"0".*greater than zero/);
        usageError(['lock', 'job', '--grace', '5x', '--', 'true'], /--grace: invalid duration "5x"/);
        usageError(['lock', 'a/b', '--', 'true'], /lock name "a\/b"/);
        usageError(['lock', 'job', '--root', 'locks', '--', 'true'], /--root "locks"/);
        usageError(['lock', 'job', '--connect', 'host:99999', '--', 'true'], /--connect: .*"99999"/);
        usageError(['holders', 'job'], /ZK_CONNECT: .*"nope:x"/, { ZK_CONNECT: 'nope:x' });
        usageError(['holders', 'job', '--shared'], /unknown option "--shared"/);
        usageError(['holders', 'a', 'b'], /unexpected argument "b"/);
        usageError(['holders', 'job', '--json=1'], /"--json" takes no value/);
    });
});
describe('holders output', () => {
    const stat = (owner, ctime) => ({ ephemeralOwner: owner, ctime: BigInt(ctime) });
    const entry = (sequence, mode) => ({
        path: `/locks/j/n${sequence}`,
        identifier: `id${sequence}`,
        mode,
        sequence,
    });
    test('readers ahead of the first writer all hold; nodes gone meanwhile are left out', () => {
        const queue = [entry(1, 'shared'), entry(2, 'shared'), entry(3, 'exclusive'), entry(4, 'shared')];
        const rows = describeQueue(queue, [stat(1n, 0), stat(2n, 0), stat(3n, 0), stat(4n, 0)]);
        assert.deepEqual(rows.map((r) => r.state), ['holder', 'holder', 'waiting', 'waiting']);
        const writerFirst = describeQueue([entry(5, 'exclusive'), entry(6, 'shared')], [stat(1n, 0), stat(1n, 0)]);
        assert.deepEqual(writerFirst.map((r) => r.state), ['holder', 'waiting']);
        const headGone = describeQueue([entry(7, 'exclusive'), entry(8, 'exclusive')], [null, stat(1n, 0)]);
        assert.deepEqual(headGone.map((r) => [r.sequence, r.state]), [[8, 'holder']]);
    });
    test('a semaphore: leases past the maximum wait; the mutex holder is left out, the mutex queue waits', () => {
        const leases = [entry(1, 'shared'), entry(2, 'shared'), entry(3, 'shared')];
        const queued = [entry(10, 'exclusive'), entry(11, 'exclusive')];
        const all = (n) => Array.from({ length: n }, () => stat(1n, 0));
        const rows = describeSemaphore(leases, [null, ...all(2)], queued, all(2), 1);
        assert.deepEqual(rows.map((r) => [r.sequence, r.state, r.mode]), [
            [2, 'holder', 'lease'],
            [3, 'waiting', 'lease'],
            [11, 'waiting', 'lease'],
        ]);
        const unknownMax = describeSemaphore(leases, all(3), [], [], undefined);
        assert.deepEqual(unknownMax.map((r) => r.state), ['holder', 'holder', 'holder']);
    });
    test('session as ZooKeeper writes it, ctime as ISO date', () => {
        const [row] = describeQueue([entry(1, 'exclusive')], [stat(-1n, Date.UTC(2024, 0, 2, 3, 4, 5))]);
        assert.equal(row.session, '0xffffffffffffffff');
        assert.equal(row.since, '2024-01-02T03:04:05.000Z');
        const [row2] = describeQueue([entry(1, 'exclusive')], [stat(0x100000abcn, 0)]);
        assert.equal(row2.session, '0x100000abc');
    });
    test('table: header, aligned columns; nothing for an empty queue', () => {
        assert.deepEqual(formatTable([]), []);
        const lines = formatTable(describeQueue([entry(1, 'exclusive'), entry(22, 'shared')], [stat(1n, 0), stat(2n, 0)]));
        assert.equal(lines.length, 3);
        assert.match(lines[0], /^STATE\s+MODE\s+SEQUENCE\s+SESSION\s+SINCE\s+IDENTIFIER\s+NODE$/);
        assert.match(lines[1], /^holder\s+exclusive\s+0000000001\s+0x1\s+1970-01-01T00:00:00.000Z\s+id1\s+\/locks\/j\/n1$/);
        assert.equal(lines[1].indexOf('0000000001'), lines[2].indexOf('0000000022'));
    });
});
describe('the zk-recipes command without a server', () => {
    test('--help prints usage and exits 0; --version prints the package version', async () => {
        const help = await cli(['--help']);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /^Usage:\n\s+zk-recipes lock <name>/);
        assert.equal(help.stderr, '');
        const version = await cli(['--version']);
        assert.equal(version.code, 0);
        const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
        assert.equal(version.stdout, `${pkg.version}\n`);
    });
    test('usage errors exit 64 with a message naming the bad value', async () => {
        const cases = [
            [[], /missing command/],
            [['lock', 'job', '--timeout', '5x', '--', 'true'], /--timeout: invalid duration "5x"/],
            [['lock', 'job'], /missing command/],
            [['lock', 'job', '--'], /missing command after '--'/],
            [['lock', '--', 'true'], /missing lock name/],
            [['holders', 'job', '--frob'], /unknown option "--frob"/],
        ];
        const results = await Promise.all(cases.map(([args]) => cli(args)));
        results.forEach((r, i) => {
            const [args, pattern] = cases[i];
            assert.equal(r.code, EXIT.USAGE, `exit code of ${JSON.stringify(args)}`);
            assert.match(r.stderr, pattern, `stderr of ${JSON.stringify(args)}`);
            assert.match(r.stderr, /^zk-recipes: /);
            assert.equal(r.stdout, '');
        });
    });
});
//# sourceMappingURL=args.test.js.map