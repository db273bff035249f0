/**
 * Run before the tests: makes sure a ZooKeeper can be started (or ZK_CONNECT names one), installing the
 * Debian/Ubuntu package when that is possible, and says in one line what it found or did. It also installs
 * the reference implementations (Curator, Kazoo) the interoperability tests and benchmarks compare with,
 * when apt-get can be used; without them those tests are skipped and say why, except in CI (`CI` set,
 * as `CI=true bash .ci/run` does): there a peer that cannot be installed fails this script (exit 1),
 * so that a green CI always ran the interop tests.
 */
import { findPeer, peersRequired } from '../peers/peer-process.js';
import { aptInstall, externalConnectString, findTlsTools, installZooKeeperIfPossible, ZooKeeperNotFoundError, } from '../src/testing/index.js';
const external = externalConnectString();
if (external) {
    console.log(`ensure-zookeeper: using the ZooKeeper at ZK_CONNECT=${external}`);
}
else {
    try {
        const zk = await installZooKeeperIfPossible((line) => console.log(line));
        const version = zk.version ? ` ${zk.version}` : '';
        console.log(`ensure-zookeeper: ZooKeeper${version} from ${zk.source}, java ${zk.java}`);
    }
    catch (err) {
        console.error(err instanceof ZooKeeperNotFoundError ? err.message : err);
        process.exit(1);
    }
}
// The TLS tests make their certificates with openssl (keytool comes with ZooKeeper's JRE).
const tls = findTlsTools();
if ('missing' in tls && tls.missing.startsWith('openssl')) {
    await aptInstall(['openssl'], (line) => console.log(line)).catch((err) => console.log(`ensure-zookeeper: openssl not installed (${err.message}); the TLS tests cannot run`));
}
const PEER_PACKAGES = {
    curator: 'libcurator-recipes-java libcurator-discovery-java',
    kazoo: 'python3-kazoo',
};
const missing = Object.keys(PEER_PACKAGES).filter((k) => 'missing' in findPeer(k));
if (missing.length > 0) {
    try {
        await aptInstall(missing.flatMap((k) => PEER_PACKAGES[k].split(' ')), (line) => console.log(line));
    }
    catch (err) {
        console.log(`ensure-zookeeper: ${missing.join(' and ')} not installed (${err.message}); ` +
            (peersRequired() ? 'CI is set: the interop tests require them' : 'interop tests will be skipped'));
    }
}
const unavailable = [];
for (const k of Object.keys(PEER_PACKAGES)) {
    const found = findPeer(k);
    if ('missing' in found)
        unavailable.push(k);
    console.log(`ensure-zookeeper: ${k} peer ${'missing' in found ? `unavailable: ${found.missing}` : 'available'}`);
}
if (unavailable.length > 0 && peersRequired()) {
    console.error(`ensure-zookeeper: CI is set (CI=${process.env['CI']}) and the ${unavailable.join(' and ')} peer ` +
        `cannot be installed: failing, so that CI does not pass without the interop tests ` +
        `(install ${unavailable.map((k) => PEER_PACKAGES[k]).join(' ')}, or unset CI to skip them)`);
    process.exit(1);
}
// The partition tests' nftables and network namespace (scripts/ensure-partition-tools.ts).
await (await import('./ensure-partition-tools.js')).ensurePartitionTools();
//# sourceMappingURL=ensure-zookeeper.js.map