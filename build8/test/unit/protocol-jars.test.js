/**
 * Our codec against ZooKeeper's own: test/fixtures/JuteBytes.java serializes a fixed set of
 * records with the jars' classes (run once for this file); each must equal our encoding of the
 * same values byte for byte, and our decoding of the jars' bytes must give the values back.
 * The protocol's numbers (opcodes, flags, types, states, error codes) are compared too.
 * Skipped, saying what to install, without Java or the jars; with `CI` set that is a failure.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { peersRequired } from '../../peers/peer-process.js';
import { JuteReader, JuteWriter } from '../../src/client/protocol/jute.js';
import * as numbers from '../../src/client/protocol/opcodes.js';
import { decodeAll } from '../../src/client/protocol/records-data.js';
import { ConnectResponseCodec } from '../../src/client/protocol/records-session.js';
import { ZkCode } from '../../src/errors.js';
import { CASES } from './protocol-cases.js';
// This file runs from build/test/unit/; the Java source stays in test/fixtures/.
const SOURCE = fileURLToPath(new URL('../../../test/fixtures/JuteBytes.java', import.meta.url));
const JAVA = '/usr/bin/java';
const JARS = ['/usr/share/java/zookeeper-jute.jar', '/usr/share/java/zookeeper.jar'];
function missing() {
    if (!existsSync(JAVA))
        return `java not found at ${JAVA}: apt-get install -y default-jre-headless`;
    const jar = JARS.find((j) => !existsSync(j));
    if (jar)
        return `ZooKeeper's jars not found (${jar}): apt-get install -y zookeeper`;
    return undefined;
}
const REQUIRED = peersRequired();
const absent = missing();
const skip = absent !== undefined && !REQUIRED ? absent : false;
test(`java and ZooKeeper's jars are installed${REQUIRED ? ' (required: CI is set)' : ''}`, { skip }, () => {
    assert.equal(absent, undefined, `CI requires Java and ZooKeeper's jars for the codec tests: ${absent}`);
});
describe("the codec against ZooKeeper's jars", { skip: absent ?? false }, () => {
    const records = new Map();
    const constants = new Map();
    before(async () => {
        const { stdout } = await promisify(execFile)(JAVA, ['-cp', JARS.join(':'), SOURCE], {
            maxBuffer: 16 * 1024 * 1024,
        });
        for (const line of stdout.split('\n')) {
            const [kind, name, value] = line.split(' ');
            if (kind === 'rec' && name && value)
                records.set(name, Buffer.from(value === '-' ? '' : value, 'hex'));
            else if (kind === 'const' && name && value)
                constants.set(name, Number(value));
        }
        assert.ok(records.size > 0, `JuteBytes.java printed no records: ${stdout.slice(0, 500)}`);
    });
    const jar = (name) => {
        const bytes = records.get(name);
        assert.ok(bytes, `JuteBytes.java printed no record named ${name}`);
        return bytes;
    };
    test('every record the jars wrote has a case here, and every case a record', () => {
        const ours = new Set(CASES.map((c) => c.name));
        const theirs = new Set([...records.keys()].filter((n) => n !== 'ConnectResponse.noReadOnly'));
        assert.deepEqual([...theirs].filter((n) => !ours.has(n)), [], 'records without a case');
        assert.deepEqual([...ours].filter((n) => !theirs.has(n)), [], 'cases without a record');
    });
    // A character outside the BMP: we write UTF-8, the jars CESU-8 (test/unit/jute.test.ts, docs/protocol.md).
    const PAIR = /[\ud800-\udbff][\udc00-\udfff]/;
    const hasPair = (v) => PAIR.test(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}` : x)));
    for (const c of CASES) {
        test(`${c.name}: our bytes are the jars' bytes${hasPair(c.value) ? ' (but UTF-8 outside the BMP)' : ''}`, () => {
            const w = new JuteWriter(8); // small, so that growing is exercised too
            c.codec.encode(w, c.value);
            const ours = w.finish();
            if (!hasPair(c.value))
                assert.equal(ours.toString('hex'), jar(c.name).toString('hex'));
            else {
                assert.deepStrictEqual(decodeAll(c.codec, ours), c.value);
                assert.ok(ours.includes(Buffer.from('f09f9880', 'hex')), 'U+1F600 as UTF-8');
                assert.ok(jar(c.name).includes(Buffer.from('eda0bdedb880', 'hex')), 'the jars wrote it as CESU-8');
            }
        });
        test(`${c.name}: the jars' bytes decode to the values`, () => {
            assert.deepStrictEqual(decodeAll(c.codec, jar(c.name)), c.value);
        });
    }
    test('a ConnectResponse without the readOnly byte (an old server) reads as not read-only', () => {
        const bytes = jar('ConnectResponse.noReadOnly');
        assert.deepStrictEqual(decodeAll(ConnectResponseCodec, bytes), {
            protocolVersion: 0,
            timeOut: 4000,
            sessionId: -(1n << 63n),
            passwd: Buffer.alloc(0),
            readOnly: false,
        });
    });
    test('a non-BMP character from a server comes as two 3-byte surrogate sequences (CESU-8) and reads back', () => {
        const bytes = jar('GetChildren2Response');
        // The first child is U+1F600 alone: length 6, ED A0 BD ED B8 80 (UTF-8 would be 4 bytes F0 9F 98 80).
        assert.equal(bytes.subarray(4, 14).toString('hex'), '00000006eda0bdedb880');
        const r = new JuteReader(bytes, 4);
        assert.equal(r.ustring('child'), '\u{1F600}');
    });
    /** Java's constant names (NODE_EXISTS, NodeCreated) and ours (nodeCreated) compared without case or '_'. */
    const norm = (s) => s.replace(/_/g, '').toLowerCase();
    function javaGroup(group) {
        const out = new Map();
        for (const [k, v] of constants)
            if (k.startsWith(`${group}.`))
                out.set(norm(k.slice(group.length + 1)), v);
        assert.ok(out.size > 0, `JuteBytes.java printed no ${group} constants`);
        return out;
    }
    const compare = (group, ours, newerThan38 = [], both = false) => {
        const theirs = javaGroup(group);
        for (const [name, value] of Object.entries(ours)) {
            if (newerThan38.includes(name))
                continue;
            assert.equal(theirs.get(norm(name)), value, `${group}.${name}: ours ${value}, ZooKeeper's ${theirs.get(norm(name))}`);
        }
        if (both) {
            const mine = new Set(Object.keys(ours).map(norm));
            assert.deepEqual([...theirs.keys()].filter((n) => !mine.has(n)), [], `${group}: ZooKeeper's, not ours`);
        }
    };
    test("opcodes are ZooKeeper 3.8's, all of them", () => compare('OpCode', numbers.OpCode, [], true));
    test("create flags, watch modes and types, event types and states are ZooKeeper's", () => {
        compare('CreateFlag', numbers.CreateFlag, [], true);
        compare('AddWatchMode', numbers.AddWatchMode, [], true);
        // Persistent (4) and PersistentRecursive (5) came with 3.9.0: not in these 3.8 jars.
        compare('WatcherType', numbers.WatcherType, ['persistent', 'persistentRecursive']);
        compare('EventType', numbers.EventType, [], true);
        compare('KeeperState', numbers.KeeperState); // Unknown and NoSyncConnected are deprecated, unused
    });
    test("error codes are ZooKeeper's", () => compare('ZkCode', ZkCode, [], true));
});
//# sourceMappingURL=protocol-jars.test.js.map