/** The jute primitives: encodings, limits, and the typed errors on bad input. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeJuteString, JuteReader, JuteWriter, ProtocolError } from '../../src/client/protocol/jute.js';
const hex = (w) => w.finish().toString('hex');
const reader = (h) => new JuteReader(Buffer.from(h, 'hex'));
/** Asserts `fn` throws a ProtocolError (never a RangeError from Buffer) whose message matches. */
function throwsProtocol(fn, message) {
    assert.throws(fn, (e) => {
        assert.ok(e instanceof ProtocolError, `expected a ProtocolError, got ${String(e)}`);
        assert.match(e.message, message);
        return true;
    });
}
describe('JuteWriter', () => {
    test('ints, longs and booleans are big-endian, 4, 8 and 1 bytes', () => {
        const w = new JuteWriter(1)
            .int(-2)
            .int(0x7fffffff)
            .long(-1n)
            .long((1n << 63n) - 1n)
            .bool(true)
            .bool(false);
        assert.equal(hex(w), 'fffffffe7fffffffffffffffffffffff7fffffffffffffff0100');
    });
    test('a number that is not a 32-bit integer, or a long that is not a 64-bit bigint, is refused by name', () => {
        const w = new JuteWriter();
        assert.throws(() => w.int(2 ** 31, 'DeleteRequest.version'), /DeleteRequest\.version: 2147483648 is not a 32-bit/);
        assert.throws(() => w.int(1.5, 'x'), /x: 1\.5 is not/);
        assert.throws(() => w.long(1n << 63n, 'Stat.czxid'), /Stat\.czxid: 9223372036854775808 is not a 64-bit/);
        assert.throws(() => w.long(5, 'ttl'), /ttl: 5 is not a 64-bit integer \(a bigint\)/);
        assert.equal(w.length, 0, 'nothing written by a refused value');
    });
    test('buffers: null is length -1, empty is length 0', () => {
        assert.equal(hex(new JuteWriter().buffer(null)), 'ffffffff');
        assert.equal(hex(new JuteWriter().buffer(Buffer.alloc(0))), '00000000');
        assert.equal(hex(new JuteWriter(2).buffer(Buffer.from([1, 2, 255]))), '000000030102ff');
    });
    test('strings: UTF-8, a non-BMP character as its 4 bytes; a lone surrogate as Java writes it', () => {
        assert.equal(hex(new JuteWriter().ustring(null)), 'ffffffff');
        assert.equal(hex(new JuteWriter().ustring('')), '00000000');
        assert.equal(hex(new JuteWriter().ustring('a\u00e9\u20ac')), '0000000661c3a9e282ac');
        // U+1F600: UTF-8's F0 9F 98 80, which the server keeps; Java's ED A0 BD ED B8 80 would become U+FFFD there.
        assert.equal(hex(new JuteWriter().ustring('\u{1F600}')), '00000004f09f9880');
        // With a lone surrogate (no UTF-8 for it) the whole string is written the way Java writes it.
        assert.equal(hex(new JuteWriter().ustring('a\u{1F600}\udc00')), '0000000a61eda0bdedb880edb080');
        assert.equal(hex(new JuteWriter().ustring('\udc00')), '00000003edb080', 'a lone surrogate too');
    });
    test('vectors: a count then the items; null is -1', () => {
        assert.equal(hex(new JuteWriter().stringVector(['a', ''])), '00000002000000016100000000');
        assert.equal(hex(new JuteWriter().stringVector(null)), 'ffffffff');
        assert.equal(hex(new JuteWriter().vector([1, 2], (w, n) => w.int(n))), '000000020000000100000002');
    });
    test('grows one buffer: a large record from a tiny start, and reset() reuses it', () => {
        const w = new JuteWriter(1);
        const big = Buffer.alloc(100_000, 7);
        w.int(1).buffer(big).ustring('x'.repeat(70_000));
        assert.equal(w.length, 4 + 4 + 100_000 + 4 + 70_000);
        const out = w.finish();
        assert.equal(out.readInt32BE(4), 100_000);
        w.reset().int(5);
        assert.equal(hex(w), '00000005');
        assert.equal(out.readInt32BE(0), 1, 'finish() returned a copy: reuse does not change it');
    });
    test('reserveInt/patchInt fill in a length after the fact', () => {
        const w = new JuteWriter(2);
        const at = w.reserveInt();
        w.ustring('abc');
        w.patchInt(at, w.length - 4);
        assert.equal(hex(w), '0000000700000003616263');
    });
});
describe('JuteReader', () => {
    test('reads back what the writer wrote, at the edges of each type', () => {
        const w = new JuteWriter()
            .int(-0x80000000)
            .long(-(1n << 63n))
            .bool(true)
            .buffer(null)
            .buffer(Buffer.alloc(0))
            .ustring(null)
            .ustring('x\u{1F600}\ud800y')
            .stringVector(['p', 'q']);
        const r = new JuteReader(w.finish());
        assert.equal(r.int('a'), -0x80000000);
        assert.equal(r.long('b'), -(1n << 63n));
        assert.equal(r.bool('c'), true);
        assert.equal(r.buffer('d'), null);
        assert.deepEqual(r.buffer('e'), Buffer.alloc(0));
        assert.equal(r.ustring('f'), null);
        assert.equal(r.ustring('g'), 'x\u{1F600}\ud800y');
        assert.deepEqual(r.stringVector('h'), ['p', 'q']);
        r.expectEnd('all');
    });
    test('any non-zero byte is true (Java readBoolean)', () => {
        assert.equal(reader('02').bool('b'), true);
        assert.equal(reader('00').bool('b'), false);
    });
    test('a buffer read is a copy: the frame is not kept alive by it', () => {
        const frame = Buffer.from('00000002abcd', 'hex');
        const b = new JuteReader(frame).buffer('data');
        frame.fill(0);
        assert.equal(b.toString('hex'), 'abcd');
    });
    test('strings: 4-byte UTF-8 decodes too; malformed bytes become U+FFFD, never an exception', () => {
        assert.equal(reader('00000004f09f9880').ustring('s'), '\u{1F600}');
        assert.equal(reader('00000003ff61c3').ustring('s'), '\ufffda\ufffd');
        assert.equal(reader('00000003efbfbd').ustring('s'), '\ufffd', 'a real U+FFFD stays one');
        const long = '\u{1F600}'.repeat(5000) + 'z'; // over the slow path's 4096-unit chunks
        assert.equal(decodeJuteString(new JuteWriter().ustring(long).finish(), 4, 4 + 5000 * 6 + 1), long);
    });
    test('a short int, long or boolean is a ProtocolError naming the field and the offsets', () => {
        throwsProtocol(() => reader('000000').int('ReplyHeader.xid'), /ReplyHeader\.xid needs 4 bytes at offset 0, but the record ends at offset 3/);
        throwsProtocol(() => reader('00000000000000').long('Stat.czxid'), /Stat\.czxid needs 8 bytes/);
        throwsProtocol(() => reader('').bool('ExistsRequest.watch'), /ExistsRequest\.watch needs 1 bytes at offset 0/);
    });
    test('negative lengths other than -1 are refused for buffers, strings and vectors', () => {
        throwsProtocol(() => reader('fffffffe').buffer('GetDataResponse.data'), /GetDataResponse\.data: negative length -2 at offset 0/);
        throwsProtocol(() => reader('80000000').ustring('path'), /path: negative length -2147483648/);
        throwsProtocol(() => reader('fffffff0').stringVector('children'), /children: negative length -16/);
        throwsProtocol(() => reader('fffffffe').vector('acl', 12, (r) => r.int('x')), /acl: negative length -2/);
    });
    test('a length larger than what is left is refused before anything is read or allocated', () => {
        throwsProtocol(() => reader('0000000561626364').ustring('path'), /path: length 5 at offset 0 is more than the 4 bytes left/);
        throwsProtocol(() => reader('7fffffff').buffer('data'), /data: length 2147483647 at offset 0 is more than the 0 bytes left/);
        // 3 strings need at least 12 bytes: refused on the count, not after reading two.
        throwsProtocol(() => reader('0000000300000000000000000000').stringVector('children'), /children: length 3 .* 10 bytes left/);
        throwsProtocol(() => reader('7fffffff').vector('acl', 12, (r) => r.int('x')), /acl: length 2147483647/);
    });
    test('never reads past the end it was given, even when the buffer goes on', () => {
        const buf = Buffer.from('0000000461626364', 'hex');
        throwsProtocol(() => new JuteReader(buf, 0, 6).ustring('path'), /more than the 2 bytes left/);
        throwsProtocol(() => new JuteReader(buf, 4, 7).int('x'), /x needs 4 bytes at offset 4, but the record ends at offset 7/);
    });
    test('expectEnd names the record and the leftover bytes', () => {
        const r = reader('0000000100');
        r.int('x');
        throwsProtocol(() => r.expectEnd('ErrorResponse'), /ErrorResponse: 1 unexpected bytes after the record at offset 4/);
    });
    test('the error carries the field and the offset', () => {
        try {
            new JuteReader(Buffer.from('000001', 'hex'), 1).int('Stat.version');
            assert.fail('no error');
        }
        catch (e) {
            assert.ok(e instanceof ProtocolError);
            assert.equal(e.field, 'Stat.version');
            assert.equal(e.offset, 1);
            assert.equal(e.name, 'ProtocolError');
        }
    });
});
//# sourceMappingURL=jute.test.js.map