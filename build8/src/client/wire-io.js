/**
 * The socket side of node-zookeeper-client's ConnectionManager, patched per instance (the
 * internals relied on are listed in wire.ts's header): requests are size-checked and their
 * writes coalesced; replies are cut into frames here, so that nothing a server or the network
 * sends can throw out of the socket handler or leak into the next connection.
 */
import { createRequire } from 'node:module';
import { FrameSplitter, HANDSHAKE_MIN_BYTES, MAX_FRAME_BYTES, MAX_REQUEST_BYTES, REPLY_MIN_BYTES, } from './protocol/framing.js';
const require = createRequire(import.meta.url);
const WireException = require('node-zookeeper-client/lib/Exception.js');
const CM_STATES = require('node-zookeeper-client/lib/ConnectionManager.js').STATES;
const OP_CODES = require('node-zookeeper-client/lib/jute/index.js').OP_CODES;
export { MAX_FRAME_BYTES, MAX_REQUEST_BYTES };
export function patchIo(cm, opts) {
    checkRequestSize(cm, opts.maxRequestBytes);
    coalesceWrites(cm);
    readFrames(cm, opts);
}
/**
 * A request over the server's limit would make it drop the connection, and the wire client
 * would reconnect and resend it forever: it fails at once instead, before it is queued.
 */
function checkRequestSize(cm, limit) {
    const queue = cm.queue;
    cm.queue = (request, callback) => {
        // queue() adds the chroot to the path; set it first so that the size counts it.
        if (cm.chrootPath && request.payload)
            request.payload.setChrootPath(cm.chrootPath);
        const size = (request.header?.byteLength() ?? 0) + (request.payload?.byteLength() ?? 0);
        if (size <= limit)
            return queue.call(cm, request, callback);
        const path = typeof request.payload?.path === 'string' ? ` for ${request.payload.path}` : '';
        const msg = `the request${path} is ${size} bytes; the server's limit (jute.maxbuffer) is ${limit} bytes`;
        callback?.(new RangeError(msg));
    };
}
/**
 * The package writes each request to the socket the moment it is queued: one write syscall per
 * request, the largest single cost of a busy client. This send loop (the package's, otherwise
 * unchanged) runs once per tick instead and writes everything queued in one buffer: a lock's
 * pipelined create + getChildren, or a burst of locks, leave together. Order is unchanged.
 */
function coalesceWrites(cm) {
    let scheduled = false;
    const flush = () => {
        scheduled = false;
        sendQueued(cm);
    };
    cm.packetQueue.removeAllListeners('readable');
    cm.packetQueue.on('readable', () => {
        if (scheduled)
            return;
        scheduled = true;
        process.nextTick(flush);
    });
    // Called directly on connect (queued requests go out) and on the socket's 'drain'.
    cm.onPacketQueueReadable = () => sendQueued(cm);
}
function sendQueued(cm) {
    const state = cm.state;
    if (state !== CM_STATES.CONNECTED && state !== CM_STATES.CONNECTED_READ_ONLY && state !== CM_STATES.CLOSING)
        return; // sent once connected, as the package does
    if (!cm.socket || cm.socket.writableNeedDrain)
        return; // 'drain' calls us again
    const buffers = [];
    for (let packet = cm.packetQueue.shift(); packet !== undefined; packet = cm.packetQueue.shift()) {
        const header = packet.request.header;
        if (header !== null && header.type !== OP_CODES.PING && header.type !== OP_CODES.AUTH) {
            header.xid = cm.xid;
            cm.xid += 1;
            cm.pendingQueue.push(packet); // answers are matched to requests in this order
        }
        buffers.push(packet.request.toBuffer());
        if (header?.type === OP_CODES.CLOSE_SESSION)
            break; // nothing may follow the close
    }
    if (buffers.length > 0)
        cm.socket.write(buffers.length === 1 ? buffers[0] : Buffer.concat(buffers));
}
/**
 * Replaces the package's onSocketData, which (1) keeps a partly received frame in
 * `pendingBuffer` across connections, gluing it to the next connection's handshake answer
 * (the session is then never resumed, or the process crashes), and (2) throws out of the
 * socket handler on a short or negative frame. Here the bytes belong to one socket, frames are
 * checked before the package parses them one at a time, and a failure drops the connection
 * (the wire client reconnects on the same session) with the reason given to `onError`.
 */
function readFrames(cm, opts) {
    const parse = cm.onSocketData; // the package's: given exactly one whole frame
    let from; // the socket the buffered bytes came from
    let frames = new FrameSplitter(opts.maxFrameBytes);
    const drop = (socket, reason, cause) => {
        frames = new FrameSplitter(opts.maxFrameBytes);
        const peer = socket.remoteAddress ? ` (${socket.remoteAddress}:${socket.remotePort})` : '';
        opts.onError(new Error(`${reason}; dropping the connection${peer}`, { cause }));
        socket.destroy(); // 'close': pending requests fail with a connection loss, then a reconnect
    };
    // Bound by the package at each connect, so this instance property is the one called.
    cm.onSocketData = (chunk) => {
        const socket = cm.socket;
        if (from !== socket) {
            from = socket; // a new connection starts with nothing buffered
            frames = new FrameSplitter(opts.maxFrameBytes);
        }
        try {
            frames.push(chunk);
        }
        catch (e) {
            return drop(socket, `the server sent ${e.message}`, e);
        }
        while (!socket.destroyed && cm.socket === socket) {
            let frame;
            try {
                frame = frames.nextRaw(cm.state === CM_STATES.CONNECTING ? HANDSHAKE_MIN_BYTES : REPLY_MIN_BYTES);
            }
            catch (e) {
                return drop(socket, `the server sent ${e.message}`, e);
            }
            if (frame === undefined)
                return;
            const failure = parseOne(cm, parse, frame);
            if (failure)
                return drop(socket, `could not read the server's reply (${failure.message})`, failure);
        }
    };
}
/**
 * Runs the package's parser on one frame; returns what it threw. A request whose reply failed
 * to parse was already taken off the pending queue: it fails here with a connection loss
 * rather than never (the rest fail when the connection closes).
 */
function parseOne(cm, parse, frame) {
    cm.pendingBuffer = null;
    const head = cm.state === CM_STATES.CONNECTING ? undefined : cm.pendingQueue[0];
    const callback = head?.callback;
    let called = false;
    if (head) {
        head.callback = (...args) => {
            called = true;
            return callback(...args);
        };
    }
    try {
        parse.call(cm, frame);
        return undefined;
    }
    catch (e) {
        if (head && !called && cm.pendingQueue[0] !== head) {
            try {
                callback(WireException.create(WireException.CONNECTION_LOSS));
            }
            catch {
                // Already failing: the parse error is the one reported.
            }
        }
        return e instanceof Error ? e : new Error(String(e));
    }
    finally {
        if (head)
            head.callback = callback;
    }
}
//# sourceMappingURL=wire-io.js.map