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
 * Markers, on the line before a fence:
 *   <!-- sample: not run (reason) -->   the block is listed as skipped, with the reason
 *   <!-- sample: continues -->          the previous runnable block of the file runs first
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const MODULES: Record<string, string> = {
  'zk-recipes': new URL('../../src/index.js', import.meta.url).href,
  'zk-recipes/testing': new URL('../../src/testing/index.js', import.meta.url).href,
};

interface Block {
  /** Relative to the repository, e.g. 'docs/locks.md'. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string[];
  skip?: string;
  /** The block it continues (marker `continues`). */
  after?: Block;
}

const FENCE = /^( *)(`{3,}|~{3,})\s*([\w+-]*)/;
const MARKER = /^\s*<!--\s*sample:\s*(.*?)\s*-->\s*$/;

/** The ts blocks of one Markdown file; malformed markers go to `problems`. */
function parseBlocks(file: string, text: string, problems: string[]): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let previous: Block | undefined;
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]!);
    const fence = FENCE.exec(lines[i]!);
    if (marker && !/^ *(`{3,}|~{3,})\s*(ts|typescript)\s*$/.test(lines[i + 1] ?? '')) {
      problems.push(`${file}:${i + 1}: a sample marker must be on the line right before a \`\`\`ts fence`);
    }
    if (!fence) continue;
    const [, indent, ticks, lang] = fence;
    const code: string[] = [];
    let end = i + 1;
    for (; end < lines.length; end++) {
      const l = lines[end]!;
      if (l.trim().startsWith(ticks!) && l.trim().replace(/[`~]/g, '') === '') break;
      code.push(l.startsWith(indent!) ? l.slice(indent!.length) : l.trimStart());
    }
    if (lang === 'ts' || lang === 'typescript') {
      const block: Block = { file, line: i + 1, code };
      const directive = MARKER.exec(lines[i - 1] ?? '')?.[1];
      const notRun = directive?.match(/^not run \((.+)\)$/s);
      if (notRun) block.skip = notRun[1]!;
      else if (directive === 'continues') {
        if (previous) block.after = previous;
        else problems.push(`${file}:${i + 1}: 'continues' but there is no runnable block before it`);
      } else if (directive !== undefined) {
        problems.push(`${file}:${i}: unknown sample marker '${directive}'`);
      }
      blocks.push(block);
      if (!block.skip) previous = block;
    }
    i = end;
  }
  return blocks;
}

function docBlocks(problems: string[]): Block[] {
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
`;
const PRELUDE_NAMES = new Set([...PRELUDE.matchAll(/^export const (\w+)/gm)].map((m) => m[1]!));

/** Modules the prelude offers under a name a sample may use without declaring it; closed afterwards. */
function resources(connectString: string): Record<string, string> {
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
function rewriteLiterals(connectString: string, chroots: Set<string>): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sourceFile) => {
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        let text = MODULES[node.text];
        const cs = CONNECT_STRING.exec(node.text);
        if (text === undefined && cs) {
          text = connectString + (cs[1] ?? '');
          if (cs[1] && cs[1] !== '/') chroots.add(cs[1]);
        }
        if (text !== undefined) return ts.setTextRange(ts.factory.createStringLiteral(text, true), node);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(sourceFile, visit) as ts.SourceFile;
  };
}

interface Names {
  hasImports: boolean;
  used: Set<string>;
  declared: Set<string>;
  topLevel: Set<string>;
}

function names(sourceFile: ts.SourceFile): Names {
  const result: Names = { hasImports: false, used: new Set(), declared: new Set(), topLevel: new Set() };
  const declare = (name: ts.BindingName | undefined, topLevel: boolean) => {
    if (!name) return;
    if (ts.isIdentifier(name)) {
      result.declared.add(name.text);
      if (topLevel) result.topLevel.add(name.text);
    } else for (const e of name.elements) if (!ts.isOmittedExpression(e)) declare(e.name, topLevel);
  };
  for (const s of sourceFile.statements) {
    if (ts.isImportDeclaration(s)) result.hasImports = true;
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) declare(d.name, true);
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) declare(s.name, true);
  }
  const walk = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) ||
      ts.isParameter(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isImportClause(node) ||
      ts.isNamespaceImport(node) ||
      ts.isImportSpecifier(node)
    ) {
      declare(node.name, ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportSpecifier(node));
    }
    if (ts.isIdentifier(node)) {
      const p = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(p) ||
          ts.isPropertyAssignment(p) ||
          ts.isPropertyDeclaration(p) ||
          ts.isMethodDeclaration(p) ||
          ts.isAccessor(p)) &&
        p.name === node;
      if (!isMemberName) result.used.add(node.text);
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
function buildModule(
  block: Block,
  connectString: string,
  dir: string,
): { file: string; chroots: Set<string> } {
  const chain: Block[] = [];
  for (let b: Block | undefined = block; b; b = b.after) chain.unshift(b);
  const lines: string[] = new Array(block.line + block.code.length).fill('');
  for (const b of chain) lines.splice(b.line, b.code.length, ...b.code);
  const source = lines.join('\n');
  const docPath = join(ROOT, block.file);
  const n = names(
    ts.createSourceFile(`${docPath}.ts`, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS),
  );
  const missing = (name: string) => n.used.has(name) && !n.declared.has(name);

  const imports: string[] = [];
  const prelude = [...PRELUDE_NAMES].filter(missing);
  if (prelude.length) imports.push(`import { ${prelude.join(', ')} } from './prelude.mjs';`);
  const provided = RESOURCE_NAMES.filter(missing);
  for (const r of provided) imports.push(`import { ${r} } from './${r}.mjs';`);
  if (!n.hasImports) {
    // A fragment: the library's names are in scope, as in the blocks around it.
    for (const [spec, exports] of [
      ['zk-recipes', lib],
      ['zk-recipes/testing', testing],
    ] as const) {
      const wanted = Object.keys(exports).filter(missing);
      if (wanted.length) imports.push(`import { ${wanted.join(', ')} } from '${spec}';`);
      for (const w of wanted) n.declared.add(w); // not imported twice
    }
  }

  const epilogue: string[] = [];
  if (n.topLevel.has('client') || provided.includes('client')) epilogue.push('await client?.close();');
  for (const r of provided) if (r !== 'client') epilogue.push(`await ${r}.close();`);
  // Only reported if something then keeps the process alive past the timeout.
  epilogue.push(
    "setTimeout(() => console.error('[samples] the sample ended 5 s ago; still open: ' +",
    "  process.getActiveResourcesInfo().join(', ')), 5000).unref();",
  );

  const chroots = new Set<string>();
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
    transformers: { before: [rewriteLiterals(connectString, chroots)] },
    reportDiagnostics: true,
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    throw new Error(
      `${block.file}:${block.line}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`,
    );
  }
  // Stack traces then point into the doc itself (node --enable-source-maps).
  const map = JSON.parse(out.sourceMapText!);
  map.sources = [pathToFileURL(docPath).href];
  delete map.sourceRoot;
  const inline = Buffer.from(JSON.stringify(map)).toString('base64');
  const file = join(dir, `${block.file.replace(/\W/g, '_')}_${block.line}.mjs`);
  writeFileSync(
    file,
    out.outputText.replace(
      /\/\/# sourceMappingURL=.*$/m,
      `//# sourceMappingURL=data:application/json;base64,${inline}`,
    ),
  );
  return { file, chroots };
}

