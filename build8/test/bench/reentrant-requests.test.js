/**
 * The bench's "reentrant acquire sends 0 requests" figure, checked in the test suite: the bench's
 * own zk-recipes peer counts requests at the one ZkClient method every request passes through.
 * A first, non-reentrant acquire+release must count some (else the counter is blind and the 0
 * proves nothing); nested acquire+release pairs inside run() must count none.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { findImpl } from '../../peers/launch.js';
import { PeerProcess } from '../../peers/peer-process.js';
import { startServer } from '../helpers.js';
let server;
let peer;
before(async () => {
    server = await startServer();
    peer = await PeerProcess.spawn('ours', findImpl('ours'), server.connectString);
});
after(() => peer?.close());
test('reentrant acquire+release inside run() sends no request; a first acquire+release is counted', async () => {
    const [perPair, sent, first] = (await peer.send('reentrant counted 2000', 60_000)).split(' ').map(Number);
    assert.ok(Number.isFinite(perPair), 'a time per pair');
    // create, queue read, delete (the directory's removal comes later): at least three.
    assert.ok(first >= 3, `a first acquire+release counted ${first} requests`);
    assert.equal(sent, 0, 'nested acquire+release pairs sent requests');
});
//# sourceMappingURL=reentrant-requests.test.js.map