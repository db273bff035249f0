/**
 * Interoperability with the reference implementations on the same paths: Curator 5 (Java)
 * and Kazoo (Python) peers run as separate processes against the same ZooKeeper.
 * Skipped, saying what to install, when a peer cannot run on this machine; with `CI` set (CI runs
 * `CI=true bash .ci/run`) a missing peer fails instead, so a green CI cannot carry no interop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findPeer, type PeerKind, PeerProcess, peersRequired } from '../../peers/peer-process.js';
import { type ZkClient, ZkLock, ZkReadWriteLock } from '../../src/index.js';
import type { TestServer } from '../helpers.js';
import { connect, eventually, startServer } from '../helpers.js';

let server: TestServer;
let client: ZkClient;
before(async () => {
  server = await startServer();
  client = await connect(server.connectString);
});

const REQUIRED = peersRequired();

/** The reason to skip the tests that need `kind`'s peer; false to run them (and fail when it is missing under CI). */
function skipWithout(kind: PeerKind): string | false {
  const found = findPeer(kind);
  return 'missing' in found && !REQUIRED ? found.missing : false;
}

for (const kind of ['curator', 'kazoo'] as PeerKind[]) {
  test(`the ${kind} peer is installed${REQUIRED ? ' (required: CI is set)' : ''}`, {
    skip: skipWithout(kind),
  }, () => {
    const found = findPeer(kind);
    assert.ok(
      !('missing' in found),
      `CI requires the ${kind} peer for the interop tests: ${'missing' in found ? found.missing : ''}`,
    );
  });
}

for (const kind of ['curator', 'kazoo'] as PeerKind[]) {
  const skip = skipWithout(kind);

  describe(`interop with ${kind}`, { skip }, () => {
    let peer: PeerProcess;
    before(async () => {
      peer = await PeerProcess.start(kind, server.connectString);
    });
    after(() => peer?.close());

    test('mutex: each excludes the other, both ways', async () => {
      const name = `${kind}-mutex`;
      // Kazoo's Lock object checks its path once: keep the directory for it.
      const ours = new ZkLock(client, name, { cleanupParent: kind !== 'kazoo' });
      assert.equal(await peer.send(`mutex ${name} 2000`), 'true');
      assert.equal(await ours.acquire(300), false, `${kind} holds: we must not get in`);
      const waiting = ours.acquire(10_000);
      await eventually(async () => (await ours.participantNodes()).length === 2);
      assert.equal(await peer.send(`unmutex ${name}`), '');
      assert.equal(await waiting, true, `we get the lock once ${kind} releases`);
      assert.equal(await peer.send(`mutex ${name} 300`), 'false', `we hold: ${kind} must not get in`);
      await ours.release();
      assert.equal(await peer.send(`mutex ${name} 2000`), 'true');
      assert.equal(await peer.send(`unmutex ${name}`), '');
    });

    test('read/write lock: writers exclude everyone, readers share, both ways', async () => {
      const name = `${kind}-rw`;
      const rw = new ZkReadWriteLock(client, name, { cleanupParent: kind !== 'kazoo' });
      assert.equal(await peer.send(`write ${name} 2000`), 'true');
      assert.equal(await rw.readLock.acquire(300), false, `${kind} writes: our reader waits`);
      assert.equal(await rw.writeLock.acquire(300), false, `${kind} writes: our writer waits`);
      assert.equal(await peer.send(`unwrite ${name}`), '');
      assert.equal(await peer.send(`read ${name} 2000`), 'true');
      assert.equal(await rw.readLock.acquire(2000), true, 'readers share');
      await rw.readLock.release();
      assert.equal(await rw.writeLock.acquire(300), false, `${kind} reads: our writer waits`);
      assert.equal(await peer.send(`unread ${name}`), '');
      assert.equal(await rw.writeLock.acquire(2000), true);
      assert.equal(await peer.send(`read ${name} 300`), 'false', `we write: ${kind}'s reader waits`);
      assert.equal(await peer.send(`write ${name} 300`), 'false', `we write: ${kind}'s writer waits`);
      await rw.writeLock.release();
      assert.equal(await rw.readLock.acquire(2000), true);
      assert.equal(await peer.send(`read ${name} 2000`), 'true', 'readers share');
      assert.equal(await peer.send(`write ${name} 300`), 'false', `we read: ${kind}'s writer waits`);
      assert.equal(await peer.send(`unread ${name}`), '');
      await rw.readLock.release();
    });
  });
}

describe('Curator Revoker', { skip: skipWithout('curator') }, () => {
  test("a Curator Revoker request reaches our holder's revocationRequested event", async () => {
    const peer = await PeerProcess.start('curator', server.connectString);
    try {
      const lock = new ZkLock(client, 'revoked');
      await lock.acquire();
      const asked = new Promise<string>((resolve) =>
        lock.once('revocationRequested', (i) => resolve(i.path)),
      );
      await peer.send(`revoke ${lock.nodePath}`);
      assert.equal(await asked, lock.nodePath);
      assert.equal(lock.isAcquired, true, 'the holder decides: still held');
      await lock.release();
    } finally {
      await peer.close();
    }
  });
});
