/**
 * The built-in wire: one ZooKeeper session over node:net or node:tls, speaking the protocol with our own
 * codec (issue 17). It implements the same `Wire` as the node-zookeeper-client adapter
 * (wire.ts) and behaves the same towards ZkClient; the requests' frames and replies are in
 * requests.ts, sockets and the server list in transport.ts, watches in watch-table.ts.
 *
 * The session machinery (dialling, handshake, replies, pings, reconnects) is in session.ts.
 */
import { ZkCode } from '../../errors.js';
import { after } from '../timers.js';
import { extendedWire } from './extended.js';
import { OpCode } from './opcodes.js';
import { bareRequest, createRequest, existsRequest, getChildrenRequest, getDataRequest, multiRequest, removeRequest, setDataRequest, zkError, } from './requests.js';
import { ProtocolSession } from './session.js';
import { setWatchesFrames } from './session-frames.js';
export class ProtocolWire extends ProtocolSession {
    keepsAlive = true;
    extended = extendedWire(this.ctx, this.watches, (cb, make) => this.submit(cb, make), (lists) => {
        if (this.conn?.up)
            this.flush(setWatchesFrames(lists, this.ctx, this.lastZxid));
    });
    connect() {
        if (this.started || this.ended)
            return;
        this.started = true;
        this.dial();
    }
    get connected() {
        return this.conn?.up === true && this.ended === undefined;
    }
    get sessionId() {
        return this.id === 0n ? '0' : BigInt.asUintN(64, this.id).toString(16).padStart(16, '0');
    }
    get negotiatedTimeout() {
        return this.timeout;
    }
    kick() {
        if (this.ended || !this.conn)
            return;
        const conn = this.conn;
        conn.socket.destroy();
        this.lost(conn);
    }
    closeSession(timeoutMs) {
        if (this.ended || !this.connected)
            return Promise.resolve();
        this.ended = 'closing'; // no reconnect, no new requests: nothing may follow the close
        return new Promise((resolve) => {
            const timer = after(timeoutMs, () => this.closing?.finish());
            this.closing = {
                finish: () => {
                    this.closing = undefined;
                    timer.clear();
                    if (this.ended !== 'disposed') {
                        this.end('closed', (path) => zkError(ZkCode.CONNECTION_LOSS, path));
                        this.opts.onState('closed');
                    }
                    resolve();
                },
            };
            this.outbox.push(bareRequest(this.ctx, OpCode.closeSession, () => this.closing?.finish()));
            this.scheduleFlush();
        });
    }
    dispose() {
        if (this.ended === 'disposed')
            return;
        const closing = this.closing;
        this.closing = undefined;
        this.end('disposed', (path) => zkError(ZkCode.CONNECTION_LOSS, path));
        closing?.finish();
    }
    create(path, data, acl, mode, cb) {
        this.submit(cb, () => createRequest(this.ctx, path, data, acl, mode, cb));
    }
    remove(path, version, cb) {
        this.submit(cb, () => removeRequest(this.ctx, path, version, cb));
    }
    exists(path, watch, cb) {
        this.submit(cb, () => existsRequest(this.ctx, path, watch, cb));
    }
    getData(path, watch, cb) {
        this.submit(cb, () => getDataRequest(this.ctx, path, watch, cb));
    }
    getChildren(path, watch, cb) {
        this.submit(cb, () => getChildrenRequest(this.ctx, path, watch, cb));
    }
    setData(path, data, version, cb) {
        this.submit(cb, () => setDataRequest(this.ctx, path, data, version, cb));
    }
    multi(ops, defaultAcl, cb) {
        this.submit(cb, () => multiRequest(this.ctx, ops, defaultAcl, cb));
    }
}
//# sourceMappingURL=connection.js.map