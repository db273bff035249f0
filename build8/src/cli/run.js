/** The CLI as a function: argv in, exit code out. main.ts wires it to the process. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, parseCommandLine, UsageError } from './args.js';
import { ExitError } from './common.js';
import { holdersCommand } from './holders-command.js';
import { leaderCommand } from './leader-command.js';
import { lockCommand } from './lock-command.js';
import { semaphoreCommand } from './semaphore-command.js';
import { USAGE } from './usage.js';
export async function run(argv, env, io) {
    try {
        const inv = parseCommandLine(argv, env);
        switch (inv.kind) {
            case 'help':
                io.out(USAGE.trimEnd());
                return EXIT.OK;
            case 'version':
                io.out(packageVersion());
                return EXIT.OK;
            case 'lock':
                return await lockCommand(inv, io);
            case 'leader':
                return await leaderCommand(inv, io);
            case 'semaphore':
                return await semaphoreCommand(inv, io);
            case 'holders':
                return await holdersCommand(inv, io);
        }
    }
    catch (e) {
        if (e instanceof UsageError) {
            io.err(e.message);
            io.err("try 'zk-recipes --help'");
            return EXIT.USAGE;
        }
        if (e instanceof ExitError)
            return e.exitCode;
        io.err(`error: ${e?.message ?? String(e)}`);
        return EXIT.ERROR;
    }
}
/** The version in our package.json: the nearest one named zk-recipes above this file (dist/ or build/src/). */
export function packageVersion() {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
        try {
            const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
            if (pkg.name === 'zk-recipes' && pkg.version)
                return pkg.version;
        }
        catch {
            // no package.json here: look further up
        }
        const parent = dirname(dir);
        if (parent === dir)
            return 'unknown';
        dir = parent;
    }
}
//# sourceMappingURL=run.js.map