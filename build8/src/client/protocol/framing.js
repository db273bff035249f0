/**
 * Framing: every packet either way is a 4-byte big-endian length and that many bytes. The
 * splitter cuts a byte stream into frames with no I/O of its own; the same limits and rules as
 * the node-zookeeper-client adapter (src/client/wire-io.ts uses this splitter).
 */
import { ProtocolError } from './jute.js';
/** ZooKeeper's default jute.maxbuffer: the server drops the connection on a larger request. */
export const MAX_REQUEST_BYTES = 0xfffff;
/**
 * The largest frame taken from a server. Replies are not held to jute.maxbuffer by the server
 * (a getChildren of many children can exceed it), hence the slack over MAX_REQUEST_BYTES.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** A ConnectResponse without the readOnly byte: version, timeout, session id, password (4 + 16). */
export const HANDSHAKE_MIN_BYTES = 36;
/** A ReplyHeader: xid, zxid, err. */
export const REPLY_MIN_BYTES = 16;
/** A frame length no server can mean: the connection cannot be read any further. */
export class FrameError extends ProtocolError {
    length;
    name = 'FrameError';
    constructor(message, 
    /** The length as received. */
    length, offset) {
        super(message, 'frame length', offset);
        this.length = length;
    }
}
/** Why a frame of `size` bytes is refused, or undefined if it is fine. */
export function frameLengthProblem(size, max, min = 0) {
    if (size < 0)
        return 'a negative length';
    if (size > max)
        return `over the ${max}-byte limit`;
    if (size < min)
        return `at least ${min} bytes are needed`;
    return undefined;
}
/**
 * Push bytes as they arrive, then take whole frames with `next()` until it returns undefined.
 * A frame's length is checked as soon as its 4 bytes are in, so at most one frame (within the
 * limit) and the rest of the last chunk are ever held. After an error the splitter stays
 * failed: the stream has lost its framing and only a new connection can recover.
 */
export class FrameSplitter {
    maxFrameBytes;
    chunks = [];
    have = 0;
    consumed = 0; // stream offset of the first buffered byte, for error messages
    failure;
    constructor(maxFrameBytes = MAX_FRAME_BYTES) {
        this.maxFrameBytes = maxFrameBytes;
    }
    /** Bytes held that are not yet part of a frame taken. */
    get buffered() {
        return this.have;
    }
    push(chunk) {
        if (this.failure)
            throw this.failure;
        if (chunk.length === 0)
            return;
        this.chunks.push(chunk);
        this.have += chunk.length;
        this.check(0); // refuse a bad length before holding any more of it
    }
    /** The next whole frame's body (without its length), or undefined if it is not all here yet. */
    next(minBytes = 0) {
        const frame = this.take(minBytes);
        return frame?.subarray(4);
    }
    /** Like next(), with the 4-byte length in front (what node-zookeeper-client's parser takes). */
    nextRaw(minBytes = 0) {
        return this.take(minBytes);
    }
    take(minBytes) {
        const size = this.check(minBytes);
        if (size === undefined || this.have < size + 4)
            return undefined;
        const total = size + 4;
        let head = this.chunks[0];
        if (head.length < total) {
            head = Buffer.concat(this.chunks, this.have);
            this.chunks = [head];
        }
        if (head.length === total)
            this.chunks.shift();
        else
            this.chunks[0] = head.subarray(total);
        this.have -= total;
        this.consumed += total;
        return head.subarray(0, total);
    }
    /** The length of the frame in front, checked; undefined while fewer than 4 bytes are in. */
    check(minBytes) {
        if (this.failure)
            throw this.failure;
        if (this.have < 4)
            return undefined;
        if (this.chunks[0].length < 4)
            this.chunks = [Buffer.concat(this.chunks, this.have)];
        const size = this.chunks[0].readInt32BE(0);
        const problem = frameLengthProblem(size, this.maxFrameBytes, minBytes);
        if (problem === undefined)
            return size;
        this.chunks = [];
        this.have = 0;
        this.failure = new FrameError(`a frame of ${size} bytes (${problem})`, size, this.consumed);
        throw this.failure;
    }
}
/** `body` with its length in front, refused if over the server's limit. */
export function frame(body, maxBytes = MAX_REQUEST_BYTES) {
    checkRequestSize(body.length, maxBytes);
    const out = Buffer.allocUnsafe(4 + body.length);
    out.writeInt32BE(body.length, 0);
    out.set(body, 4);
    return out;
}
/** Starts a frame in `w` (its length is filled in by endFrame): no copy of the body. */
export function beginFrame(w) {
    return w.reserveInt();
}
/** Ends the frame begun at `at`; refused if its body is over the server's limit. */
export function endFrame(w, at, maxBytes = MAX_REQUEST_BYTES) {
    const size = w.length - at - 4;
    checkRequestSize(size, maxBytes);
    w.patchInt(at, size);
}
function checkRequestSize(size, max) {
    if (size > max)
        throw new RangeError(`the request is ${size} bytes; the server's limit (jute.maxbuffer) is ${max} bytes`);
}
//# sourceMappingURL=framing.js.map