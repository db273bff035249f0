/**
 * A service process for the discovery fault tests: registers one instance and prints
 * `registered <id> <sessionId>`, then stays until killed.
 * argv: connectString basePath serviceName instanceId port
 */
import { ZkClient, ZkServiceDiscovery } from '../../src/index.js';
const [connectString, basePath, name, id, port] = process.argv.slice(2);
const client = new ZkClient(connectString, { sessionTimeout: 2000, wire: 'built-in' });
await client.connect();
const discovery = new ZkServiceDiscovery(client, basePath);
await discovery.register({
    name: name,
    id: id,
    address: '127.0.0.1',
    port: Number(port),
    payload: { pid: process.pid },
});
process.stdout.write(`registered ${id} ${client.sessionId}\n`);
setInterval(() => { }, 60_000); // stays until killed
//# sourceMappingURL=discovery-worker.js.map