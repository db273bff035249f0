/**
 * Every ```ts block of README.md and docs/*.md runs, each as its own ES module in a child process,
 * against a real ZooKeeper, so that examples cannot rot.
 *
 * A block is transpiled as written; then
 * - 'zk-recipes' and 'zk-recipes/testing' resolve to this build;
 * - connect-string literals ('127.0.0.1:2181', 'zk1:2181,zk2:2181/myapp', ...) become the test
 *   server's, chroot kept;
 * - names a block uses without declaring them come from a prelude: stand-ins for "your work here"
 *   (`doWork`, `writeReport`, ...), a connected `client`, a started `server` or 3-node `cluster`;
 *   a block without imports (a fragment) also gets the library's exports;
 * - afterwards a top-level `client` is closed, and so is what the prelude started.
 * The module must then exit by itself with code 0 within SAMPLE_TIMEOUT_MS.
 *
 * Every block is also type-checked (tsc, strict, ES2022 with `await using`) with the same names in
 * scope, the prelude's typed: a sample that calls an API with the wrong types or a member that does
 * not exist fails, though JavaScript would run it.
 *
 * A result a sample claims in a comment is checked: a line that ends with `// → text` after an
 * expression statement (or a declaration of one variable) claims that its value, or for
 * `console.log(...)` what it prints, is `text` (strings as they are, other values as util.inspect
 * shows them). A mismatch fails the sample, and so does a claim that never ran.
 *
 * Markers, on the line before a fence:
 *   <!-- sample: not run (reason) -->   the block is listed as skipped, with the reason
 *   <!-- sample: continues -->          the previous runnable block of the file runs first
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import * as lib from '../../src/index.js';
import * as testing from '../../src/testing/index.js';
import { connect, startServer } from '../helpers.js';
const SAMPLE_TIMEOUT_MS = 30_000;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODULES = {
    'zk-recipes': new URL('../../src/index.js', import.meta.url).href,
    'zk-recipes/testing': new URL('../../src/testing/index.js', import.meta.url).href,
};
const FENCE = /^( *)(`{3,}|~{3,})\s*([\w+-]*)/;
const MARKER = /^\s*<!--\s*sample:\s*(.*?)\s*-->\s*$/;
/** The ts blocks of one Markdown file; malformed markers go to `problems`. */
function parseBlocks(file, text, problems) {
    const lines = text.split('\n');
    const blocks = [];
    let previous;
    for (let i = 0; i < lines.length; i++) {
        const marker = MARKER.exec(lines[i]);
        const fence = FENCE.exec(lines[i]);
        if (marker && !/^ *(`{3,}|~{3,})\s*(ts|typescript)\s*$/.test(lines[i + 1] ?? '')) {
            problems.push(`${file}:${i + 1}: a sample marker must be on the line right before a \`\`\`ts fence`);
        }
        if (!fence)
            continue;
        const [, indent, ticks, lang] = fence;
        const code = [];
        let end = i + 1;
        for (; end < lines.length; end++) {
            const l = lines[end];
            if (l.trim().startsWith(ticks) && l.trim().replace(/[`~]/g, '') === '')
                break;
            code.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
        }
        if (lang === 'ts' || lang === 'typescript') {
            const block = { file, line: i + 1, code };
            const directive = MARKER.exec(lines[i - 1] ?? '')?.[1];
            const notRun = directive?.match(/^not run \((.+)\)$/s);
            if (notRun)
                block.skip = notRun[1];
            else if (directive === 'continues') {
                if (previous)
                    block.after = previous;
                else
                    problems.push(`${file}:${i + 1}: 'continues' but there is no runnable block before it`);
            }
            else if (directive !== undefined) {
                problems.push(`${file}:${i}: unknown sample marker '${directive}'`);
            }
            blocks.push(block);
            if (!block.skip)
                previous = block;
        }
        i = end;
    }
    return blocks;
}
function docBlocks(problems) {
    const files = [
        'README.md',
        ...readdirSync(join(ROOT, 'docs'))
            .filter((f) => f.endsWith('.md'))
            .sort()
            .map((f) => `docs/${f}`),
    ];
    return files.flatMap((f) => parseBlocks(f, readFileSync(join(ROOT, f), 'utf8'), problems));
}
// ── Turning a block into a module ──────────────────────────────────────────────────────────────────
// Stand-ins for the application's own work. They check what the sample hands them: a value the
// docs promise is set (not undefined), a lock's signal is not aborted while it runs.
const PRELUDE = `
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function check(name, args) {
  args.forEach((arg, i) => {
    const plain = arg !== null && typeof arg === 'object' && !(arg instanceof AbortSignal);
    for (const [what, v] of plain ? Object.entries(arg) : [['argument ' + (i + 1), arg]]) {
      if (v === undefined) throw new Error(name + '(): ' + what + ' is undefined');
      if (v instanceof AbortSignal && v.aborted) throw new Error(name + '(): ' + what + ' is aborted', { cause: v.reason });
    }
  });
}
const work = (name) => async (...args) => {
  check(name, args);
  await pause(20);
  return name;
};
export const doWork = work('doWork');
export const writeReport = work('writeReport');
export const exportOrders = work('exportOrders');
export const readCatalog = work('readCatalog');
export const rewriteCatalog = work('rewriteCatalog');
export const buildReport = work('buildReport');
export const slowComputation = work('slowComputation');
export const processChunk = work('processChunk');
export const chunks = ['chunk 1', 'chunk 2', 'chunk 3'];
import { format as __format, inspect as __inspect } from 'node:util';
let __claimsChecked = 0;
export function __claim(where, expected, value) {
  const actual = typeof value === 'string' ? value : __inspect(value);
  if (actual !== expected) {
    throw new Error(where + ': the comment says → ' + expected + ', but the sample gave ' + actual);
  }
  __claimsChecked++;
  return value;
}
export function __claimLog(where, expected, ...args) {
  console.log(...args);
  __claim(where, expected, __format(...args));
}
export function __claimsDone() {
  console.log('[samples] claims checked: ' + __claimsChecked);
}
`;
const PRELUDE_NAMES = new Set([...PRELUDE.matchAll(/^export const (\w+)/gm)].map((m) => m[1]).filter((n) => !n.startsWith('__')));
/** What type-checking assumes of the prelude's names (the "your work here" stand-ins) and resources. */
const PRELUDE_TYPES = `${[...PRELUDE_NAMES]
    .map((n) => n === 'chunks'
    ? 'export declare const chunks: string[];'
    : `export declare const ${n}: (...args: unknown[]) => Promise<string>;`)
    .join('\n')}
`;
const RESOURCE_TYPES = {
    client: "import type { ZkClient } from 'zk-recipes';\nexport declare const client: ZkClient;\n",
    server: "import type { ZkTestServer } from 'zk-recipes/testing';\nexport declare const server: ZkTestServer;\n",
    cluster: "import type { ZkTestCluster } from 'zk-recipes/testing';\nexport declare const cluster: ZkTestCluster;\n",
};
/** `// → text` at the end of a line: a claimed result. */
const CLAIM = /\/\/\s*→\s*(.*?)\s*$/;
/** Modules the prelude offers under a name a sample may use without declaring it; closed afterwards. */
function resources(connectString) {
    return {
        client: `import { ZkClient } from '${MODULES['zk-recipes']}';
export const client = new ZkClient('${connectString}', { sessionTimeout: 10_000 });
await client.connect();
`,
        server: `import { ZkTestServer } from '${MODULES['zk-recipes/testing']}';
export const server = await ZkTestServer.start();
`,
        cluster: `import { ZkTestCluster } from '${MODULES['zk-recipes/testing']}';
export const cluster = await ZkTestCluster.start({ size: 3 });
`,
    };
}
const RESOURCE_NAMES = Object.keys(resources(''));
/** `host:port[,host:port...][/chroot]` */
const CONNECT_STRING = /^[A-Za-z0-9.-]+:\d{1,5}(?:,[A-Za-z0-9.-]+:\d{1,5})*(\/[\w./-]*)?$/;
/** Rewrites module names and connect strings; adds the chroots it keeps to `chroots`. */
function rewriteLiterals(connectString, chroots) {
    return (context) => (sourceFile) => {
        const visit = (node) => {
            if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
                let text = MODULES[node.text];
                const cs = CONNECT_STRING.exec(node.text);
                if (text === undefined && cs) {
                    text = connectString + (cs[1] ?? '');
                    if (cs[1] && cs[1] !== '/')
                        chroots.add(cs[1]);
                }
                if (text !== undefined)
                    return ts.setTextRange(ts.factory.createStringLiteral(text, true), node);
            }
            return ts.visitEachChild(node, visit, context);
        };
        return ts.visitNode(sourceFile, visit);
    };
}
/**
 * Wraps each statement a `// → text` comment ends (see the header) in a check of its result;
 * claims on lines (0-based) it cannot attach to throw.
 */
function checkClaims(file, claims) {
    return (context) => (sourceFile) => {
        const f = ts.factory;
        const attached = new Set();
        const claimOf = (node) => {
            const line = sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line;
            const expected = claims.get(line);
            if (expected === undefined || attached.has(line))
                return undefined;
            attached.add(line);
            return [f.createStringLiteral(`${file}:${line + 1}`), f.createStringLiteral(expected)];
        };
        const visit = (node) => {
            if (ts.isExpressionStatement(node)) {
                const claim = claimOf(node);
                if (claim) {
                    const e = node.expression;
                    const isLog = ts.isCallExpression(e) &&
                        ts.isPropertyAccessExpression(e.expression) &&
                        e.expression.getText(sourceFile) === 'console.log';
                    const call = isLog
                        ? f.createCallExpression(f.createIdentifier('__claimLog'), undefined, [
                            ...claim,
                            ...e.arguments.map((a) => ts.visitNode(a, visit)),
                        ])
                        : f.createCallExpression(f.createIdentifier('__claim'), undefined, [
                            ...claim,
                            ts.visitNode(e, visit),
                        ]);
                    return f.updateExpressionStatement(node, call);
                }
            }
            if (ts.isVariableStatement(node) && node.declarationList.declarations.length === 1) {
                const d = node.declarationList.declarations[0];
                const claim = d.initializer && claimOf(node);
                if (claim) {
                    const init = f.createCallExpression(f.createIdentifier('__claim'), undefined, [
                        ...claim,
                        ts.visitNode(d.initializer, visit),
                    ]);
                    return f.updateVariableStatement(node, node.modifiers, f.updateVariableDeclarationList(node.declarationList, [
                        f.updateVariableDeclaration(d, d.name, d.exclamationToken, d.type, init),
                    ]));
                }
            }
            return ts.visitEachChild(node, visit, context);
        };
        const out = ts.visitNode(sourceFile, visit);
        const stray = [...claims.keys()].filter((l) => !attached.has(l));
        if (stray.length) {
            throw new Error(`${file}:${stray.map((l) => l + 1).join(', ')}: a '// →' claim must end an expression statement ` +
                'or the declaration of one variable');
        }
        return out;
    };
}
function names(sourceFile) {
    const result = { hasImports: false, used: new Set(), declared: new Set(), topLevel: new Set() };
    const declare = (name, topLevel) => {
        if (!name)
            return;
        if (ts.isIdentifier(name)) {
            result.declared.add(name.text);
            if (topLevel)
                result.topLevel.add(name.text);
        }
        else
            for (const e of name.elements)
                if (!ts.isOmittedExpression(e))
                    declare(e.name, topLevel);
    };
    for (const s of sourceFile.statements) {
        if (ts.isImportDeclaration(s))
            result.hasImports = true;
        if (ts.isVariableStatement(s))
            for (const d of s.declarationList.declarations)
                declare(d.name, true);
        if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name)
            declare(s.name, true);
    }
    const walk = (node) => {
        if (ts.isVariableDeclaration(node) ||
            ts.isParameter(node) ||
            ts.isFunctionDeclaration(node) ||
            ts.isClassDeclaration(node) ||
            ts.isImportClause(node) ||
            ts.isNamespaceImport(node) ||
            ts.isImportSpecifier(node)) {
            declare(node.name, ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportSpecifier(node));
        }
        if (ts.isIdentifier(node)) {
            const p = node.parent;
            const isMemberName = (ts.isPropertyAccessExpression(p) ||
                ts.isPropertyAssignment(p) ||
                ts.isPropertyDeclaration(p) ||
                ts.isMethodDeclaration(p) ||
                ts.isAccessor(p)) &&
                p.name === node;
            if (!isMemberName)
                result.used.add(node.text);
        }
        ts.forEachChild(node, walk);
    };
    walk(sourceFile);
    return result;
}
/**
 * The module for `block`: its code (and the blocks it continues) at their lines in the doc, so that
 * line numbers match; then the epilogue and the prelude's imports (imports are hoisted).
 */
function buildModule(block, connectString, dir) {
    const chain = [];
    for (let b = block; b; b = b.after)
        chain.unshift(b);
    const lines = new Array(block.line + block.code.length).fill('');
    for (const b of chain)
        lines.splice(b.line, b.code.length, ...b.code);
    const source = lines.join('\n');
    const docPath = join(ROOT, block.file);
    const n = names(ts.createSourceFile(`${docPath}.ts`, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS));
    const missing = (name) => n.used.has(name) && !n.declared.has(name);
    const imports = [];
    const prelude = [...PRELUDE_NAMES].filter(missing);
    if (prelude.length)
        imports.push(`import { ${prelude.join(', ')} } from './prelude.mjs';`);
    const provided = RESOURCE_NAMES.filter(missing);
    for (const r of provided)
        imports.push(`import { ${r} } from './${r}.mjs';`);
    if (!n.hasImports) {
        // A fragment: the library's names are in scope, as in the blocks around it.
        for (const [spec, exports] of [
            ['zk-recipes', lib],
            ['zk-recipes/testing', testing],
        ]) {
            const wanted = Object.keys(exports).filter(missing);
            if (wanted.length)
                imports.push(`import { ${wanted.join(', ')} } from '${spec}';`);
            for (const w of wanted)
                n.declared.add(w); // not imported twice
        }
    }
    const claims = new Map();
    source.split('\n').forEach((l, i) => {
        const c = CLAIM.exec(l);
        if (c)
            claims.set(i, c[1]);
    });
    // The file tsc checks: the sample with the names it is given, typed (see PRELUDE_TYPES).
    const typeFile = join(dir, 'types', `${block.file.replace(/\W/g, '_')}_${block.line}.mts`);
    writeFileSync(typeFile, `${source}\n;\n${imports.join('\n')}\nexport {};\n`);
    const epilogue = [];
    if (claims.size) {
        imports.push("import { __claim, __claimLog, __claimsDone } from './prelude.mjs';");
        epilogue.push('__claimsDone();');
    }
    if (n.topLevel.has('client') || provided.includes('client'))
        epilogue.push('await client?.close();');
    for (const r of provided)
        if (r !== 'client')
            epilogue.push(`await ${r}.close();`);
    // Only reported if something then keeps the process alive past the timeout.
    epilogue.push("setTimeout(() => console.error('[samples] the sample ended 5 s ago; still open: ' +", "  process.getActiveResourcesInfo().join(', ')), 5000).unref();");
    const chroots = new Set();
    const out = ts.transpileModule(`${source}\n;\n${epilogue.join('\n')}\n${imports.join('\n')}\n`, {
        fileName: `${docPath}.ts`,
        compilerOptions: {
            module: ts.ModuleKind.ESNext,
            target: ts.ScriptTarget.ES2022,
            // Keeps imports as written, so a name a doc imports must exist (types need `import type`).
            verbatimModuleSyntax: true,
            sourceMap: true,
            inlineSources: true,
        },
        transformers: { before: [checkClaims(block.file, claims), rewriteLiterals(connectString, chroots)] },
        reportDiagnostics: true,
    });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length) {
        throw new Error(`${block.file}:${block.line}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    }
    // Stack traces then point into the doc itself (node --enable-source-maps).
    const map = JSON.parse(out.sourceMapText);
    map.sources = [pathToFileURL(docPath).href];
    delete map.sourceRoot;
    const inline = Buffer.from(JSON.stringify(map)).toString('base64');
    const file = join(dir, `${block.file.replace(/\W/g, '_')}_${block.line}.mjs`);
    writeFileSync(file, out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=data:application/json;base64,${inline}`));
    return { file, chroots, claims: claims.size, typeFile };
}
const children = new Set();
function run(file, dir) {
    const env = { ...process.env };
    // The sample is a plain program, not a test file of ours; and it uses the server it is given.
    delete env['NODE_TEST_CONTEXT'];
    delete env['NODE_OPTIONS'];
    delete env['ZK_CONNECT'];
    const started = Date.now();
    const child = spawn(process.execPath, ['--enable-source-maps', file], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Own process group, so that a timeout kills whatever the sample started.
        detached: true,
    });
    children.add(child);
    let output = '';
    const collect = (d) => {
        output += d;
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        kill(child);
    }, SAMPLE_TIMEOUT_MS);
    return new Promise((resolve) => {
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            children.delete(child);
            resolve({ code, signal, output, timedOut, ms: Date.now() - started });
        });
    });
}
function kill(child) {
    try {
        process.kill(-child.pid, 'SIGKILL');
    }
    catch {
        // Already gone.
    }
}
function tail(text, lines = 60) {
    const all = text.trimEnd().split('\n');
    return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}
