/**
 * Run before the tests: makes sure a ZooKeeper can be started (or ZK_CONNECT names one), installing the
 * Debian/Ubuntu package when that is possible, and says in one line what it found or did. It also installs
 * the reference implementations (Curator, Kazoo) the interoperability tests and benchmarks compare with,
 * when apt-get can be used; without them those tests are skipped and say why.
 */
import { findPeer, type PeerKind } from '../bench/peers/peer-process.js';
import {
  aptInstall,
  externalConnectString,
  installZooKeeperIfPossible,
  ZooKeeperNotFoundError,
} from '../src/testing/index.js';

const external = externalConnectString();
if (external) {
  console.log(`ensure-zookeeper: using the ZooKeeper at ZK_CONNECT=${external}`);
} else {
  try {
    const zk = await installZooKeeperIfPossible((line) => console.log(line));
    const version = zk.version ? ` ${zk.version}` : '';
    console.log(`ensure-zookeeper: ZooKeeper${version} from ${zk.source}, java ${zk.java}`);
  } catch (err) {
    console.error(err instanceof ZooKeeperNotFoundError ? err.message : err);
    process.exit(1);
  }
}

const PEER_PACKAGES: Record<PeerKind, string> = {
  curator: 'libcurator-recipes-java',
  kazoo: 'python3-kazoo',
};
const missing = (Object.keys(PEER_PACKAGES) as PeerKind[]).filter((k) => 'missing' in findPeer(k));
if (missing.length > 0) {
  try {
    await aptInstall(
      missing.map((k) => PEER_PACKAGES[k]),
      (line) => console.log(line),
    );
  } catch (err) {
    console.log(
      `ensure-zookeeper: ${missing.join(' and ')} not installed (${(err as Error).message}); interop tests will be skipped`,
    );
  }
}
for (const k of Object.keys(PEER_PACKAGES) as PeerKind[]) {
  const found = findPeer(k);
  console.log(
    `ensure-zookeeper: ${k} peer ${'missing' in found ? `unavailable: ${found.missing}` : 'available'}`,
  );
}
