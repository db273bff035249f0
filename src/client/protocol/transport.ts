/**
 * The transport side of the built-in wire: where sockets come from (one function, so that
 * node:tls can slot in), the server list in the order it is tried, the chroot, and a FIFO.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ServerAddress } from '../connect-string.js';
import { FrameSplitter } from './framing.js';

/**
 * Opens the byte stream to one server: plain TCP, or TLS when `tlsOptions` is given (the server's
 * `secureClientPort`; inside TLS the protocol is the same). The only place a socket is made.
 * The certificate's name is checked against the host; SNI carries the host unless it is an IP.
 */
export function openSocket(server: ServerAddress, tlsOptions?: tls.ConnectionOptions): net.Socket {
  const { host, port } = server;
  const socket = tlsOptions
    ? tls.connect({
        ...tlsOptions,
        host,
        port,
        servername: tlsOptions.servername ?? (net.isIP(host) === 0 ? host : undefined),
      })
    : net.connect({ host, port });
  socket.setNoDelay(true); // requests are already coalesced per tick
  return socket;
}

/** Node's codes of a server certificate the client does not trust. */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** What a failed TLS connection says: OpenSSL's reason, and what it most likely means. */
export function tlsFailureMessage(peer: string, e: Error & { code?: string; reason?: string }): string {
  const code = e.code ?? '';
  // OpenSSL's errors carry a short reason ('sslv3 alert bad certificate') beside a long message.
  const what = typeof e.reason === 'string' && e.reason !== '' ? e.reason : e.message.split('\n')[0]!;
  let hint = '';
  if (UNTRUSTED.has(code)) hint = " (the server's certificate is not signed by a CA the tls options trust)";
  else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    hint = ' (set tls.servername to a name in the certificate)';
  else if (/alert (bad certificate|certificate required|unknown ca|certificate unknown)/.test(what))
    hint = ' (the server refused the client certificate, or needs one: tls.cert and tls.key)';
  else if (code === 'ECONNRESET' || /disconnected before secure TLS/.test(what))
    hint = " (does that port speak TLS? ZooKeeper's is its secureClientPort)";
  return `TLS handshake with ${peer} failed: ${what}${hint}`;
}

/**
 * The servers of the connect string, shuffled once (as ZooKeeper's clients do, so that many
 * clients spread over the ensemble), tried in turn. `failed()` after each dial that did not get
 * a session says whether a whole round has failed, so the caller waits its spin delay.
 */
export class ServerRing {
  private readonly servers: ServerAddress[];
  private index = 0;
  private failures = 0;

  constructor(servers: readonly ServerAddress[]) {
    this.servers = [...servers];
    for (let i = this.servers.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [this.servers[i], this.servers[j]] = [this.servers[j]!, this.servers[i]!];
    }
  }

  get size(): number {
    return this.servers.length;
  }

  /** The next server to dial. */
  next(): ServerAddress {
    const s = this.servers[this.index % this.servers.length]!;
    this.index = (this.index + 1) % this.servers.length;
    return s;
  }

  /** A dial got a session: the count of failures starts again. */
  succeeded(): void {
    this.failures = 0;
  }

  /** A dial failed; true when every server of the round has now failed. */
  failed(): boolean {
    this.failures += 1;
    if (this.failures < this.servers.length) return false;
    this.failures = 0;
    return true;
  }
}

/** Adds and removes the connect string's chroot ('/app'), as ZooKeeper's clients do. */
export class Chroot {
  constructor(readonly root: string | undefined) {}

  /** The server's path for a caller's path. */
  add(path: string): string {
    if (this.root === undefined) return path;
    return path === '/' ? this.root : this.root + path;
  }

  /** The caller's path for a server's path; a path outside the chroot is left as it is. */
  strip(path: string): string {
    const root = this.root;
    if (root === undefined) return path;
    if (path === root) return '/';
    return path.startsWith(`${root}/`) ? path.slice(root.length) : path;
  }
}

/** A first-in first-out queue with O(1) shift (replies come back in the order sent). */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Empties the queue, returning what it held in order. */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }
}

/** One TCP connection: its own bytes, so nothing of it leaks into the next one. */
export interface Connection {
  readonly socket: net.Socket;
  readonly frames: FrameSplitter;
  readonly peer: string;
  /** The handshake was answered. */
  up: boolean;
  upAt: number;
  /** When the server last sent anything on it. */
  lastReadAt: number;
  /** When a request that passes through the leader was last sent or answered (the keepalive follows). */
  leaderAt: number;
  /** When the server last answered through the leader, or the handshake (the read timeout counts from here). */
  liveAt: number;
  /** When the handshake was sent: its answer is news of the session. */
  handshakeSentAt: number;
}

export function newConnection(socket: net.Socket, peer: string, maxFrameBytes: number): Connection {
  const frames = new FrameSplitter(maxFrameBytes);
  return {
    socket,
    frames,
    peer,
    up: false,
    upAt: 0,
    lastReadAt: 0,
    leaderAt: 0,
    liveAt: 0,
    handshakeSentAt: 0,
  };
}
