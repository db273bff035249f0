/** A group member in its own process: joins `path` as `memberId`, says "joined", and stays until killed. argv: connectString path memberId */
import { ZkClient, ZkGroupMember } from '../../src/index.js';
const [connectString, path, memberId] = process.argv.slice(2);
const client = new ZkClient(connectString, { sessionTimeout: 3000 });
await client.connect();
await new ZkGroupMember(client, path, { memberId: memberId, data: `pid ${process.pid}` }).join();
process.stdout.write('joined\n');
setInterval(() => { }, 1 << 30); // until killed
//# sourceMappingURL=group-worker.js.map