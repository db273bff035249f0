import type { ZooKeeperInstallation } from './find-zookeeper.js';
import type { ConfigValue } from './util.js';

/** Options of ZkTestServer.start() (and, but `port`, of ZkTestCluster.start()). */
export interface ZkTestServerOptions {
  /** Client port on `host`. Default: a free one, chosen at the first start and kept for restarts. */
  port?: number;
  /** ZooKeeper tickTime in ms. Default 200, so that session expiry in tests takes seconds, not minutes. */
  tickTime?: number;
  /** Default 2 × tickTime (ZooKeeper's own default). */
  minSessionTimeout?: number;
  /** Default 60000. */
  maxSessionTimeout?: number;
  /** How long start() and restart() wait for the server to answer, in ms. Default 30000. */
  startTimeout?: number;
  /** How long stop() waits after SIGTERM before SIGKILL, in ms. Default 5000. */
  stopTimeout?: number;
  /** Extra zoo.cfg entries, as `{ key: value }` or `'key=value'` lines; they override the defaults. */
  extraConfig?: Record<string, ConfigValue> | string[];
  /** Extra JVM arguments (before the main class), e.g. ['-Xmx1g']. */
  jvmArgs?: string[];
  /** Parent directory of the server's temp dir. Default os.tmpdir(). */
  tmpDir?: string;
  /** The ZooKeeper to run. Default findZooKeeper(). */
  zookeeper?: ZooKeeperInstallation;
  /**
   * Also serve TLS on a second port (`securePort`, mixed mode; client certificates required),
   * with a CA and certificates made for this server by openssl and keytool (TlsToolsMissingError
   * when they are not there). Clients use `secureConnectString` and `clientTls`.
   */
  tls?: boolean;
  /**
   * The loopback address it listens on (client port, and a member's quorum and election ports).
   * Default 127.0.0.1; ZkTestCluster's `ownAddresses` gives each member its own (docs/testing.md).
   */
  host?: string;
  /**
   * Group id to run the JVM under (needs root). The nemesis's network namespace tells members apart
   * by it, to give their outgoing connections their own source address (docs/testing.md).
   */
  gid?: number;
}
