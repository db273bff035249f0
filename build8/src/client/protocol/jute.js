/**
 * Jute's binary encoding (org.apache.jute.BinaryOutputArchive / BinaryInputArchive), the
 * primitives every ZooKeeper record is made of: int (4 bytes BE), long (8 bytes BE, a bigint
 * here), boolean (1 byte), buffer and ustring (int length, -1 = null, then the bytes), vector
 * (int count, -1 = null, then the elements). Records are written by hand on top of these
 * (records-*.ts); nothing walks a schema at run time.
 */
/** The bytes from a server (or a record being decoded) are not a valid record. */
export class ProtocolError extends Error {
    field;
    offset;
    name = 'ProtocolError';
    constructor(message, 
    /** The record and field being read, e.g. `Stat.czxid`. */
    field, 
    /** Where in the buffer it was read. */
    offset) {
        super(message);
        this.field = field;
        this.offset = offset;
    }
}
const LONG_MIN = -(1n << 63n);
const LONG_MAX = (1n << 63n) - 1n;
const INT_MIN = -0x80000000;
const INT_MAX = 0x7fffffff;
// A surrogate code unit that is not half of a pair: Java writes it as its own 3-byte sequence.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Writes records into one growing buffer: no allocation per field. `finish()` hands back the
 * bytes written; the writer can then be `reset()` and used again.
 */
export class JuteWriter {
    buf;
    pos = 0;
    constructor(initialBytes = 256) {
        this.buf = Buffer.allocUnsafe(initialBytes);
    }
    /** Bytes written so far. */
    get length() {
        return this.pos;
    }
    reset() {
        this.pos = 0;
        return this;
    }
    /** A copy of what was written (the writer's own buffer is reused). */
    finish() {
        return Buffer.from(this.buf.subarray(0, this.pos));
    }
    room(n) {
        const need = this.pos + n;
        if (need <= this.buf.length)
            return;
        let size = this.buf.length * 2;
        while (size < need)
            size *= 2;
        const next = Buffer.allocUnsafe(size);
        this.buf.copy(next, 0, 0, this.pos);
        this.buf = next;
    }
    int(v, field = 'int') {
        if (!Number.isInteger(v) || v < INT_MIN || v > INT_MAX)
            throw new RangeError(`${field}: ${v} is not a 32-bit integer`);
        this.room(4);
        this.buf.writeInt32BE(v, this.pos);
        this.pos += 4;
        return this;
    }
    long(v, field = 'long') {
        if (typeof v !== 'bigint' || v < LONG_MIN || v > LONG_MAX)
            throw new RangeError(`${field}: ${String(v)} is not a 64-bit integer (a bigint)`);
        this.room(8);
        this.buf.writeBigInt64BE(v, this.pos);
        this.pos += 8;
        return this;
    }
    bool(v) {
        this.room(1);
        this.buf[this.pos++] = v ? 1 : 0;
        return this;
    }
    /** A byte buffer; null is written as length -1 (Java's null byte[]). */
    buffer(b) {
        if (b == null)
            return this.int(-1);
        this.room(4 + b.length);
        this.buf.writeInt32BE(b.length, this.pos);
        this.buf.set(b, this.pos + 4);
        this.pos += 4 + b.length;
        return this;
    }
    /**
     * A string in UTF-8; null is -1. A character outside the BMP is its 4 UTF-8 bytes, which the
     * server reads back as that character; Java's writeString would send two 3-byte surrogates
     * (CESU-8), which ZooKeeper 3.8 reads as U+FFFD, so two such names would become one node.
     * Only a lone surrogate (no UTF-8 for it) is written the way Java writes it.
     */
    ustring(s) {
        if (s == null)
            return this.int(-1);
        this.room(4 + 3 * s.length); // at most 3 bytes per UTF-16 unit
        const start = this.pos + 4;
        const n = LONE_SURROGATE.test(s) ? writeCesu8(this.buf, s, start) : this.buf.write(s, start, 'utf8');
        this.buf.writeInt32BE(n, this.pos);
        this.pos = start + n;
        return this;
    }
    /** A vector; null is count -1. */
    vector(items, each) {
        if (items == null)
            return this.int(-1);
        this.int(items.length);
        for (const item of items)
            each(this, item);
        return this;
    }
    stringVector(items) {
        if (items == null)
            return this.int(-1);
        this.int(items.length);
        for (const s of items)
            this.ustring(s);
        return this;
    }
    /** Leaves room for an int written later (a frame's length); returns where. */
    reserveInt() {
        this.room(4);
        this.pos += 4;
        return this.pos - 4;
    }
    patchInt(at, v) {
        this.buf.writeInt32BE(v, at);
        return this;
    }
}
/** Each UTF-16 unit as 1-3 bytes, as BinaryOutputArchive.writeString does (lone surrogates too). */
function writeCesu8(buf, s, at) {
    let p = at;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80)
            buf[p++] = c;
        else if (c < 0x800) {
            buf[p++] = 0xc0 | (c >> 6);
            buf[p++] = 0x80 | (c & 0x3f);
        }
        else {
            buf[p++] = 0xe0 | (c >> 12);
            buf[p++] = 0x80 | ((c >> 6) & 0x3f);
            buf[p++] = 0x80 | (c & 0x3f);
        }
    }
    return p - at;
}
/**
 * Reads records out of one frame (or any slice of a buffer). Every read is bounds-checked
 * against the end given: a short or malformed record throws ProtocolError naming the field
 * and the offsets, never a RangeError, and nothing past `end` is ever read.
 */
