/** ZkTestCluster's ownAddresses: each member on its own loopback address, in the machine's namespace. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ZkClient } from '../../src/index.js';
import { fourLetterWord, NetworkNemesis, ZkTestCluster } from '../../src/testing/index.js';

test('ownAddresses: members listen on 127.0.0.2, .3, .4 (client, quorum, election) and serve', {
  skip: process.platform !== 'linux' ? 'all of 127.0.0.0/8 is local on Linux only' : false,
}, async () => {
  await using cluster = await ZkTestCluster.start({ size: 3, ownAddresses: true });
  assert.deepEqual(
    cluster.members.map((m) => m.host),
    ['127.0.0.2', '127.0.0.3', '127.0.0.4'],
  );
  assert.match(cluster.connectString, /^127\.0\.0\.2:\d+,127\.0\.0\.3:\d+,127\.0\.0\.4:\d+$/);
  // Quorum and election ports on the member's own address too (server.N lines of its zoo.cfg).
  const conf = await cluster.members[1]!.fourLetter('conf');
  assert.match(conf, /127\.0\.0\.3:\d+:\d+:participant/);
  // The client port is on that address only: 127.0.0.1 refuses it.
  const m = cluster.members[1]!;
  assert.equal(await fourLetterWord('127.0.0.3', m.port, 'ruok'), 'imok');
  await assert.rejects(fourLetterWord('127.0.0.1', m.port, 'ruok'), /ECONNREFUSED/);
  const client = new ZkClient(cluster.members[2]!.connectString, { sessionTimeout: 4000 });
  await client.connect();
  await client.create('/own-addresses', Buffer.from('x'));
  assert.equal((await client.getData('/own-addresses')).data.toString(), 'x');
  await client.close();
});

test('NetworkNemesis refuses to run outside a namespace of runNetworkNamespaced(): never the machine firewall', async () => {
  await assert.rejects(NetworkNemesis.start(), /not in a network namespace/);
});
