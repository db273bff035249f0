import net from 'node:net';
import { Link } from './fault-link.js';
import { LOOPBACK } from './util.js';
/**
 * A TCP proxy on 127.0.0.1 in front of one target, for network fault tests: put it between a client and a
 * ZooKeeper server (one proxy per server of an ensemble) and switch modes while the test runs.
 *
 *     const proxy = await FaultProxy.start({ target: server.connectString });
 *     const client = connect(proxy.connectString);
 *     proxy.blackhole(); // partition: bytes vanish, nothing is closed
 *     proxy.pass();      // healed
 *
 * Mode changes apply at once to existing and new connections.
 */
export class FaultProxy {
    host = LOOPBACK;
    target;
    #server;
    #port = 0;
    #mode = 'pass';
    #delayMs = 0;
    #links = new Set();
    #closing;
    #replyDrop;
    constructor(target) {
        this.target = target;
        // Half-open allowed: a FIN from one side is passed on as a FIN, not turned into a full close.
        this.#server = net.createServer({ allowHalfOpen: true }, (socket) => this.#accept(socket));
    }
    static async start(options) {
        const proxy = new FaultProxy(parseTarget(options.target));
        await new Promise((resolve, reject) => {
            proxy.#server.once('error', reject);
            proxy.#server.listen(options.port ?? 0, LOOPBACK, () => {
                proxy.#server.off('error', reject);
                // Accept errors (EMFILE, ...) only cost that connection; they must not crash the test process.
                proxy.#server.on('error', () => { });
                resolve();
            });
        });
        proxy.#port = proxy.#server.address().port;
        return proxy;
    }
    get port() {
        return this.#port;
    }
    /** '127.0.0.1:PORT' — give this to the client instead of the target. */
    get connectString() {
        return `${this.host}:${this.#port}`;
    }
    get mode() {
        return this.#mode;
    }
    /** Added one-way latency in 'delay' mode, in ms. */
    get delayMs() {
        return this.#delayMs;
    }
    /** Open client connections. */
    get connections() {
        return this.#links.size;
    }
    /** Forward everything as it comes (the default). */
    pass() {
        return this.#setMode('pass');
    }
    /**
     * A network partition: connections stay open but every byte, both ways, is silently dropped (not
     * buffered), and closes are not passed on. New connections are accepted and blackholed too.
     */
    blackhole() {
        return this.#setMode('blackhole');
    }
    /** Forward with `ms` of added latency each way; byte order is kept. */
    delay(ms) {
        if (!(ms >= 0))
            throw new RangeError(`FaultProxy.delay: bad delay ${ms}`);
        this.#delayMs = ms;
        return this.#setMode('delay');
    }
    /**
     * New connections are closed at once with a RST (the client sees the connection reset, since the TCP
     * handshake has completed; the port stays ours). Existing connections keep flowing: reset() drops them.
     */
    refuse() {
        return this.#setMode('refuse');
    }
    /** Destroys every current connection with a RST, both towards the client and the target; the mode stays. */
    reset() {
        for (const link of [...this.#links])
            link.reset();
        return this;
    }
    /**
     * One lost reply, for "the server did it but the client never heard" tests. From now on, bytes from
     * the client keep flowing to the target as the mode says; the first chunk coming back from the target
     * that `match` accepts (default: any chunk) is not delivered: that connection is reset instead, both
     * ways, as by reset(). So the target has received, and acted on, the request that chunk answers,
     * while the client never sees the answer. Chunks that `match` rejects go through. One-shot: later chunks flow again; the mode is unchanged.
     *
     * Resolves with the dropped chunk. Rejects, and disarms, if no chunk matched within `timeoutMs`
     * (default 10 s) or the proxy is closed; arming again replaces (and rejects) an earlier call. Blackholed
     * bytes are never seen by `match`. A chunk is what one read of the socket returned: it may hold
     * several replies, or part of one.
     */
    dropNextReply(options = {}) {
        const timeoutMs = options.timeoutMs ?? 10_000;
        this.#replyDrop?.reject(new Error('FaultProxy.dropNextReply: replaced by a later call'));
        return new Promise((resolve, reject) => {
            if (this.#closing) {
                reject(new Error('FaultProxy.dropNextReply: the proxy is closed'));
                return;
            }
            const drop = {
                match: options.match ?? (() => true),
                resolve: (chunk) => {
                    this.#disarm(drop);
                    resolve(chunk);
                },
                reject: (err) => {
                    this.#disarm(drop);
                    reject(err);
                },
                timer: setTimeout(() => drop.reject(new Error(`FaultProxy.dropNextReply: no matching reply within ${timeoutMs} ms`)), timeoutMs),
            };
            this.#replyDrop = drop;
        });
    }
    #disarm(drop) {
        clearTimeout(drop.timer);
        if (this.#replyDrop === drop)
            this.#replyDrop = undefined;
    }
    /** Called by a link for each chunk from the target: true if it is the reply to drop (the link resets). */
    #takeReply(chunk) {
        const drop = this.#replyDrop;
        if (!drop)
            return false;
        let hit;
        try {
            hit = drop.match(chunk);
        }
        catch (err) {
            drop.reject(err);
            return false;
        }
        if (hit)
            drop.resolve(chunk);
        return hit;
    }
    /** Stops listening and destroys all connections. Idempotent. */
    close() {
        this.#replyDrop?.reject(new Error('FaultProxy.dropNextReply: the proxy is closed'));
        this.#closing ??= new Promise((resolve) => {
            this.#server.close(() => resolve());
            for (const link of [...this.#links])
                link.destroy();
        });
        return this.#closing;
    }
    async [Symbol.asyncDispose]() {
        await this.close();
    }
    #setMode(mode) {
        const wasBlackhole = this.#mode === 'blackhole';
        this.#mode = mode;
        if (mode === 'blackhole')
            for (const link of this.#links)
                link.dropQueued();
        // Closes that happened during the partition become visible when it heals.
        if (wasBlackhole && mode !== 'blackhole')
            for (const link of [...this.#links])
                link.flushCloses();
        return this;
    }
    #accept(client) {
        if (this.#closing) {
            client.destroy();
            return;
        }
        if (this.#mode === 'refuse') {
            client.on('error', () => { });
            client.resetAndDestroy();
            return;
        }
        const link = new Link(this, client, () => this.#links.delete(link), (chunk) => this.#takeReply(chunk));
        this.#links.add(link);
    }
}
function parseTarget(target) {
    if (typeof target !== 'string')
        return target;
    const m = /^\s*(?:\[([^\]]+)\]|([^:,/\s]+)):(\d+)\s*$/.exec(target);
    if (!m)
        throw new Error(`FaultProxy: target must be one 'host:port', got ${JSON.stringify(target)}`);
    return { host: (m[1] ?? m[2]), port: Number(m[3]) };
}
//# sourceMappingURL=fault-proxy.js.map