export class JuteReader {
    buf;
    end;
    pos;
    constructor(buf, start = 0, end = buf.length) {
        this.buf = buf;
        this.end = end;
        this.pos = start;
    }
    get offset() {
        return this.pos;
    }
    get remaining() {
        return this.end - this.pos;
    }
    need(n, field) {
        if (this.end - this.pos < n)
            throw new ProtocolError(`truncated record: ${field} needs ${n} bytes at offset ${this.pos}, but the record ends at offset ${this.end}`, field, this.pos);
    }
    int(field) {
        this.need(4, field);
        const v = this.buf.readInt32BE(this.pos);
        this.pos += 4;
        return v;
    }
    long(field) {
        this.need(8, field);
        const v = this.buf.readBigInt64BE(this.pos);
        this.pos += 8;
        return v;
    }
    /** Java's readBoolean: any byte but 0 is true. */
    bool(field) {
        this.need(1, field);
        return this.buf[this.pos++] !== 0;
    }
    /** The length of a buffer, string or vector: -1 for null, checked against what is left. */
    length(field, bytesPerItem) {
        const at = this.pos;
        const n = this.int(field);
        if (n === -1)
            return -1;
        if (n < 0)
            throw new ProtocolError(`${field}: negative length ${n} at offset ${at}`, field, at);
        if (n * bytesPerItem > this.end - this.pos)
            throw new ProtocolError(`${field}: length ${n} at offset ${at} is more than the ${this.end - this.pos} bytes left in the record`, field, at);
        return n;
    }
    /** A copy of the bytes (the frame is not kept alive by the result); null for length -1. */
    buffer(field) {
        const n = this.length(field, 1);
        if (n === -1)
            return null;
        const b = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
        this.pos += n;
        return b;
    }
    /** A string, decoded as the inverse of Java's writeString (see decodeJuteString); null for -1. */
    ustring(field) {
        const n = this.length(field, 1);
        if (n === -1)
            return null;
        const s = decodeJuteString(this.buf, this.pos, this.pos + n);
        this.pos += n;
        return s;
    }
    /** A string field that ZooKeeper never leaves null: null reads as ''. */
    string(field) {
        return this.ustring(field) ?? '';
    }
    /**
     * A vector whose elements take at least `minItemBytes` each, so that an impossible count
     * fails before anything is allocated. Null (-1) reads as an empty list.
     */
    vector(field, minItemBytes, each) {
        const n = this.length(field, minItemBytes);
        const out = [];
        for (let i = 0; i < n; i++)
            out.push(each(this));
        return out;
    }
    stringVector(field) {
        const n = this.length(field, 4);
        const out = [];
        for (let i = 0; i < n; i++)
            out.push(this.string(field));
        return out;
    }
    /** Fails if bytes are left over: a record longer than its type says is not the record expected. */
    expectEnd(record) {
        if (this.pos !== this.end)
            throw new ProtocolError(`${record}: ${this.end - this.pos} unexpected bytes after the record at offset ${this.pos}`, record, this.pos);
    }
}
/**
 * UTF-8 as the server writes it: Java encodes each UTF-16 unit alone, so a character outside
 * the BMP arrives as two 3-byte surrogate sequences (CESU-8), which Node's UTF-8 decoder turns
 * into U+FFFD. Those are decoded back into the surrogate pair here; standard 4-byte sequences
 * (what Java's reader accepts) decode too. Only strings holding U+FFFD after Node's decoder
 * take the slow path.
 */
export function decodeJuteString(buf, start, end) {
    const fast = buf.toString('utf8', start, end);
    return fast.includes('\ufffd') ? decodeCesu8(buf, start, end) : fast;
}
function decodeCesu8(buf, start, end) {
    const units = [];
    let i = start;
    const cont = (k) => i + k < end && (buf[i + k] & 0xc0) === 0x80;
    while (i < end) {
        const b = buf[i];
        if (b < 0x80) {
            units.push(b);
            i += 1;
        }
        else if (b >= 0xc2 && b < 0xe0 && cont(1)) {
            units.push(((b & 0x1f) << 6) | (buf[i + 1] & 0x3f));
            i += 2;
        }
        else if (b >= 0xe0 && b < 0xf0 && cont(1) && cont(2)) {
            const c = ((b & 0x0f) << 12) | ((buf[i + 1] & 0x3f) << 6) | (buf[i + 2] & 0x3f);
            units.push(c >= 0x800 ? c : 0xfffd); // an overlong form is malformed
            i += 3;
        }
        else if (b >= 0xf0 && b < 0xf5 && cont(1) && cont(2) && cont(3)) {
            const cp = ((b & 0x07) << 18) |
                ((buf[i + 1] & 0x3f) << 12) |
                ((buf[i + 2] & 0x3f) << 6) |
                (buf[i + 3] & 0x3f);
            if (cp >= 0x10000 && cp <= 0x10ffff)
                units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + (cp & 0x3ff));
            else
                units.push(0xfffd);
            i += 4;
        }
        else {
            units.push(0xfffd); // malformed: one replacement per bad byte, and go on
            i += 1;
        }
    }
    let s = '';
    for (let k = 0; k < units.length; k += 4096)
        s += String.fromCharCode(...units.slice(k, k + 4096));
    return s;
}
//# sourceMappingURL=jute.js.map