// ── Running it ─────────────────────────────────────────────────────────────────────────────────────

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  ms: number;
}

const children = new Set<ChildProcess>();

function run(file: string, dir: string): Promise<Outcome> {
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
  const collect = (d: string) => {
    output += d;
  };
  child.stdout!.setEncoding('utf8').on('data', collect);
  child.stderr!.setEncoding('utf8').on('data', collect);
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

function kill(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function tail(text: string, lines = 60): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}

// ── The tests ──────────────────────────────────────────────────────────────────────────────────────

const problems: string[] = [];
const blocks = docBlocks(problems);

let connectString: string;
let admin: lib.ZkClient;
let dir: string;
before(async () => {
  const server = await startServer();
  connectString = server.connectString;
  admin = await connect(connectString);
  dir = mkdtempSync(join(tmpdir(), 'zk-samples-'));
  writeFileSync(join(dir, 'prelude.mjs'), PRELUDE);
  for (const [name, code] of Object.entries(resources(connectString))) {
    writeFileSync(join(dir, `${name}.mjs`), code);
  }
});
after(() => {
  for (const child of children) kill(child);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the docs have ts samples, and their sample markers are well-formed', () => {
  assert.deepEqual(problems, []);
  assert.ok(blocks.length > 10, `only ${blocks.length} ts blocks found under ${ROOT}`);
});

for (const block of blocks) {
  const name = `${block.file}:${block.line}`;
  if (block.skip) {
    test(name, { skip: block.skip }, () => {});
    continue;
  }
  test(name, async () => {
    const { file, chroots } = buildModule(block, connectString, dir);
    // As an operator would: ZooKeeper does not create a connect string's chroot.
    for (const chroot of chroots) await admin.mkdirp(chroot);
    const r = await run(file, dir);
    const where = `sample at ${name}`;
    if (r.timedOut) {
      assert.fail(
        `${where} did not exit within ${SAMPLE_TIMEOUT_MS / 1000} s: it hangs, or leaves something open ` +
          `(a client, a server, a timer)\n${tail(r.output)}`,
      );
    }
    if (r.code !== 0) {
      assert.fail(`${where} exited with ${r.code ?? r.signal} after ${r.ms} ms\n${tail(r.output)}`);
    }
  });
}
