/** The JVM options a test server runs with, before its classpath and main class. */
import { logJvmArgs } from './log-configs.js';
/** `dir` is the server's directory (logs); `user` (ZkTestServerOptions.jvmArgs) comes last, so it wins. */
export function serverJvmArgs(dir, user, tls) {
    return [
        '-Xmx512m',
        // Single-threaded GC: several of these JVMs share a CI machine with the tests. The JVM refuses two
        // collectors, so a user's choice replaces it.
        ...(user.some((a) => /^-XX:\+Use\w+GC$/.test(a)) ? [] : ['-XX:+UseSerialGC']),
        '-XX:+ExitOnOutOfMemoryError',
        '-Djava.net.preferIPv4Stack=true',
        '-Dzookeeper.jmx.log4j.disable=true',
        ...logJvmArgs(dir),
        // TTL nodes (createTTL) exist only with extended types; the container reaper (which also
        // removes expired TTL nodes) runs every 100 ms instead of every minute. jvmArgs override both.
        '-Dzookeeper.extendedTypesEnabled=true',
        '-Dznode.container.checkIntervalMs=100',
        ...tls,
        ...user,
    ];
}
//# sourceMappingURL=server-jvm.js.map