/** A child process of a test, its stdout lines, and a kill -9 that is proven; killed at the end of the file in any case. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { onCleanup } from '../helpers.js';
export function spawnLines(script, args) {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => child.on('exit', (_code, signal) => r(signal)));
    const lines = [];
    createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
    const kill9 = async () => {
        if (child.exitCode === null && child.signalCode === null)
            child.kill('SIGKILL');
        return exited;
    };
    onCleanup(async () => {
        await kill9();
    });
    return { child, lines, kill9 };
}
//# sourceMappingURL=spawn-lines.js.map