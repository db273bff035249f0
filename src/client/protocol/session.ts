/**
 * The session machinery of the built-in wire (connection.ts is its public face): dialling the
 * servers in turn (over TLS with the tls option), the handshake, reading frames and matching
 * replies to requests by xid, notifications, the keepalive, and what happens when a connection ends. Nothing a server sends may
 * throw out of a socket handler: a bad frame, an unreadable record, a reply for an xid not in
 * flight, an unknown error code or event type drops the connection with the reason given to
 * onError; the requests in flight fail with a connection loss (their outcome is unknown) and
 * the wire dials again with the same session.
 */
import { ZkCode, type ZkError } from '../../errors.js';
import { monotonicNow } from '../clock.js';
import { parseConnectString } from '../connect-string.js';
import { after, at, type Timer } from '../timers.js';
import type { WireCallback, WireOptions } from '../wire-contract.js';
import { HANDSHAKE_MIN_BYTES, MAX_FRAME_BYTES, MAX_REQUEST_BYTES, REPLY_MIN_BYTES } from './framing.js';
import { JuteReader } from './jute.js';
import { OpCode, opCodeName, passesLeader, Xid } from './opcodes.js';
import { decodeAll } from './records-data.js';
import { ConnectResponseCodec, ReplyHeaderCodec, WatcherEventCodec } from './records-session.js';
import { answeredCode, knownCode, type Request, type RequestContext, zkError } from './requests.js';
import { authFrame, connectFrame, keepAliveSync, setWatchesFrames, watchLists } from './session-frames.js';
import {
  Chroot,
  type Connection,
  Fifo,
  newConnection,
  openSocket,
  ServerRing,
  tlsFailureMessage,
} from './transport.js';
import { eventName, WatchTable } from './watch-table.js';

/** Why the wire dials no more. */
export type Ended = 'closing' | 'closed' | 'expired' | 'authFailed' | 'disposed';

export abstract class ProtocolSession {
  protected readonly ring: ServerRing;
  protected readonly ctx: RequestContext;
  protected readonly maxFrameBytes: number;
  protected readonly watches = new WatchTable();
  protected readonly outbox = new Fifo<Request>();
  protected readonly inflight = new Fifo<Request>();
  protected conn: Connection | undefined;
  protected started = false;
  protected ended: Ended | undefined;
  protected id = 0n;
  protected passwd: Buffer = Buffer.alloc(16);
  protected lastZxid = 0n;
  protected timeout: number;
  protected xid = 1;
  protected lastWriteAt = 0;
  protected flushScheduled = false;
  protected dialTimer: Timer | undefined;
  protected spinTimer: Timer | undefined;
  protected pingTimer: Timer | undefined;
  protected closing: { finish(): void } | undefined;
  /** The last TLS failure reported (each is reported once until a handshake succeeds). */
  protected tlsFailure: string | undefined;

  constructor(
    connectString: string,
    protected readonly opts: WireOptions,
  ) {
    const cs = parseConnectString(connectString);
    this.ring = new ServerRing(cs.servers);
    this.timeout = opts.sessionTimeout;
    this.maxFrameBytes = opts.maxFrameBytes ?? MAX_FRAME_BYTES;
    this.ctx = {
      chroot: new Chroot(cs.chroot),
      maxRequestBytes: opts.maxRequestBytes ?? MAX_REQUEST_BYTES,
      watch: (kind, path, fn) => this.watches.add(kind, path, fn),
    };
  }

  protected submit<T>(cb: WireCallback<T>, make: () => Request): void {
    let request: Request;
    try {
      request = make();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      process.nextTick(() => cb({ ok: false, error: e, answered: false })); // over the server's limit
      return;
    }
    if (this.ended) {
      // Failed on the next tick: a caller that retries at once must not recurse here.
      const code = this.ended === 'expired' ? ZkCode.SESSION_EXPIRED : ZkCode.CONNECTION_LOSS;
      const error = zkError(code, request.path);
      process.nextTick(() => request.fail(error, false));
      return;
    }
    this.outbox.push(request);
    this.scheduleFlush();
  }

