/**
 * zk-recipes/testing: real ZooKeeper servers and ensembles for tests, without Docker, plus a TCP proxy for
 * network faults, and a mutual-exclusion checker. See docs/testing.md.
 *
 * @module zk-recipes/testing
 */
export { cleanupSync } from './cleanup.js';
export { externalConnectString, NEEDS_HARNESS, needsHarness, startTestZooKeeper, withServer, } from './env.js';
export { checkHistory, } from './exclusion-checker.js';
export { FaultProxy } from './fault-proxy.js';
export { aptInstall, findJava, findZooKeeper, installZooKeeperIfPossible, ZooKeeperNotFoundError, } from './find-zookeeper.js';
export { fourLetterWord, parseMode } from './four-letter.js';
export { NetworkNemesis, } from './nemesis.js';
export { inNetworkNamespace, installPartitionTools, NETNS_ENV, partitionSupportMissing, runNetworkNamespaced, } from './network-namespace.js';
export { findTlsTools, generateTlsMaterial, TEST_CLIENT_SUBJECT, TlsToolsMissingError, tlsToolsMissing, } from './tls-material.js';
export { memberAddress, ZkTestCluster, ZkTestClusterMember, } from './zk-test-cluster.js';
export { ZkTestServer, } from './zk-test-server.js';
//# sourceMappingURL=index.js.map