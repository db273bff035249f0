/**
 * Interop with Curator's ServiceDiscovery (Debian's curator-x-discovery, through the Curator
 * peer): a service registered through Curator is seen here with the same fields, and ours is
 * seen by Curator's queryForInstances, with a Map payload read as a Map. Skipped, saying what to
 * install, without the Curator peer; with `CI` set a missing peer fails instead.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findPeer, PeerProcess, peersRequired } from '../../peers/peer-process.js';
import { ZkServiceDiscovery } from '../../src/index.js';
import { parseInstance } from '../../src/recipes/discovery/service-instance.js';
import { connect, eventually, startServer } from '../helpers.js';
const found = findPeer('curator');
const skip = 'missing' in found && !peersRequired() ? found.missing : false;
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64');
/** Curator's queryForInstances, each instance as Curator's serializer writes it, read with our parser. */
async function curatorList(peer, base, name, payloadClass = 'object') {
    const answer = await peer.send(`disclist ${base} ${name} ${payloadClass}`);
    const docs = JSON.parse(Buffer.from(answer, 'base64').toString());
    return docs.map((d) => {
        const parsed = parseInstance(Buffer.from(JSON.stringify(d)));
        assert.ok(!('invalid' in parsed), JSON.stringify(d));
        return parsed;
    });
}
describe('interop with Curator’s ServiceDiscovery', { skip }, () => {
    let server;
    let client;
    let peer;
    before(async () => {
        server = await startServer();
        client = await connect(server.connectString, { wire: 'built-in' });
        peer = await PeerProcess.start('curator', server.connectString);
    });
    after(() => peer?.close());
    test('a service registered through Curator is seen here with the same fields', async () => {
        const discovery = new ZkServiceDiscovery(client, '/interop');
        const provider = discovery.provider('java-api');
        await provider.start();
        assert.equal(await peer.send(`discreg /interop java-api j1 10.9.8.7 8080 ${b64({ zone: 'eu', weight: 3 })}`), '');
        const [fromCurator] = await curatorList(peer, '/interop', 'java-api');
        const [ours] = await discovery.instances('java-api');
        assert.ok(ours && fromCurator);
        assert.deepEqual(ours, fromCurator, 'every field as Curator reads it');
        assert.equal(ours.name, 'java-api');
        assert.equal(ours.id, 'j1');
        assert.equal(ours.address, '10.9.8.7');
        assert.equal(ours.port, 8080);
        assert.equal(ours.sslPort, null);
        assert.deepEqual(ours.payload, { zone: 'eu', weight: 3 });
        assert.equal(ours.payloadClass, 'java.util.LinkedHashMap');
        assert.equal(ours.serviceType, 'DYNAMIC');
        assert.equal(ours.enabled, true);
        assert.ok(Math.abs(ours.registrationTimeUTC - Date.now()) < 600_000, `registrationTimeUTC ${ours.registrationTimeUTC}`);
        assert.deepEqual(ours.uriSpec?.parts.map((p) => p.value), ['scheme', '://', 'address', ':', 'port']);
        const owner = (await client.exists('/interop/java-api/j1'))?.ephemeralOwner;
        assert.ok(owner !== undefined && owner !== 0n, 'Curator’s DYNAMIC instance is an ephemeral node');
        await eventually(() => provider.getInstance()?.id === 'j1', 10_000, 'our provider sees it');
        assert.deepEqual(provider.getInstance(), ours);
        assert.deepEqual(await discovery.services(), ['java-api']);
        assert.equal(await peer.send('discunreg /interop j1'), '');
        await eventually(() => provider.getAllInstances().length === 0, 10_000, 'our provider sees it go');
        await discovery.close();
    });
    test('ours is seen by Curator’s queryForInstances, a Map payload read as a Map, and gone when we unregister', async () => {
        // A base path of its own: the service node Curator made in the test above is a container,
        // which the server removes only at its next reaper pass.
        const discovery = new ZkServiceDiscovery(client, '/interop-ours');
        const a = await discovery.register({
            name: 'node-api',
            id: 'n1',
            address: '10.1.2.3',
            port: 3000,
            sslPort: 3443,
            payload: { region: 'us', tags: ['a', 'b'], nested: { x: 1 } },
            uriSpec: '{scheme}://{address}:{port}/v1',
        });
        const b = await discovery.register({
            name: 'node-api',
            id: 'n2',
            address: 'h2',
            payload: 'plain',
            enabled: false,
        });
        const c = await discovery.register({
            name: 'node-api',
            id: 'n3',
            address: 'h3',
            payload: [1, 2],
            serviceType: 'STATIC',
        });
        assert.equal(await peer.send('discnames /interop-ours'), 'node-api');
        const seen = await curatorList(peer, '/interop-ours', 'node-api');
        const strip = ({ payloadClass: _, ...rest }) => rest;
        assert.deepEqual(seen.map(strip), [a, b, c].map(strip), 'Curator reads every field as we wrote it');
        // Curator's serializer checks the payload against its payloadClass: a Map reader takes our object.
        const asMap = await peer.send('disclist /interop-ours node-api map').catch((e) => e.message);
        assert.match(asMap, /ClassCastException|Cannot cast/, 'a Map reader refuses the string and list payloads');
        await discovery.unregister('n2');
        await discovery.unregister('n3');
        const maps = await curatorList(peer, '/interop-ours', 'node-api', 'map');
        assert.deepEqual(maps.map(strip), [strip(a)], 'with only the object payload left, a Map reader reads it');
        await discovery.close();
        assert.deepEqual(await curatorList(peer, '/interop-ours', 'node-api'), [], 'close(): Curator sees none');
    });
});
//# sourceMappingURL=curator-interop.test.js.map