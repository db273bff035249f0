/**
 * A network namespace of the test's own, for partitions inside an ensemble: the scenario runs in a child
 * process started with `unshare --net` (its own loopback, brought up, and its own firewall), so that the
 * nemesis's nftables rules never touch the machine's. See docs/testing.md, "Partitions".
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { aptInstall, onPath } from './find-zookeeper.js';
/** Set (to '1') in the environment of a process that runNetworkNamespaced() started. */
export const NETNS_ENV = 'ZK_RECIPES_NETNS';
/** What the partition tests need, and the Debian package each comes in. */
const TOOLS = [
    ['unshare', 'util-linux'],
    ['ip', 'iproute2'],
    ['nft', 'nftables'],
];
/** PATH plus the sbin directories, where nft and ip live, which a non-login shell may leave out. */
function searchPath(env) {
    return [env['PATH'] ?? '', '/usr/sbin', '/sbin'].join(path.delimiter);
}
/** @internal The absolute path of a tool, or undefined. */
export function findTool(exe, env = process.env) {
    const dir = searchPath(env)
        .split(path.delimiter)
        .find((d) => d && onPath(exe, d));
    return dir === undefined ? undefined : path.join(dir, exe);
}
/**
 * Why partitions inside an ensemble cannot be tested here, or undefined when they can: they need Linux,
 * root (a network namespace, nftables in it, a group id per server) and unshare, ip and nft. The reason
 * names what is missing and how to get it, for a test's `skip` (and for failing instead under CI).
 */
export function partitionSupportMissing(env = process.env) {
    if (process.platform !== 'linux') {
        return `partitions need Linux network namespaces; this is ${process.platform}`;
    }
    if (process.getuid?.() !== 0) {
        return `partitions need root (a network namespace of their own, nftables in it, a group id per server); this runs as uid ${process.getuid?.()}`;
    }
    const missing = TOOLS.filter(([exe]) => findTool(exe, env) === undefined);
    if (missing.length > 0) {
        const what = missing.map(([exe, pkg]) => `${exe} (Debian package ${pkg})`).join(', ');
        return `partitions need ${what}: not found; \`node build/scripts/ensure-zookeeper.js\` installs them as root`;
    }
    const probe = spawnSync(findTool('unshare', env), ['--net', 'true'], {
        encoding: 'utf8',
        timeout: 10_000,
    });
    if (probe.status !== 0) {
        const why = (probe.stderr || String(probe.error ?? `exit ${probe.status}`)).trim();
        return `partitions need a network namespace, and \`unshare --net true\` fails here: ${why}`;
    }
    return undefined;
}
/** Installs nftables and iproute2 when they are missing and apt-get can be used; rejects with the reason. */
export async function installPartitionTools(log = (line) => console.error(line), env = process.env) {
    const packages = TOOLS.filter(([exe]) => findTool(exe, env) === undefined).map(([, pkg]) => pkg);
    if (packages.length > 0)
        await aptInstall(packages, log, env);
}
/** Whether this process runs in a namespace that runNetworkNamespaced() made. */
export function inNetworkNamespace(env = process.env) {
    return env[NETNS_ENV] === '1';
}
/**
 * Runs `node ...nodeArgs` (a script and its arguments, or `--test file`) in a new network namespace whose loopback is up (127.0.0.0/8 is all
 * local there, so every server and client can have its own address). The child and everything it
 * starts see only that namespace; the machine's network and firewall stay untouched. Call
 * partitionSupportMissing() first.
 */
export function runNetworkNamespaced(nodeArgs, options = {}) {
    const ip = findTool('ip') ?? 'ip';
    const env = { ...process.env, ...options.env, [NETNS_ENV]: '1' };
    // `options.env` may unset a variable with undefined (e.g. NODE_TEST_CONTEXT, which would make a
    // `node --test` run inside a test file skip its files).
    for (const k of Object.keys(env))
        if (env[k] === undefined)
            delete env[k];
    return spawn(findTool('unshare') ?? 'unshare', ['--net', '--', 'sh', '-c', `"${ip}" link set lo up && exec "$@"`, 'sh', process.execPath, ...nodeArgs], {
        env,
        stdio: ['ignore', options.stdio ?? 'pipe', options.stdio ?? 'pipe'],
    });
}
//# sourceMappingURL=network-namespace.js.map