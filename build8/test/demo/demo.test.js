/** The README's first quick-start command must keep working: the demo runs, verifies itself and exits 0. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
const demo = fileURLToPath(new URL('../../demo/run.js', import.meta.url));
test('npm run demo: contention, a holder killed with -9, takeover, verification, exit 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [demo], { timeout: 90_000 });
    assert.match(stdout, /KILLED with -9 while holding/);
    assert.match(stdout, /takeover after kill -9\s+\d+\.\d+ s/);
    assert.match(stdout, /readers held together\s+yes/);
    assert.match(stdout, /overlaps \(writer beside anyone\) 0/);
    assert.match(stdout, /^OK: never two holders/m);
});
//# sourceMappingURL=demo.test.js.map