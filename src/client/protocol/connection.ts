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
import type { Acl, BasicCreateMode, Op, OpResult, Stat } from '../types.js';
import type { ExtendedWire, Wire, WireCallback, WireWatcher } from '../wire-contract.js';
import { extendedWire } from './extended.js';
import { OpCode } from './opcodes.js';
import {
  bareRequest,
  createRequest,
  existsRequest,
  getChildrenRequest,
  getDataRequest,
  multiRequest,
  removeRequest,
  setDataRequest,
  zkError,
} from './requests.js';
import { ProtocolSession } from './session.js';
import { setWatchesFrames } from './session-frames.js';

export class ProtocolWire extends ProtocolSession implements Wire {
  readonly keepsAlive = true;
  readonly extended: ExtendedWire = extendedWire(
    this.ctx,
    this.watches,
    (cb, make) => this.submit(cb, make),
    (lists) => {
      if (this.conn?.up) this.flush(setWatchesFrames(lists, this.ctx, this.lastZxid));
    },
  );

  connect(): void {
    if (this.started || this.ended) return;
    this.started = true;
    this.dial();
  }

  get connected(): boolean {
    return this.conn?.up === true && this.ended === undefined;
  }

  get sessionId(): string {
    return this.id === 0n ? '0' : BigInt.asUintN(64, this.id).toString(16).padStart(16, '0');
  }

  get negotiatedTimeout(): number {
    return this.timeout;
  }

  kick(): void {
    if (this.ended || !this.conn) return;
    const conn = this.conn;
    conn.socket.destroy();
    this.lost(conn);
  }

  closeSession(timeoutMs: number): Promise<void> {
    if (this.ended || !this.connected) return Promise.resolve();
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

  dispose(): void {
    if (this.ended === 'disposed') return;
    const closing = this.closing;
    this.closing = undefined;
    this.end('disposed', (path) => zkError(ZkCode.CONNECTION_LOSS, path));
    closing?.finish();
  }

  create(
    path: string,
    data: Buffer | undefined,
    acl: readonly Acl[],
    mode: BasicCreateMode,
    cb: WireCallback<{ path: string; czxid: bigint }>,
  ): void {
    this.submit(cb, () => createRequest(this.ctx, path, data, acl, mode, cb));
  }

  remove(path: string, version: number, cb: WireCallback<void>): void {
    this.submit(cb, () => removeRequest(this.ctx, path, version, cb));
  }

  exists(path: string, watch: WireWatcher | undefined, cb: WireCallback<Stat | null>): void {
    this.submit(cb, () => existsRequest(this.ctx, path, watch, cb));
  }

  getData(
    path: string,
    watch: WireWatcher | undefined,
    cb: WireCallback<{ data: Buffer; stat: Stat }>,
  ): void {
    this.submit(cb, () => getDataRequest(this.ctx, path, watch, cb));
  }

  getChildren(
    path: string,
    watch: WireWatcher | undefined,
    cb: WireCallback<{ children: string[]; stat: Stat }>,
  ): void {
    this.submit(cb, () => getChildrenRequest(this.ctx, path, watch, cb));
  }

  setData(path: string, data: Buffer, version: number, cb: WireCallback<Stat>): void {
    this.submit(cb, () => setDataRequest(this.ctx, path, data, version, cb));
  }

  multi(ops: readonly Op[], defaultAcl: readonly Acl[], cb: WireCallback<OpResult[]>): void {
    this.submit(cb, () => multiRequest(this.ctx, ops, defaultAcl, cb));
  }
}
