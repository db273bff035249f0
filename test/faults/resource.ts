/**
 * The shared resource the workers protect: a counter behind HTTP on 127.0.0.1 that remembers
 * the highest fencing token it has seen. A write carries (token, prev, next): a token lower than
 * the highest is refused as `stale` (fencing); a valid token whose `prev` is not the current
 * value is a `lost-update` (two holders read the same value).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class FencedResource {
  value = 0;
  highest = -1n;
  accepted = 0;
  stale = 0;
  lostUpdates = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FencedResource> {
    let self!: FencedResource;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        res.setHeader('connection', 'close');
        if (req.method === 'GET') {
          res.end(JSON.stringify({ value: self.value }));
          return;
        }
        const { token, prev, next } = JSON.parse(body) as { token: string; prev: number; next: number };
        let result: 'ok' | 'stale' | 'lost-update';
        if (BigInt(token) < self.highest) {
          result = 'stale';
          self.stale++;
        } else if (prev !== self.value) {
          result = 'lost-update';
          self.lostUpdates++;
        } else {
          result = 'ok';
          self.highest = BigInt(token);
          self.value = next;
          self.accepted++;
        }
        res.end(JSON.stringify({ result }));
      });
    });
    self = new FencedResource(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