// ── Type-checking ──────────────────────────────────────────────────────────────────────────────────
/**
 * Type-checks the sample files in one program, strict, with
 * 'zk-recipes' resolved to this checkout's sources. Errors by sample file, as `doc:line:col message`
 * (a sample file's lines are its doc's); errors outside any sample file (the options) under ''.
 */
function typeCheck(files, docOf) {
    const program = ts.createProgram(files, {
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        verbatimModuleSyntax: true,
        // A user's strict project; not noUncheckedIndexedAccess, which samples would pay for in `!`s.
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
        paths: {
            'zk-recipes': [join(ROOT, 'src', 'index.ts')],
            'zk-recipes/testing': [join(ROOT, 'src', 'testing', 'index.ts')],
        },
    });
    const errors = new Map();
    const add = (key, text) => errors.set(key, [...(errors.get(key) ?? []), text]);
    for (const d of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) {
        add('', ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    }
    for (const f of files) {
        const sf = program.getSourceFile(f);
        if (!sf) {
            add(f, 'not compiled');
            continue;
        }
        for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
            const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
            add(f, `${docOf.get(f)}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
        }
    }
    return errors;
}
// ── The tests ──────────────────────────────────────────────────────────────────────────────────────
const problems = [];
const blocks = docBlocks(problems);
let connectString;
let admin;
let dir;
const built = new Map();
let typeErrors = new Map();
before(async () => {
    const server = await startServer();
    connectString = server.connectString;
    admin = await connect(connectString);
    dir = mkdtempSync(join(tmpdir(), 'zk-samples-'));
    writeFileSync(join(dir, 'prelude.mjs'), PRELUDE);
    for (const [name, code] of Object.entries(resources(connectString))) {
        writeFileSync(join(dir, `${name}.mjs`), code);
    }
    mkdirSync(join(dir, 'types'));
    writeFileSync(join(dir, 'types', 'prelude.d.mts'), PRELUDE_TYPES);
    for (const [name, code] of Object.entries(RESOURCE_TYPES)) {
        writeFileSync(join(dir, 'types', `${name}.d.mts`), code);
    }
    const docOf = new Map();
    for (const block of blocks.filter((b) => !b.skip)) {
        try {
            const m = buildModule(block, connectString, dir);
            built.set(block, m);
            docOf.set(m.typeFile, block.file);
        }
        catch (e) {
            built.set(block, e);
        }
    }
    typeErrors = typeCheck([...docOf.keys()], docOf);
});
after(() => {
    for (const child of children)
        kill(child);
    if (dir)
        rmSync(dir, { recursive: true, force: true });
});
test('the docs have ts samples, and their sample markers are well-formed', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(typeErrors.get('') ?? [], [], 'the type-check of the samples is set up right');
    assert.ok(blocks.length > 10, `only ${blocks.length} ts blocks found under ${ROOT}`);
});
for (const block of blocks) {
    const name = `${block.file}:${block.line}`;
    if (block.skip) {
        test(name, { skip: block.skip }, () => { });
        continue;
    }
    test(name, async () => {
        const m = built.get(block);
        if (!m || m instanceof Error)
            throw m ?? new Error('not built');
        const { file, chroots, claims, typeFile } = m;
        assert.deepEqual(typeErrors.get(typeFile) ?? [], [], `sample at ${name} does not type-check`);
        // As an operator would: ZooKeeper does not create a connect string's chroot.
        for (const chroot of chroots)
            await admin.mkdirp(chroot);
        const r = await run(file, dir);
        const where = `sample at ${name}`;
        if (r.timedOut) {
            assert.fail(`${where} did not exit within ${SAMPLE_TIMEOUT_MS / 1000} s: it hangs, or leaves something open ` +
                `(a client, a server, a timer)\n${tail(r.output)}`);
        }
        if (r.code !== 0) {
            assert.fail(`${where} exited with ${r.code ?? r.signal} after ${r.ms} ms\n${tail(r.output)}`);
        }
        if (claims > 0) {
            const checked = /^\[samples\] claims checked: (\d+)$/m.exec(r.output)?.[1];
            assert.equal(Number(checked), claims, `${where}: every '// →' claim ran and held\n${tail(r.output)}`);
        }
    });
}
//# sourceMappingURL=samples.test.js.map