  protected dial(): void {
    this.spinTimer = undefined;
    if (this.ended) return;
    const server = this.ring.next();
    this.opts.onState('connecting');
    const secure = this.opts.tls !== undefined;
    const socket = openSocket(server, this.opts.tls);
    const conn = newConnection(socket, `${server.host}:${server.port}`, this.maxFrameBytes);
    this.conn = conn;
    socket.on(secure ? 'secureConnect' : 'connect', () => {
      if (conn !== this.conn) return;
      const frame = connectFrame(this.lastZxid, this.opts.sessionTimeout, this.id, this.passwd);
      this.write(conn, [frame]);
      conn.handshakeSentAt = this.lastWriteAt;
    });
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('drain', () => this.scheduleFlush());
    // 'close' follows an error. A TLS error before the handshake answer (a certificate refused
    // by either side, no TLS on that port) is said once until a handshake succeeds.
    socket.on('error', (e) => {
      if (!secure || conn !== this.conn || conn.up) return;
      const message = tlsFailureMessage(conn.peer, e);
      if (message === this.tlsFailure) return;
      this.tlsFailure = message;
      this.report(new Error(message, { cause: e }));
    });
    socket.on('close', () => this.lost(conn));
    // No connection or no handshake answer: the next server after T/n as in the Java client, but
    // twice per T with one (to re-attach after a silent network heals); not shorter, or a slow TLS
    // handshake under load is restarted forever.
    const handshakeTimeout = Math.max(200, this.timeout / Math.max(2, this.ring.size));
    this.dialTimer = after(handshakeTimeout, () => {
      if (conn === this.conn && !conn.up) {
        socket.destroy();
        this.lost(conn);
      }
    });
  }

  protected onData(conn: Connection, chunk: Buffer): void {
    if (conn !== this.conn) return;
    conn.lastReadAt = monotonicNow();
    try {
      conn.frames.push(chunk);
    } catch (e) {
      this.drop(conn, `the server sent ${(e as Error).message}`, e);
      return;
    }
    while (conn === this.conn) {
      let body: Buffer | undefined;
      try {
        body = conn.frames.next(conn.up ? REPLY_MIN_BYTES : HANDSHAKE_MIN_BYTES);
      } catch (e) {
        this.drop(conn, `the server sent ${(e as Error).message}`, e);
        return;
      }
      if (body === undefined) return;
      if (conn.up) this.onReply(conn, body);
      else this.onHandshake(conn, body);
    }
  }

  protected onHandshake(conn: Connection, body: Buffer): void {
    let res: ReturnType<typeof ConnectResponseCodec.decode>;
    try {
      res = decodeAll(ConnectResponseCodec, body);
    } catch (e) {
      this.drop(conn, `could not read the server's handshake answer (${(e as Error).message})`, e);
      return;
    }
    this.dialTimer?.clear();
    if (res.timeOut <= 0) {
      // The server no longer knows the session (ConnectResponse with timeOut 0): it expired.
      this.end('expired', (path) => zkError(ZkCode.SESSION_EXPIRED, path));
      this.opts.onState('expired');
      return;
    }
    const resumed = this.id !== 0n && res.sessionId === this.id;
    if (!resumed) this.watches.clear(); // a new session holds no watches
    this.id = res.sessionId;
    this.passwd = res.passwd ?? Buffer.alloc(16);
    this.timeout = res.timeOut;
    conn.up = true;
    conn.upAt = conn.liveAt = conn.leaderAt = conn.lastReadAt;
    this.tlsFailure = undefined;
    this.ring.succeeded();
    // Credentials first, then the watches to restore, then whatever waited for the connection.
    const first = this.opts.auth.map((a) => authFrame(a.scheme, a.credentials, this.ctx.maxRequestBytes));
    if (resumed && !this.watches.empty)
      first.push(...setWatchesFrames(watchLists(this.watches), this.ctx, this.lastZxid));
    this.flush(first);
    this.armKeepAlive(conn);
    // The server touched the session when the handshake arrived: it lives until T after it was sent.
    this.opts.onAlive?.(conn.handshakeSentAt);
    this.opts.onState('connected');
  }

