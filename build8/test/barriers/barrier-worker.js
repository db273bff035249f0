/**
 * A double-barrier member in its own process: enters `path` (of `count` members), says
 * "entered <node name>" and waits there until it is killed. argv: connectString path count
 */
import { ZkClient, ZkDoubleBarrier } from '../../src/index.js';
const [connectString, path, count] = process.argv.slice(2);
const client = new ZkClient(connectString, { sessionTimeout: 3000 });
await client.connect();
const barrier = new ZkDoubleBarrier(client, path, Number(count), { identifier: `worker-${process.pid}` });
await barrier.enter({ timeout: 60_000 });
process.stdout.write(`entered ${barrier.nodeName}\n`);
setInterval(() => { }, 1 << 30); // until killed
//# sourceMappingURL=barrier-worker.js.map