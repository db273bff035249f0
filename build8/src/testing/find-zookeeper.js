import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
/** What to do when there is no ZooKeeper; the same text for every way of failing, so it can be acted on. */
const HOW_TO_FIX = [
    'To run ZooKeeper for tests, do one of:',
    '  - install the OS package (it pulls in a Java runtime): sudo apt-get install -y zookeeper',
    '    (macOS: brew install zookeeper)',
    '  - download a release from https://zookeeper.apache.org/releases.html, unpack it and set',
    '    ZOOKEEPER_HOME=/path/to/apache-zookeeper-x.y.z-bin (and JAVA_HOME, or have java on PATH)',
    '  - set ZK_CLASSPATH to a Java classpath holding the ZooKeeper server jars and their dependencies',
    '  - set ZK_CONNECT=host:port to use an already running ZooKeeper server',
    '    (tests that need to stop, kill or restart the server are then skipped)',
].join('\n');
export class ZooKeeperNotFoundError extends Error {
    name = 'ZooKeeperNotFoundError';
    /** What was missing, without the instructions. */
    problems;
    constructor(problems) {
        super(`ZooKeeper server not found: ${problems.join('; ')}.\n${HOW_TO_FIX}`);
        this.problems = problems;
    }
}
/** Install places of binary releases, Homebrew and Bigtop-style packages; each is tried as a ZOOKEEPER_HOME. */
const HOME_CANDIDATES = [
    '/usr/share/zookeeper',
    '/usr/lib/zookeeper',
    '/opt/zookeeper',
    '/usr/local/zookeeper',
    '/opt/homebrew/opt/zookeeper/libexec',
    '/usr/local/opt/zookeeper/libexec',
];
/** Debian/Ubuntu put the jars of the `zookeeper` package and its dependencies here. */
const OS_JAR_DIR = '/usr/share/java';
/**
 * The jars ZooKeeperServerMain and QuorumPeerMain load at runtime (admin server off), as named in
 * /usr/share/java. zookeeper.jar's manifest Class-Path names them too, but listing them keeps this working
 * where the manifest is stripped.
 */
const OS_JARS = [
    'zookeeper.jar',
    'zookeeper-jute.jar',
    'slf4j-api.jar',
    'metrics-core.jar',
    'snappy-java.jar',
];
/** slf4j bindings we know how to point at a log file, best first (each entry: all jars needed). */
const OS_BINDINGS = [
    ['slf4j-simple.jar'],
    ['slf4j-reload4j.jar', 'reload4j.jar'],
    ['slf4j-log4j12.jar', 'log4j-1.2.jar'],
];
const SERVER_JAR = /^zookeeper(-\d[\w.]*)?\.jar$/;
const BINDING_JAR = /^(slf4j-(simple|log4j12|reload4j|jdk14|nop)|logback-classic|log4j-slf4j2?-impl)[-\d.]*\.jar$/;
/**
 * Finds a ZooKeeper server to run, in this order: ZK_CLASSPATH (used as is), ZOOKEEPER_HOME (its lib/*.jar
 * and *.jar), the OS package jars in /usr/share/java, then usual install places. Java comes from JAVA_HOME,
 * else PATH. Throws ZooKeeperNotFoundError saying what to do when either is missing.
 *
 * `env` defaults to process.env; pass another object to look elsewhere without touching the process.
 */
