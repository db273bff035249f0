/**
 * The package as a user installs it: `npm pack` of this checkout's manifest (with the tests' build
 * of src standing in for dist/, which is the same compiler's output), unpacked into a scratch app's
 * node_modules. From a child process there, CommonJS `require('zk-recipes')` loads where Node can
 * require ES modules, and fails with the error getting-started.md names where it cannot; `import`
 * works; and the manifest carries no script an install would run (npm 11 warns about those).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILT_SRC = fileURLToPath(new URL('../../src/', import.meta.url));
let dir;
let app;
let manifest;
let packed;
before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zk-pack-'));
    const pkg = join(dir, 'pkg');
    mkdirSync(pkg);
    for (const f of ['package.json', 'README.md', 'docs'])
        cpSync(join(ROOT, f), join(pkg, f), { recursive: true });
    cpSync(BUILT_SRC, join(pkg, 'dist'), { recursive: true });
    const env = { ...process.env };
    for (const k of Object.keys(env))
        if (k.startsWith('npm_'))
            delete env[k]; // not the outer npm's settings
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
        cwd: pkg,
        env,
        timeout: 60_000,
    });
    const [info] = JSON.parse(stdout);
    packed = info.files.map((f) => f.path);
    app = join(dir, 'app');
    const installed = join(app, 'node_modules', 'zk-recipes');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(app, 'package.json'), '{ "name": "scratch-app", "private": true }\n');
    await exec('tar', ['xzf', join(dir, info.filename), '-C', installed, '--strip-components=1'], {
        timeout: 30_000,
    });
    // The package's own dependencies, as npm would have installed them.
    symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'));
    manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
});
after(() => {
    if (dir)
        rmSync(dir, { recursive: true, force: true });
});
/** Runs `code` with node in the scratch app; resolves its stdout's last line as JSON. */
async function inApp(args, code) {
    const env = { ...process.env };
    delete env['NODE_OPTIONS'];
    delete env['NODE_TEST_CONTEXT'];
    const { stdout, stderr } = await exec(process.execPath, [...args, '-e', code], {
        cwd: app,
        env,
        timeout: 30_000,
    });
    const last = stdout.trim().split('\n').pop() ?? '';
    try {
        return JSON.parse(last);
    }
    catch {
        throw new Error(`no JSON from the child: stdout ${stdout} stderr ${stderr}`);
    }
}
test('the packed package has its entry points and no script that runs on install', () => {
    for (const f of [
        'dist/index.js',
        'dist/testing/index.js',
        'dist/cli/main.js',
        'package.json',
        'README.md',
    ]) {
        assert.ok(packed.includes(f), `${f} is in the tarball`);
    }
    const scripts = manifest.scripts ?? {};
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) {
        assert.equal(scripts[s], undefined, `the published manifest has a '${s}' script: npm runs it on install`);
    }
    assert.match(scripts['prepack'] ?? '', /npm run build/, 'dist/ is built before packing');
});
test("require('zk-recipes') from CommonJS: the same module as import() where Node can require ES modules", async () => {
    const r = await inApp([], `let out;
try {
  const z = require('zk-recipes');
  const t = require('zk-recipes/testing');
  out = import('zk-recipes').then((m) => ({
    ok: true, lock: typeof z.ZkLock, client: typeof z.ZkClient, server: typeof t.ZkTestServer,
    same: m.ZkLock === z.ZkLock,
  }));
} catch (e) {
  out = Promise.resolve({ ok: false, code: e.code, message: e.message });
}
out.then((o) => console.log(JSON.stringify(o)));`);
    if (process.features.require_module) {
        assert.deepEqual(r, { ok: true, lock: 'function', client: 'function', server: 'function', same: true });
    }
    else {
        // Node before 20.19 / 22.12: the error getting-started.md tells users to expect.
        assert.equal(r['code'], 'ERR_REQUIRE_ESM', JSON.stringify(r));
    }
});
test('import from an ES module app works on every supported Node', async () => {
    const r = await inApp(['--input-type=module'], `import { ZkLock } from 'zk-recipes';
import { ZkTestServer } from 'zk-recipes/testing';
console.log(JSON.stringify({ lock: typeof ZkLock, server: typeof ZkTestServer }));`);
    assert.deepEqual(r, { lock: 'function', server: 'function' });
});
//# sourceMappingURL=packaging.test.js.map