  protected onReply(conn: Connection, body: Buffer): void {
    const r = new JuteReader(body);
    let head: Request | undefined;
    let run: (() => void) | undefined;
    try {
      const h = ReplyHeaderCodec.decode(r);
      switch (h.xid) {
        case Xid.notification:
          this.onNotification(conn, r);
          return;
        case Xid.ping: // none is sent (the keepalive is a sync); a stray answer means nothing
          return;
        case Xid.auth:
          if (h.err === ZkCode.AUTH_FAILED) {
            this.authFailed();
            return;
          }
          if (h.err !== 0) this.report(new Error(`the server answered auth with error ${h.err}`));
          return;
        case Xid.setWatches:
          if (h.err !== 0) this.report(new Error(`the server refused to restore watches (error ${h.err})`));
          return;
      }
      head = this.inflight.peek();
      if (h.xid < 0 || head?.xid !== h.xid) {
        const expected = head
          ? `the next reply is for xid ${head.xid} (${describe(head)})`
          : 'nothing is in flight';
        this.drop(conn, `the server sent a reply for xid ${h.xid}, which was never sent; ${expected}`);
        return;
      }
      this.inflight.shift();
      if (h.zxid > this.lastZxid) this.lastZxid = h.zxid;
      if (h.err !== 0 && !knownCode(h.err)) {
        head.fail(zkError(ZkCode.CONNECTION_LOSS, head.path), false);
        this.drop(conn, `the server answered ${describe(head)} with an unknown error code ${h.err}`);
        return;
      }
      run = head.answer(h, r);
      this.answered(conn, head, h.err);
    } catch (e) {
      // The reply (or its header) is unreadable: its request fails now, the rest with the drop.
      if (head && this.inflight.peek() !== head) head.fail(zkError(ZkCode.CONNECTION_LOSS, head.path), false);
      const what = head ? ` to ${describe(head)}` : '';
      this.drop(conn, `could not read the server's reply${what} (${(e as Error).message})`, e);
      return;
    }
    run();
  }

  /** An answer is news of the session; through the leader (a write, a sync) it also keeps the connection. */
  protected answered(conn: Connection, req: Request, err: number): void {
    const viaLeader = err === 0 && passesLeader(req.opcode);
    if (viaLeader) conn.liveAt = conn.leaderAt = conn.lastReadAt;
    if (err === 0 || answeredCode(err))
      this.opts.onAnswer?.(req.sentAt ?? conn.upAt, conn.lastReadAt, viaLeader);
  }

  protected onNotification(conn: Connection, r: JuteReader): void {
    const event = WatcherEventCodec.decode(r);
    r.expectEnd('WatcherEvent');
    const type = eventName(event.type);
    if (!type) {
      this.drop(conn, `the server sent a notification of unknown event type ${event.type}`);
      return;
    }
    const path = this.ctx.chroot.strip(event.path);
    // One notification serves the one-shot watches (taken) and the persistent ones (kept).
    const fns = this.watches.take(event.type, path);
    if (this.watches.hasPersistent) fns.push(...this.watches.persistentFor(event.type, path));
    for (const fn of fns) {
      try {
        fn({ type, path });
      } catch (e) {
        this.report(new Error(`a watcher of ${path} threw`, { cause: e }));
      }
    }
  }

  protected authFailed(): void {
    this.end('authFailed', (path) => zkError(ZkCode.AUTH_FAILED, path));
    this.opts.onState('authFailed');
  }

  /** The connection is unusable: say why, close it, and carry on as after any loss. */
  protected drop(conn: Connection, reason: string, cause?: unknown): void {
    if (conn !== this.conn) return;
    this.report(new Error(`${reason}; dropping the connection (${conn.peer})`, { cause }));
    conn.socket.destroy();
    this.lost(conn);
  }

