/**
 * The transport side of the built-in wire: where sockets come from (one function, so that
 * node:tls can slot in), the server list in the order it is tried, the chroot, and a FIFO.
 */
import net from 'node:net';
import tls from 'node:tls';
/**
 * Opens the byte stream to one server: plain TCP, or TLS when `tlsOptions` is given (the server's
 * `secureClientPort`; inside TLS the protocol is the same). The only place a socket is made.
 * The certificate's name is checked against the host; SNI carries the host unless it is an IP.
 */
export function openSocket(server, tlsOptions) {
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
export function tlsFailureMessage(peer, e) {
    const code = e.code ?? '';
    // OpenSSL's errors carry a short reason ('sslv3 alert bad certificate') beside a long message.
    const what = typeof e.reason === 'string' && e.reason !== '' ? e.reason : e.message.split('\n')[0];
    let hint = '';
    if (UNTRUSTED.has(code))
        hint = " (the server's certificate is not signed by a CA the tls options trust)";
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
    servers;
    index = 0;
    failures = 0;
    constructor(servers) {
        this.servers = [...servers];
        for (let i = this.servers.length - 1; i > 0; i--) {
            const j = Math.floor(Math.random() * (i + 1));
            [this.servers[i], this.servers[j]] = [this.servers[j], this.servers[i]];
        }
    }
    get size() {
        return this.servers.length;
    }
    /** The next server to dial. */
    next() {
        const s = this.servers[this.index % this.servers.length];
        this.index = (this.index + 1) % this.servers.length;
        return s;
    }
    /** A dial got a session: the count of failures starts again. */
    succeeded() {
        this.failures = 0;
    }
    /** A dial failed; true when every server of the round has now failed. */
    failed() {
        this.failures += 1;
        if (this.failures < this.servers.length)
            return false;
        this.failures = 0;
        return true;
    }
}
/** Adds and removes the connect string's chroot ('/app'), as ZooKeeper's clients do. */
export class Chroot {
    root;
    constructor(root) {
        this.root = root;
    }
    /** The server's path for a caller's path. */
    add(path) {
        if (this.root === undefined)
            return path;
        return path === '/' ? this.root : this.root + path;
    }
    /** The caller's path for a server's path; a path outside the chroot is left as it is. */
    strip(path) {
        const root = this.root;
        if (root === undefined)
            return path;
        if (path === root)
            return '/';
        return path.startsWith(`${root}/`) ? path.slice(root.length) : path;
    }
}
/** A first-in first-out queue with O(1) shift (replies come back in the order sent). */
export class Fifo {
    items = [];
    head = 0;
    get length() {
        return this.items.length - this.head;
    }
    push(item) {
        this.items.push(item);
    }
    peek() {
        return this.items[this.head];
    }
    shift() {
        if (this.head >= this.items.length)
            return undefined;
        const item = this.items[this.head];
        this.items[this.head++] = undefined;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
        }
        return item;
    }
    /** Empties the queue, returning what it held in order. */
    drain() {
        const out = this.items.slice(this.head);
        this.items = [];
        this.head = 0;
        return out;
    }
}
//# sourceMappingURL=transport.js.map