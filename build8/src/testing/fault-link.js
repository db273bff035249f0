/**
 * The inside of FaultProxy: one proxied connection (a Link) and its two directions (Flows), each
 * applying the proxy's current mode to the bytes it carries.
 */
import net from 'node:net';
/** One proxied connection: the client's socket, ours to the target, and one Flow each way. */
export class Link {
    proxy;
    onDone;
    takeReply;
    up;
    down;
    #done = false;
    constructor(proxy, client, onDone, 
    /** For each chunk from the target: true when it is a reply to drop (see FaultProxy.dropNextReply). */
    takeReply) {
        this.proxy = proxy;
        this.onDone = onDone;
        this.takeReply = takeReply;
        const upstream = net.connect({ host: proxy.target.host, port: proxy.target.port, allowHalfOpen: true });
        client.setNoDelay(true);
        upstream.setNoDelay(true);
        this.up = new Flow(this, client, upstream);
        this.down = new Flow(this, upstream, client);
    }
    get mode() {
        return this.proxy.mode;
    }
    /** `flow.from` is gone: take the other socket down the same way (RST for RST), unless blackholed. */
    sideClosed(flow) {
        if (this.#done)
            return;
        if (this.up.closed && this.down.closed) {
            this.#teardown();
            return;
        }
        // In a partition nobody learns of the close; flushCloses() replays it when the partition heals.
        if (this.mode === 'blackhole')
            return;
        if (flow.reset)
            this.reset();
        // Delayed data first, then a FIN, then the socket goes (its peer closed fully, not half).
        else
            flow.afterQueued(() => endThenDestroy(flow.to));
    }
    dropQueued() {
        this.up.dropQueued();
        this.down.dropQueued();
    }
    /** Called when a blackhole ends: pass on the closes and FINs that it swallowed. */
    flushCloses() {
        for (const flow of [this.up, this.down]) {
            if (flow.closed)
                this.sideClosed(flow);
            else
                flow.flushEnd();
        }
    }
    reset() {
        if (this.#done)
            return;
        this.#teardown();
        for (const socket of [this.up.from, this.down.from]) {
            if (!socket.destroyed)
                socket.resetAndDestroy();
        }
    }
    destroy() {
        if (this.#done)
            return;
        this.#teardown();
        this.up.from.destroy();
        this.down.from.destroy();
    }
    #teardown() {
        this.#done = true;
        this.dropQueued();
        this.onDone();
    }
}
/** Bytes from `from` to `to`, subject to the proxy's mode. */
class Flow {
    link;
    from;
    to;
    /** `from` sent a FIN. */
    ended = false;
    #endSent = false;
    /** `from` is gone (closed, or errored). */
    closed = false;
    /** ... and it went with a RST or another error. */
    reset = false;
    /** Delayed chunks (null = the FIN), each due no earlier than the one before it, so order is kept. */
    #queue = [];
    #timer;
    #onEmpty;
    constructor(link, from, to) {
        this.link = link;
        this.from = from;
        this.to = to;
        from.on('data', (chunk) => this.#onData(chunk));
        from.on('end', () => {
            this.ended = true;
            this.flushEnd();
        });
        from.on('error', () => {
            this.reset = true;
        });
        from.on('close', (hadError) => {
            this.closed = true;
            this.reset ||= hadError;
            link.sideClosed(this);
        });
    }
    #onData(chunk) {
        const mode = this.link.mode;
        if (mode === 'blackhole')
            return;
        if (this === this.link.down && this.link.takeReply(chunk)) {
            this.link.reset();
            return;
        }
        if (mode === 'delay')
            this.#enqueue(this.link.proxy.delayMs, chunk);
        // Data still waiting from an earlier delay goes first.
        else if (this.#queue.length > 0)
            this.#enqueue(0, chunk);
        else
            this.#write(chunk);
    }
    #write(chunk) {
        if (this.to.destroyed || this.to.writableEnded)
            return;
        // Backpressure: stop reading while the other side's buffer is full.
        if (!this.to.write(chunk)) {
            this.from.pause();
            this.to.once('drain', () => this.from.resume());
        }
    }
    #enqueue(delayMs, chunk) {
        const last = this.#queue.at(-1)?.due ?? 0;
        this.#queue.push({ due: Math.max(performance.now() + delayMs, last), chunk });
        this.#schedule();
    }
    #schedule() {
        if (this.#timer)
            return;
        if (this.#queue.length === 0) {
            const onEmpty = this.#onEmpty;
            this.#onEmpty = undefined;
            onEmpty?.();
            return;
        }
        const wait = Math.max(0, this.#queue[0].due - performance.now());
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            const t = performance.now();
            // setTimeout may fire a little early by performance.now(); 1 ms of slack avoids a 0 ms re-arm.
            while (this.#queue.length > 0 && this.#queue[0].due <= t + 1) {
                const { chunk } = this.#queue.shift();
                if (chunk)
                    this.#write(chunk);
                else
                    this.#sendEnd();
            }
            this.#schedule();
        }, wait);
    }
    /** Pass a FIN from `from` on to `to`, after any delayed data. */
    flushEnd() {
        if (!this.ended || this.#endSent || this.link.mode === 'blackhole')
            return;
        if (this.link.mode === 'delay' || this.#queue.length > 0) {
            this.#endSent = true;
            this.#enqueue(this.link.mode === 'delay' ? this.link.proxy.delayMs : 0, null);
        }
        else {
            this.#sendEnd();
        }
    }
    #sendEnd() {
        this.#endSent = true;
        if (!this.to.destroyed)
            this.to.end();
    }
    /** Runs `fn` once the delayed data has gone out (at once when there is none). */
    afterQueued(fn) {
        this.#onEmpty = fn;
        this.#schedule();
    }
    dropQueued() {
        this.#queue = [];
        this.#onEmpty = undefined;
        clearTimeout(this.#timer);
        this.#timer = undefined;
    }
}
/** FIN after the pending writes, then gone. */
function endThenDestroy(socket) {
    if (socket.destroyed)
        return;
    if (socket.writableFinished)
        socket.destroy();
    else {
        socket.once('finish', () => socket.destroy());
        if (!socket.writableEnded)
            socket.end();
    }
}
//# sourceMappingURL=fault-link.js.map