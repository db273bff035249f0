import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConnectString } from '../../src/client/connect-string.js';
import { pathProblem, validatePath } from '../../src/client/paths.js';
import { READER, WRITER } from '../../src/recipes/locks/kinds.js';
import { blockersAhead, decide, parseContender, sortContenders } from '../../src/recipes/queue/contenders.js';
describe('parseContender', () => {
    test('recognises Curator and Kazoo node names', () => {
        assert.deepEqual(parseContender('_c_0f1e2d3c-aaaa-bbbb-cccc-0123456789ab-lock-0000000042'), {
            name: '_c_0f1e2d3c-aaaa-bbbb-cccc-0123456789ab-lock-0000000042',
            sequence: 42,
            mode: 'exclusive',
        });
        assert.equal(parseContender('_c_x-__READ__0000000001')?.mode, 'shared');
        assert.equal(parseContender('_c_x-__WRIT__0000000001')?.mode, 'exclusive');
        assert.equal(parseContender('abc123__lock__0000000007')?.mode, 'exclusive');
        assert.equal(parseContender('abc123__rlock__0000000007')?.mode, 'shared');
        // Curator LeaderLatch's participants: an election's queue
        assert.deepEqual(parseContender('_c_0f1e2d3c-aaaa-bbbb-cccc-0123456789ab-latch-0000000003'), {
            name: '_c_0f1e2d3c-aaaa-bbbb-cccc-0123456789ab-latch-0000000003',
            sequence: 3,
            mode: 'exclusive',
        });
    });
    test('ignores names that are not lock nodes', () => {
        for (const name of [
            'lease-0000000001',
            'foo',
            '_c_x-lock-123',
            '_c_x-lock-00000000012',
            'x__lock__',
            '',
        ]) {
            assert.equal(parseContender(name), undefined, name);
        }
    });
});
describe('sortContenders', () => {
    test('orders by sequence across prefixes and drops strangers', () => {
        const sorted = sortContenders([
            'zzz__lock__0000000003',
            '_c_b-lock-0000000001',
            'not-a-lock',
            'aaa__rlock__0000000002',
            '_c_a-__WRIT__0000000010',
        ]).map((c) => c.sequence);
        assert.deepEqual(sorted, [1, 2, 3, 10]);
    });
});
describe('predicates', () => {
    const q = sortContenders([
        '_c_1-__READ__0000000001',
        '_c_2-__WRIT__0000000002',
        '_c_3-__READ__0000000003',
        '_c_4-__READ__0000000004',
        '_c_5-__WRIT__0000000005',
    ]);
    const none = new Set();
    test('a writer holds only when first and watches the immediate predecessor', () => {
        assert.deepEqual(decide(WRITER, q, 0, none), { held: true });
        const d = decide(WRITER, q, 4, none);
        assert.equal(d.held, false);
        assert.equal(!d.held && d.watch.sequence, 4);
    });
    test('a reader holds when no writer precedes and watches the nearest preceding writer', () => {
        assert.deepEqual(decide(READER, q, 0, none), { held: true });
        const d = decide(READER, q, 3, none);
        assert.equal(!d.held && d.watch.sequence, 2);
        // A reader never waits for another reader.
        assert.equal(!decide(READER, q, 2, none).held && 'waits', 'waits');
    });
    test('ignored own nodes do not block', () => {
        assert.deepEqual(decide(READER, q, 2, new Set(['_c_2-__WRIT__0000000002'])), { held: true });
    });
    test('blockersAhead: all nodes ahead for a writer, only writers for a reader', () => {
        assert.deepEqual(blockersAhead(WRITER, q, 4, none).map((c) => c.sequence), [1, 2, 3, 4]);
        assert.deepEqual(blockersAhead(READER, q, 4, none).map((c) => c.sequence), [2]);
    });
});
describe('parseConnectString', () => {
    test('hosts, default port and chroot', () => {
        assert.deepEqual(parseConnectString('a:1,b/app/x'), {
            servers: [
                { host: 'a', port: 1 },
                { host: 'b', port: 2181 },
            ],
            chroot: '/app/x',
        });
        assert.equal(parseConnectString('a:1/').chroot, undefined);
    });
    test('bad strings name the bad value', () => {
        assert.throws(() => parseConnectString(''), /non-empty string/);
        assert.throws(() => parseConnectString(42), /got 42/);
        assert.throws(() => parseConnectString('a:0'), /bad port "0"/);
        assert.throws(() => parseConnectString('a:70000'), /bad port "70000"/);
        assert.throws(() => parseConnectString('a:1,,b:2'), /empty server entry/);
        assert.throws(() => parseConnectString('a:x'), /bad port "x"/);
        assert.throws(() => parseConnectString('a:1/app/'), /must not end with/);
        assert.throws(() => parseConnectString('[::1]:2181'), /IPv6/);
    });
});
describe('validatePath', () => {
    test('accepts valid paths', () => {
        for (const p of ['/', '/a', '/a/b-c_d.e', '/locks/_c_x-lock-'])
            validatePath(p);
    });
    test('rejects invalid paths with the value in the message', () => {
        const cases = [
            ['a/b', /"a\/b".*start with/],
            ['/a/', /end with/],
            ['/a//b', /empty segment/],
            ['/a/\0', /NUL/],
            ['/a/./b', /relative segment '\.'/],
            ['/a/..', /relative segment '\.\.'/],
            ['', /empty/],
            [undefined, /must be a string, got undefined/],
            ['/a\u0001', /control/],
        ];
        for (const [p, re] of cases)
            assert.throws(() => validatePath(p), re, String(p));
    });
});
describe('validatePath fast path', () => {
    test('accepts exactly the paths the full check accepts (random paths over tricky characters)', () => {
        const alphabet = [
            '/',
            '/',
            '.',
            'a',
            'Z',
            '0',
            '-',
            '\u0000',
            '\u0001',
            '\u007f',
            '\u0085',
            '\ud800',
            '\uf8ff',
            '\ufff0',
            'é',
            '\u2028',
        ];
        let seed = 42;
        const rand = (n) => {
            seed = (seed * 1103515245 + 12345) % 2 ** 31;
            return seed % n;
        };
        let accepted = 0;
        for (let i = 0; i < 20_000; i++) {
            let path = '/';
            const len = rand(9);
            for (let j = 0; j < len; j++)
                path += alphabet[rand(alphabet.length)];
            const expected = pathProblem(path) === undefined;
            let ok = true;
            try {
                validatePath(path);
            }
            catch {
                ok = false;
            }
            assert.equal(ok, expected, `validatePath(${JSON.stringify(path)})`);
            if (ok)
                accepted++;
        }
        assert.ok(accepted > 1000, `the sample has valid paths too (${accepted})`);
    });
});
//# sourceMappingURL=names.test.js.map