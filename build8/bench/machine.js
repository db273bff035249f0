/** The machine and the versions a run measured, for the results file and the docs. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { procStat } from '../src/testing/util.js';
/** A command's output, undefined when it cannot run or fails. */
function run(command, args) {
    try {
        return (execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
            undefined);
    }
    catch {
        return undefined;
    }
}
function javaVersion() {
    // `java -version` writes to stderr
    const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
    return `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n')[0]?.trim() || undefined;
}
/** `srvr`'s "Zookeeper version: 3.8.0-<commit>, built on …" → "3.8.0" (Debian leaves the commit a placeholder). */
export function zookeeperVersion(srvr) {
    return /^Zookeeper version: (\d[\w.]*)/m.exec(srvr)?.[1];
}
/** Debian installs curator-recipes-<version>.jar beside curator-recipes.jar. */
function curatorVersion() {
    try {
        for (const f of readdirSync('/usr/share/java')) {
            const m = /^curator-recipes-(\d[\d.]*)\.jar$/.exec(f);
            if (m)
                return m[1];
        }
    }
    catch {
        // no /usr/share/java
    }
    return undefined;
}
export function describeMachine(srvr) {
    const require = createRequire(import.meta.url);
    const pkg = (path) => {
        try {
            return JSON.parse(readFileSync(require.resolve(path), 'utf8')).version;
        }
        catch {
            return undefined;
        }
    };
    const ownPkg = new URL('../../package.json', import.meta.url);
    const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'])
        ? ' (with uncommitted changes)'
        : '';
    const commit = run('git', ['rev-parse', '--short', 'HEAD']);
    return {
        cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
        cores: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        java: javaVersion(),
        python: run('/usr/bin/python3', ['--version']),
        kazoo: run('/usr/bin/python3', ['-c', 'import kazoo.version; print(kazoo.version.__version__)']),
        curator: curatorVersion(),
        zookeeperServer: srvr ? zookeeperVersion(srvr) : undefined,
        nodeZookeeperClient: pkg('node-zookeeper-client/package.json'),
        zkRecipes: JSON.parse(readFileSync(ownPkg, 'utf8')).version,
        commit: commit ? `${commit}${dirty}` : undefined,
    };
}
let clockTicks;
/**
 * CPU time (user + system) process `pid` has used, in µs, from /proc (Linux); undefined
 * elsewhere, or without a pid (a server given by ZK_CONNECT is not ours to look at).
 */
export function processCpuUs(pid) {
    const fields = pid === undefined ? undefined : procStat(`/proc/${pid}/stat`);
    if (!fields)
        return undefined;
    clockTicks ??= Number(run('getconf', ['CLK_TCK'])) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicks;
}
/**
 * Every thread's CPU time in ns and its count of runs on a CPU (wake-ups), summed over
 * /proc/<pid>/task/<tid>/schedstat (Linux): exact where /proc/<pid>/stat counts 10 ms ticks, so
 * that the few µs a parked process spends show. Undefined where it cannot be read.
 */
export function threadsSchedstat(pid) {
    if (pid === undefined)
        return undefined;
    let tids;
    try {
        tids = readdirSync(`/proc/${pid}/task`);
    }
    catch {
        return undefined;
    }
    let cpuNs = 0;
    let runs = 0;
    for (const tid of tids) {
        try {
            const [onCpu, , slices] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
            cpuNs += Number(onCpu);
            runs += Number(slices);
        }
        catch {
            // a thread that ended meanwhile
        }
    }
    return { cpuNs, runs };
}
//# sourceMappingURL=machine.js.map