export function findZooKeeper(env = process.env) {
    const problems = [];
    const found = findClasspath(env, problems);
    const java = findJava(env);
    if (!java) {
        problems.push(env['JAVA_HOME']
            ? `no java executable at JAVA_HOME=${env['JAVA_HOME']} (bin/java) nor on PATH`
            : 'no java executable (JAVA_HOME is not set and there is no java on PATH)');
    }
    if (!found || !java)
        throw new ZooKeeperNotFoundError(problems);
    return { java, ...found };
}
function findClasspath(env, problems) {
    const explicit = env['ZK_CLASSPATH']?.trim();
    if (explicit)
        return { classpath: explicit, source: 'ZK_CLASSPATH' };
    const home = env['ZOOKEEPER_HOME']?.trim();
    if (home) {
        const found = fromHome(home);
        // A ZOOKEEPER_HOME that is set but wrong is an error: silently using another install would surprise.
        if (!found)
            problems.push(`ZOOKEEPER_HOME=${home} holds no zookeeper jar (looked in ${home}/lib and ${home})`);
        return found && { ...found, source: 'ZOOKEEPER_HOME' };
    }
    const os = fromOsPackage();
    if (os)
        return os;
    for (const dir of HOME_CANDIDATES) {
        const found = fromHome(dir);
        if (found)
            return { ...found, source: dir };
    }
    problems.push(`no zookeeper jar in ${OS_JAR_DIR} (Debian/Ubuntu package) nor in ${HOME_CANDIDATES.join(', ')}; ` +
        'ZOOKEEPER_HOME and ZK_CLASSPATH are not set');
    return undefined;
}
/** A binary release or an install dir: lib/*.jar plus *.jar (older releases keep the server jar at the top). */
function fromHome(home) {
    const jars = [...listJars(path.join(home, 'lib')), ...listJars(home)];
    const server = jars.find((jar) => SERVER_JAR.test(path.basename(jar)));
    if (!server)
        return undefined;
    // Releases ship logback; if there is no slf4j binding at all, borrow the OS one so the log is not lost.
    if (!jars.some((jar) => BINDING_JAR.test(path.basename(jar)))) {
        const binding = osBinding();
        if (binding)
            jars.push(...binding);
    }
    return { classpath: jars.join(path.delimiter), version: versionOf(jars) };
}
function fromOsPackage() {
    if (!isFile(path.join(OS_JAR_DIR, 'zookeeper.jar')))
        return undefined;
    const jars = OS_JARS.map((name) => path.join(OS_JAR_DIR, name)).filter(isFile);
    jars.push(...(osBinding() ?? []));
    return {
        classpath: jars.join(path.delimiter),
        version: versionOf(listJars(OS_JAR_DIR)),
        source: OS_JAR_DIR,
    };
}
function osBinding() {
    for (const names of OS_BINDINGS) {
        const jars = names.map((name) => path.join(OS_JAR_DIR, name));
        if (jars.every(isFile))
            return jars;
    }
    return undefined;
}
/** The version in a versioned server jar name (zookeeper-3.8.0.jar; Debian keeps it as a symlink). */
function versionOf(jars) {
    for (const jar of jars) {
        const m = /^zookeeper-(\d+\.\d+\.\d+[\w.-]*?)\.jar$/.exec(path.basename(jar));
        if (m)
            return m[1];
    }
    return undefined;
}
function listJars(dir) {
    let names;
    try {
        names = fs.readdirSync(dir);
    }
    catch {
        return [];
    }
    return names
        .filter((n) => n.endsWith('.jar') && !/-(sources|javadoc|tests)\.jar$/.test(n))
        .sort()
        .map((n) => path.join(dir, n))
        .filter(isFile);
}
function isFile(p) {
    try {
        return fs.statSync(p).isFile();
    }
    catch {
        return false;
    }
}
function isExecutable(p) {
    try {
        fs.accessSync(p, fs.constants.X_OK);
        return fs.statSync(p).isFile();
    }
    catch {
        return false;
    }
}
/** JAVA_HOME/bin/java, else the first java on PATH. */
export function findJava(env = process.env) {
    const exe = process.platform === 'win32' ? 'java.exe' : 'java';
    const javaHome = env['JAVA_HOME']?.trim();
    if (javaHome && isExecutable(path.join(javaHome, 'bin', exe)))
        return path.join(javaHome, 'bin', exe);
    for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
        if (dir && isExecutable(path.join(dir, exe)))
            return path.resolve(dir, exe);
    }
    return undefined;
}
/**
 * findZooKeeper(), and when that fails and apt-get may be used (running as root, or passwordless sudo),
 * installs the Debian/Ubuntu `zookeeper` package (which pulls in a JRE) and looks again. Otherwise throws
 * the ZooKeeperNotFoundError, with the reason apt-get was not tried.
 */
