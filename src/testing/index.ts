/**
 * zk-recipes/testing: real ZooKeeper servers and ensembles for tests, without Docker, plus a TCP proxy for
 * network faults, and a mutual-exclusion checker. See docs/testing.md.
 *
 * @module zk-recipes/testing
 */
export { cleanupSync } from './cleanup.js';
export {
  externalConnectString,
  NEEDS_HARNESS,
  needsHarness,
  startTestZooKeeper,
  type TestZooKeeper,
  type TestZooKeeperOptions,
  withServer,
} from './env.js';
export {
  type CheckOptions,
  type CheckResult,
  checkHistory,
  type HoldRecord,
  type WriteAttempt,
} from './exclusion-checker.js';
export { type FaultMode, FaultProxy, type FaultProxyOptions } from './fault-proxy.js';
export {
  aptInstall,
  type Env,
  findJava,
  findZooKeeper,
  installZooKeeperIfPossible,
  type ZooKeeperInstallation,
  ZooKeeperNotFoundError,
} from './find-zookeeper.js';
export { fourLetterWord, parseMode } from './four-letter.js';
export {
  type Endpoint,
  type FaultEvent,
  type FaultKind,
  NetworkNemesis,
  type RandomScheduleOptions,
  type ScriptStep,
} from './nemesis.js';
export {
  inNetworkNamespace,
  installPartitionTools,
  NETNS_ENV,
  partitionSupportMissing,
  runNetworkNamespaced,
} from './network-namespace.js';
export {
  type ClientTlsOptions,
  findTlsTools,
  generateTlsMaterial,
  TEST_CLIENT_SUBJECT,
  type TlsMaterial,
  TlsToolsMissingError,
  tlsToolsMissing,
} from './tls-material.js';
export {
  memberAddress,
  ZkTestCluster,
  ZkTestClusterMember,
  type ZkTestClusterOptions,
} from './zk-test-cluster.js';
export {
  type ConfigValue,
  type Readiness,
  ZkTestServer,
  type ZkTestServerOptions,
} from './zk-test-server.js';
