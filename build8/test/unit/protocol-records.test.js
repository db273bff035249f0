/**
 * Every record's round trip, and every record cut short at every byte: a ProtocolError, never
 * a RangeError, and never a read past the end given (the comparison with the jars' bytes is in
 * protocol-jars.test.ts; this file needs no Java).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JuteReader, JuteWriter, ProtocolError } from '../../src/client/protocol/jute.js';
import { MultiRequestCodec, MultiResponseCodec } from '../../src/client/protocol/multi.js';
import { decodeAll } from '../../src/client/protocol/records-data.js';
import { GetChildrenResponseCodec, WhoAmIResponseCodec } from '../../src/client/protocol/records-replies.js';
import { CASES } from './protocol-cases.js';
function encode(c) {
    const w = new JuteWriter(4);
    c.codec.encode(w, c.value);
    return w.finish();
}
describe('records', () => {
    for (const c of CASES) {
        test(`${c.name}: round trip, and cut short at every byte it fails with a ProtocolError`, () => {
            const bytes = encode(c);
            assert.deepStrictEqual(decodeAll(c.codec, bytes), c.value);
            // Leftover bytes are an error, not ignored.
            assert.throws(() => decodeAll(c.codec, Buffer.concat([bytes, Buffer.from([0])])), ProtocolError);
            for (let end = 0; end < bytes.length; end++) {
                if (c.optionalLastByte && end === bytes.length - 1) {
                    assert.equal(decodeAll(c.codec, bytes.subarray(0, end)).readOnly, false, 'without the readOnly byte');
                    continue;
                }
                // The whole record is in the buffer: only the end given may stop the reader.
                const r = new JuteReader(bytes, 0, end);
                assert.throws(() => {
                    c.codec.decode(r);
                    r.expectEnd(c.name);
                }, (e) => e instanceof ProtocolError && /truncated record|more than the \d+ bytes left/.test(e.message), `${c.name} cut at ${end} of ${bytes.length}`);
            }
        });
    }
});
describe('impossible records', () => {
    test('a multi answer with an unknown operation type names it and where it is', () => {
        const bytes = Buffer.from('0000006300ffffffff', 'hex'); // MultiHeader{type 99, done false}
        assert.throws(() => decodeAll(MultiResponseCodec, bytes), /MultiResponse: the header at offset 0 has type 99/);
        assert.throws(() => decodeAll(MultiRequestCodec, bytes), /MultiRequest: the header at offset 0 has type 99/);
    });
    test('a multi answer that never ends is a truncated record', () => {
        const one = Buffer.from('0000000200000000000000000000', 'hex'); // a delete result, then half a header
        assert.throws(() => decodeAll(MultiResponseCodec, one), /truncated record: MultiHeader\.err needs 4 bytes at offset 14/);
    });
    test('a huge child count is refused before anything is allocated', () => {
        assert.throws(() => decodeAll(GetChildrenResponseCodec, Buffer.from('7fffffff00000000', 'hex')), /GetChildrenResponse\.children: length 2147483647 at offset 0 is more than the 4 bytes left/);
        assert.throws(() => decodeAll(WhoAmIResponseCodec, Buffer.from('00000002000000000000000000', 'hex')), /WhoAmIResponse\.clientInfo: length 2 .* 9 bytes left/);
    });
    test('an operation a multi cannot hold is refused when encoding', () => {
        const w = new JuteWriter();
        assert.throws(() => MultiRequestCodec.encode(w, [{ type: 3, request: { path: '/x', watch: false } }]), /multi: operation type 3 cannot be part of a multi/);
    });
});
//# sourceMappingURL=protocol-records.test.js.map