export async function installZooKeeperIfPossible(log = (line) => console.error(line), env = process.env) {
    let notFound;
    try {
        return findZooKeeper(env);
    }
    catch (err) {
        if (!(err instanceof ZooKeeperNotFoundError))
            throw err;
        notFound = err;
    }
    // A wrong ZOOKEEPER_HOME is the user's to fix: an installed package would not be used. (A missing java is
    // fixed by the package, which depends on a JRE.)
    if (notFound.problems.some((p) => p.startsWith('ZOOKEEPER_HOME=')))
        throw notFound;
    try {
        await aptInstall(['zookeeper'], log, env);
    }
    catch (err) {
        throw new ZooKeeperNotFoundError([
            ...notFound.problems,
            `could not install it: ${err.message}`,
        ]);
    }
    const installed = findZooKeeper(env);
    log(`zk-recipes/testing: installed ZooKeeper${installed.version ? ` ${installed.version}` : ''} (${installed.source})`);
    return installed;
}
/**
 * Installs Debian/Ubuntu packages with apt-get (as root, or through passwordless sudo).
 * Rejects with the reason when apt-get cannot be used or fails.
 */
export async function aptInstall(packages, log = (line) => console.error(line), env = process.env) {
    const apt = aptPrefix(env);
    if ('cannot' in apt)
        throw new Error(apt.cannot);
    const cmd = [...apt.prefix, 'apt-get'];
    log(`zk-recipes/testing: installing ${packages.join(' ')}: ${cmd.join(' ')} install -y ${packages.join(' ')}`);
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
        const { code, output } = await run(cmd[0], [...cmd.slice(1), ...args], env);
        if (code !== 0) {
            const tail = output.trim().split('\n').slice(-15).join('\n');
            throw new Error(`\`${[...cmd, ...args].join(' ')}\` failed with exit code ${code}:\n${tail}\n`);
        }
    }
}
/** The command prefix that runs apt-get as root, or why apt-get cannot be used. */
function aptPrefix(env) {
    const pathEnv = env['PATH'] ?? '';
    if (process.platform !== 'linux')
        return { cannot: `apt-get is for Linux, this is ${process.platform}` };
    if (!onPath('apt-get', pathEnv))
        return { cannot: 'there is no apt-get on PATH' };
    if (process.getuid?.() === 0)
        return { prefix: [] };
    if (!onPath('sudo', pathEnv))
        return { cannot: 'apt-get needs root: not root, and no sudo on PATH' };
    const probe = spawnSync('sudo', ['-n', 'true'], {
        stdio: 'ignore',
        env: { ...process.env, ...env },
        timeout: 10_000,
    });
    if (probe.status !== 0)
        return { cannot: 'apt-get needs root: not root, and `sudo -n true` fails (needs a password)' };
    // sudo drops most of the environment; `env` sets what apt needs on the root side.
    return { prefix: ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] };
}
/** @internal Whether `exe` is an executable file in one of `pathEnv`'s directories. */
export function onPath(exe, pathEnv) {
    return pathEnv.split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, exe)));
}
function run(cmd, args, env) {
    return new Promise((resolve) => {
        const child = spawn(cmd, args, {
            env: { ...process.env, ...env, DEBIAN_FRONTEND: 'noninteractive' },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        const collect = (chunk) => {
            // Keep the tail only: apt output can be long.
            output = (output + chunk.toString('utf8')).slice(-20_000);
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        child.on('error', (err) => resolve({ code: -1, output: String(err) }));
        child.on('close', (code) => resolve({ code, output }));
    });
}
//# sourceMappingURL=find-zookeeper.js.map