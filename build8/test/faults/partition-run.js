/** Runs node in a network namespace of its own (runNetworkNamespaced) and collects its output. */
import { runNetworkNamespaced } from '../../src/testing/index.js';
/**
 * Resolves with the child's stdout when it exits 0; rejects with its exit status and the tail of
 * its output otherwise. Its stderr is passed through as it comes, so a long run shows progress.
 */
export function runNamespaced(nodeArgs, timeoutMs = 170_000) {
    return new Promise((resolve, reject) => {
        // NODE_TEST_CONTEXT unset: a `node --test` started from a test file would skip its files.
        const child = runNetworkNamespaced(nodeArgs, { env: { NODE_TEST_CONTEXT: undefined } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => {
            out += d.toString('utf8');
        });
        child.stderr.on('data', (d) => {
            err += d.toString('utf8');
            process.stderr.write(d);
        });
        // SIGTERM lets the child close its servers; its harness kills the JVMs on the way out anyway.
        const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            if (code === 0)
                resolve(out);
            else {
                const tail = `${out}\n${err}`.trim().split('\n').slice(-40).join('\n');
                reject(new Error(`node ${nodeArgs.join(' ')} exited with ${signal ?? `code ${code}`}:\n${tail}`));
            }
        });
    });
}
//# sourceMappingURL=partition-run.js.map