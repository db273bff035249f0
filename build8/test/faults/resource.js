/**
 * The shared resource the workers protect: a counter behind HTTP on 127.0.0.1 that remembers
 * the highest fencing token it has seen. A write carries (token, prev, next): a token lower than
 * the highest is refused as `stale` (fencing); a valid token whose `prev` is not the current
 * value is a `lost-update` (two holders read the same value). A read may carry the reader's token
 * (`GET /value?token=N`): it raises the highest seen, so a stopped holder's late write is refused
 * once the next holder has read, not only once it has written (a fenced read-modify-write).
 */
import { createServer } from 'node:http';
export class FencedResource {
    server;
    value = 0;
    highest = -1n;
    accepted = 0;
    stale = 0;
    lostUpdates = 0;
    constructor(server) {
        this.server = server;
    }
    static async start() {
        let self;
        const server = createServer((req, res) => {
            let body = '';
            req.on('data', (c) => {
                body += c;
            });
            req.on('end', () => {
                res.setHeader('connection', 'close');
                if (req.method === 'GET') {
                    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
                    if (token !== null && BigInt(token) > self.highest)
                        self.highest = BigInt(token);
                    res.end(JSON.stringify({ value: self.value }));
                    return;
                }
                const { token, prev, next } = JSON.parse(body);
                let result;
                if (BigInt(token) < self.highest) {
                    result = 'stale';
                    self.stale++;
                }
                else if (prev !== self.value) {
                    result = 'lost-update';
                    self.lostUpdates++;
                }
                else {
                    result = 'ok';
                    self.highest = BigInt(token);
                    self.value = next;
                    self.accepted++;
                }
                res.end(JSON.stringify({ result }));
            });
        });
        self = new FencedResource(server);
        await new Promise((r) => server.listen(0, '127.0.0.1', r));
        return self;
    }
    get url() {
        return `http://127.0.0.1:${this.server.address().port}`;
    }
    close() {
        this.server.closeAllConnections();
        return new Promise((r) => this.server.close(() => r()));
    }
}
//# sourceMappingURL=resource.js.map