/**
 * How the bench starts each implementation's peer process: zk-recipes (ours-peer.js under
 * node, once on each wire backend: 'ours' on the built-in one, 'nzc' on node-zookeeper-client), Curator (CuratorPeer, compiled once with javac when there is one: 50 JVMs compiling
 * the source each would take a minute of CPU) and Kazoo.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPeer } from './peer-process.js';
export const IMPLS = ['ours', 'nzc', 'curator', 'kazoo'];
export const IMPL_NAMES = {
    ours: 'zk-recipes',
    nzc: 'zk-recipes (node-zookeeper-client)',
    curator: 'Curator',
    kazoo: 'Kazoo',
};
/**
 * The wire backend each of our two implementations runs on, set explicitly so that the figures
 * do not depend on ZkClient's default (or on a ZK_RECIPES_WIRE the bench was started with).
 */
const WIRES = { ours: 'built-in', nzc: 'node-zookeeper-client' };
// This file runs from build/peers/; the Java source stays in peers/.
const here = fileURLToPath(new URL('./', import.meta.url));
const javaSource = fileURLToPath(new URL('../../peers/CuratorPeer.java', import.meta.url));
const classesDir = `${here}classes`;
/**
 * Small fixed heap and the serial collector: up to 50 JVMs share 2 cores, and a full GC is
 * exact enough for the memory figure. The JIT is left at its default (no handicap).
 */
export const JVM_FLAGS = ['-XX:+UseSerialGC', '-Xms64m', '-Xmx256m', '-Xss512k'];
/** How to start `impl`'s peer here, or what is missing. */
export function findImpl(impl) {
    if (impl === 'ours' || impl === 'nzc') {
        const script = `${here}ours-peer.js`;
        if (!existsSync(script))
            return { missing: `${script} not built: npx tsc -p tsconfig.json` };
        // --expose-gc for the memory figure; it changes nothing else.
        return { command: process.execPath, args: ['--expose-gc', script], env: { ZK_RECIPES_WIRE: WIRES[impl] } };
    }
    const found = findPeer(impl);
    if ('missing' in found || impl === 'kazoo')
        return found;
    const classpath = found.args[found.args.indexOf('-cp') + 1];
    const compiled = compileCuratorPeer(classpath);
    if (!compiled)
        return { command: found.command, args: [...JVM_FLAGS, ...found.args] };
    return { command: found.command, args: [...JVM_FLAGS, '-cp', `${classpath}:${classesDir}`, 'CuratorPeer'] };
}
/** Compiles CuratorPeer.java into build/peers/classes when stale; false without javac. */
function compileCuratorPeer(classpath) {
    const javac = ['/usr/bin/javac', process.env['JAVA_HOME'] && `${process.env['JAVA_HOME']}/bin/javac`].find((p) => !!p && existsSync(p));
    if (!javac)
        return false;
    const target = `${classesDir}/CuratorPeer.class`;
    if (existsSync(target) && statSync(target).mtimeMs >= statSync(javaSource).mtimeMs)
        return true;
    try {
        mkdirSync(classesDir, { recursive: true });
        // --release 17: the JVM that runs it may be older than the javac found.
        execFileSync(javac, ['--release', '17', '-nowarn', '-d', classesDir, '-cp', classpath, javaSource], {
            stdio: 'pipe',
        });
        return true;
    }
    catch {
        return false; // the source launcher still works
    }
}
//# sourceMappingURL=launch.js.map