#!/usr/bin/env node
/** The `zk-recipes` command (bin entry). See docs/cli.md. */
import { processOutput } from './common.js';
import { run } from './run.js';
// `zk-recipes holders x | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
        if (e.code !== 'EPIPE')
            throw e;
    });
}
const code = await run(process.argv.slice(2), process.env, processOutput);
// No process.exit(): the client is closed and the command has exited, so the process ends by
// itself, and a leaked handle shows up as a hang in the tests instead of being hidden.
process.exitCode = code;
//# sourceMappingURL=main.js.map