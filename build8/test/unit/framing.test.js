/** The frame splitter and the outgoing frame: lengths, limits, and bytes arriving in any pieces. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { beginFrame, endFrame, FrameError, FrameSplitter, frame, MAX_FRAME_BYTES, MAX_REQUEST_BYTES, } from '../../src/client/protocol/framing.js';
import { JuteWriter } from '../../src/client/protocol/jute.js';
const framed = (...bodies) => Buffer.concat(bodies.map((b) => frame(Buffer.from(b))));
function drain(s, min = 0) {
    const out = [];
    for (let f = s.next(min); f !== undefined; f = s.next(min))
        out.push(f.toString());
    return out;
}
describe('FrameSplitter', () => {
    test('whole frames come out however the bytes are cut', () => {
        const stream = framed('hello', '', 'x'.repeat(300), 'end');
        for (const size of [1, 2, 3, 5, 7, 64, stream.length]) {
            const s = new FrameSplitter();
            const got = [];
            for (let i = 0; i < stream.length; i += size) {
                s.push(stream.subarray(i, i + size));
                got.push(...drain(s));
            }
            assert.deepEqual(got, ['hello', '', 'x'.repeat(300), 'end'], `chunks of ${size}`);
            assert.equal(s.buffered, 0);
        }
    });
    test('nextRaw keeps the length in front', () => {
        const s = new FrameSplitter();
        s.push(framed('ab'));
        assert.equal(s.nextRaw()?.toString('hex'), '000000026162');
    });
    test('a negative length is refused as soon as its 4 bytes are in', () => {
        for (const len of ['ffffffff', '80000000']) {
            const s = new FrameSplitter();
            s.push(Buffer.from(len.slice(0, 4), 'hex'));
            assert.throws(() => s.push(Buffer.from(len.slice(4), 'hex')), (e) => e instanceof FrameError && /a frame of -\d+ bytes \(a negative length\)/.test(e.message));
        }
    });
    test('a length over the limit is refused before any of the body is held', () => {
        const s = new FrameSplitter(100);
        s.push(framed('x'.repeat(100))); // exactly the limit: fine
        assert.equal(s.next()?.length, 100);
        const header = Buffer.alloc(4);
        header.writeInt32BE(101);
        assert.throws(() => s.push(header), /a frame of 101 bytes \(over the 100-byte limit\)/);
        assert.equal(s.buffered, 0, 'nothing kept after the error');
        assert.throws(() => s.push(Buffer.alloc(10)), FrameError, 'stays failed: the stream has lost its framing');
        assert.throws(() => s.next(), FrameError);
    });
    test("the default limit is the adapter's (4 MiB), far above a huge garbage length", () => {
        assert.equal(MAX_FRAME_BYTES, 4 * 1024 * 1024);
        assert.equal(MAX_REQUEST_BYTES, 0xfffff);
        const s = new FrameSplitter();
        assert.throws(() => s.push(Buffer.from('HTTP/1.1 400', 'latin1')), /a frame of 1213486160 bytes \(over the 4194304-byte limit\)/);
    });
    test('a frame shorter than the minimum the caller needs is refused, with the error saying so', () => {
        const s = new FrameSplitter();
        s.push(framed('short'));
        assert.throws(() => s.next(16), /a frame of 5 bytes \(at least 16 bytes are needed\)/);
    });
    test('holds at most the frame being received and the rest of the last chunk', () => {
        const s = new FrameSplitter(1000);
        const big = framed('y'.repeat(1000));
        for (let i = 0; i < big.length; i += 100) {
            s.push(big.subarray(i, i + 100));
            assert.ok(s.buffered <= 1004, `holds ${s.buffered}`);
            if (s.buffered < 1004)
                assert.equal(s.next(), undefined, 'not whole yet');
        }
        assert.equal(s.next()?.length, 1000);
        assert.equal(s.buffered, 0);
    });
});
describe('frame / beginFrame / endFrame', () => {
    test('the length goes in front', () => {
        assert.equal(frame(Buffer.from('abc')).toString('hex'), '00000003616263');
        const w = new JuteWriter(2);
        const at = beginFrame(w);
        w.int(7).int(15);
        endFrame(w, at);
        assert.equal(w.finish().toString('hex'), '00000008000000070000000f');
    });
    test("a request over the server's limit is refused, naming both sizes", () => {
        assert.doesNotThrow(() => frame(Buffer.alloc(MAX_REQUEST_BYTES)));
        assert.throws(() => frame(Buffer.alloc(MAX_REQUEST_BYTES + 1)), /the request is 1048576 bytes; the server's limit \(jute.maxbuffer\) is 1048575 bytes/);
        const w = new JuteWriter();
        const at = beginFrame(w);
        w.buffer(Buffer.alloc(20));
        assert.throws(() => endFrame(w, at, 16), /the request is 24 bytes; the server's limit \(jute.maxbuffer\) is 16 bytes/);
    });
});
//# sourceMappingURL=framing.test.js.map