  /** A connection ended: its requests in flight fail (outcome unknown), then the next dial. */
  protected lost(conn: Connection): void {
    if (conn !== this.conn) return;
    this.conn = undefined;
    this.dialTimer?.clear();
    this.pingTimer?.clear();
    this.pingTimer = undefined;
    for (const req of this.inflight.drain()) req.fail(zkError(ZkCode.CONNECTION_LOSS, req.path), false);
    if (this.ended === 'closing') {
      this.closing?.finish();
      return;
    }
    if (this.ended) return;
    if (conn.up) this.opts.onState('disconnected');
    if (this.ended || this.conn) return; // a callback above ended or redialled the wire
    // A dial that got no session, or lost it at once, counts as failed; a round of failures waits.
    const quick = !conn.up || monotonicNow() - conn.upAt < this.opts.spinDelay;
    if (quick && this.ring.failed()) this.spinTimer = after(this.opts.spinDelay, () => this.dial());
    else this.dial();
  }

  /** Stops for good: timers cleared, the socket closed, every request failed. */
  protected end(why: Ended, error: (path: string | undefined) => ZkError): void {
    this.ended = why;
    for (const t of [this.dialTimer, this.spinTimer, this.pingTimer]) t?.clear();
    this.spinTimer = this.pingTimer = this.dialTimer = undefined;
    const conn = this.conn;
    this.conn = undefined;
    conn?.socket.destroy();
    this.watches.clear();
    const failed = [...this.inflight.drain(), ...this.outbox.drain()];
    for (const req of failed) req.fail(error(req.path), false);
  }

  protected scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    process.nextTick(() => {
      this.flushScheduled = false;
      this.flush([]);
    });
  }

  /** Writes `first`, then every queued request, in one socket write (once connected). */
  protected flush(first: Buffer[]): void {
    const conn = this.conn;
    if (!conn?.up) return;
    const out = first;
    if (!conn.socket.writableNeedDrain) {
      const now = monotonicNow();
      for (let req = this.outbox.shift(); req !== undefined; req = this.outbox.shift()) {
        req.sentAt = now;
        if (passesLeader(req.opcode)) conn.leaderAt = now;
        req.xid = this.xid;
        this.xid = this.xid >= 0x7fffffff ? 1 : this.xid + 1;
        req.frame.writeInt32BE(req.xid, 4);
        this.inflight.push(req);
        out.push(req.frame);
        if (req.opcode === OpCode.closeSession) break;
      }
    }
    this.write(conn, out);
  }

  protected write(conn: Connection, buffers: Buffer[]): void {
    if (buffers.length === 0) return;
    conn.socket.write(buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers));
    this.lastWriteAt = monotonicNow();
  }

  /**
   * Liveness through the leader (docs/connection.md): a sync after T/6 without a request that
   * passes through the leader keeps the session alive and shows the server still hears from the
   * leader; a connection without such an answer for T/2 (the read timeout) is dropped for the next
   * server, even while it answers reads and pings (a follower cut off from the leader does so
   * until its own read from the leader times out).
   */
  protected armKeepAlive(conn: Connection): void {
    const syncAfter = this.timeout / 6;
    const readTimeout = this.timeout / 2;
    this.pingTimer = at(Math.min(conn.leaderAt + syncAfter, conn.liveAt + readTimeout), () => {
      if (conn !== this.conn || this.ended) return;
      const now = monotonicNow();
      const silentFor = now - conn.liveAt;
      if (silentFor >= readTimeout - 1) {
        this.drop(
          conn,
          `no answer through the leader for ${Math.round(silentFor)} ms (read timeout ${Math.round(readTimeout)} ms)`,
        );
        return;
      }
      if (now - conn.leaderAt >= syncAfter - 1) {
        this.outbox.push(keepAliveSync(this.ctx));
        this.flush([]);
        conn.leaderAt = now; // also when the socket must drain first: one sync per T/6 at most
      }
      this.armKeepAlive(conn);
    });
  }

  protected report(error: Error): void {
    if (this.ended === 'disposed') return;
    (this.opts.onError ?? process.emitWarning)(error);
  }
}

function describe(req: Request): string {
  return `${opCodeName(req.opcode)}${req.path === undefined ? '' : ` of ${req.path}`}`;
}
