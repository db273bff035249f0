/**
 * Run before the tests: makes sure a ZooKeeper can be started (or ZK_CONNECT names one), installing the
 * Debian/Ubuntu package when that is possible, and says in one line what it found or did.
 */
import {
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
