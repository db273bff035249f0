/**
 * Turning rows into what people read: the console table, bench/results/latest.json and the
 * generated part of docs/performance.md (the hand-written reading around it is kept).
 */
import { existsSync, readFileSync } from 'node:fs';
import { IMPL_NAMES, type Impl } from '../peers/launch.js';
import type { BenchConfig } from './context.js';
import type { Machine } from './machine.js';
import { type Row, ratio } from './types.js';

export interface BenchResult {
  mode: 'quick' | 'full';
  date: string;
  durationSeconds: number;
  command: string;
  zookeeper: string;
  machine: Machine;
  config: BenchConfig;
  /** Implementations that could not run, and why. */
  missing: Partial<Record<Impl, string>>;
  /** Figures that failed, with the error. */
  failures: { figure: string; error: string }[];
  rows: Row[];
}

export function formatValue(v: number | undefined, unit: string): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case '/s':
      return Math.round(v).toLocaleString('en-US');
    case '%':
      return `${v.toFixed(1)} %`;
    case 'B':
      return `${Math.round(v).toLocaleString('en-US')} B`;
    default: {
      const n =
        Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(Number.isInteger(v) ? 0 : 2);
      return unit ? `${n} ${unit}` : n;
    }
  }
}

function formatRatio(row: Row, theirs: Impl): string {
  const r = ratio(row, theirs);
  return r === undefined ? '' : r.toFixed(2);
}

function target(row: Row): string {
  if (row.target !== undefined) return row.unit === '%' ? `≥ ${row.target} %` : `= ${row.target}`;
  return '';
}

/** A fixed-width table, figure by figure, for the terminal. */
export function consoleTable(rows: readonly Row[]): string {
  const header = ['', 'zk-recipes', 'Curator', 'ours/Cur', 'Kazoo', 'ours/Kaz', 'target'];
  const lines: string[][] = [];
  const out: string[] = [];
  let figure = '';
  const flush = () => {
    if (lines.length === 0) return;
    const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => l[i]!.length)));
    const fmt = (l: string[]) =>
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    out.push(fmt(header), ...lines.map(fmt), '');
    lines.length = 0;
  };
  for (const row of rows) {
    if (row.figure !== figure) {
      flush();
      figure = row.figure;
      out.push(`■ ${figure}`);
    }
    lines.push([
      `${row.label}${row.note?.startsWith('OVERLAP') ? ' (!)' : ''}`,
      formatValue(row.values.ours, row.unit),
      formatValue(row.values.curator, row.unit),
      formatRatio(row, 'curator'),
      formatValue(row.values.kazoo, row.unit),
      formatRatio(row, 'kazoo'),
      target(row),
    ]);
  }
  flush();
  return out.join('\n');
}

/** Targets the run is read against (reported, not asserted). */
export function targets(rows: readonly Row[]): { ok: boolean | undefined; text: string }[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: { ok: boolean | undefined; text: string }[] = [];
  const faster = (id: string, what: string) => {
    const row = byId.get(id);
    if (!row) return;
    for (const theirs of ['curator', 'kazoo'] as const) {
      const r = ratio(row, theirs);
      if (r === undefined) continue;
      out.push({
        ok: r < 1,
        text: `${what}: ours/${IMPL_NAMES[theirs]} = ${r.toFixed(2)} (target < 1.0)`,
      });
    }
  };
  for (const kind of ['mutex', 'read', 'write'])
    faster(`uncontended.${kind}.p50`, `uncontended ${kind} cycle p50`);
  faster('uncontended.mutex-keep.p50', 'uncontended mutex cycle p50 with cleanupParent: false');
  for (const row of rows.filter((r) => /^handoff\.k\d+\.(busy-)?p50$/.test(r.id)))
    faster(row.id, `handoff ${row.label}`);
  for (const row of rows.filter((r) => r.id.endsWith('of-ceiling') && r.target !== undefined)) {
    const v = row.values.ours;
    out.push({
      ok: v === undefined ? undefined : v >= row.target!,
      text: `many locks ${row.label}: ${formatValue(v, '%')} (target ≥ ${row.target} %)`,
    });
  }
  const woken = byId.get('herd.woken.max');
  if (woken) {
    out.push({
      ok: woken.values.ours === undefined ? undefined : woken.values.ours === 1,
      text: `waiters woken per release (max over the series): ${formatValue(woken.values.ours, '')} (target exactly 1)`,
    });
  }
  const requests = byId.get('reentrant.requests');
  if (requests) {
    out.push({
      // Only a counter that sees a first acquire's requests makes this 0 mean something.
      ok: requests.values.ours === 0 && (byId.get('reentrant.first-requests')?.values.ours ?? 0) > 0,
      text: `reentrant acquire: ${formatValue(requests.values.ours, '')} requests sent (target 0: no round trip; a first acquire+release counted ${formatValue(byId.get('reentrant.first-requests')?.values.ours, '')})`,
    });
  }
  return out;
}

function mdTable(rows: readonly Row[]): string[] {
  const out: string[] = [];
  let figure = '';
  for (const row of rows) {
    if (row.figure !== figure) {
      figure = row.figure;
      out.push(
        '',
        `### ${figure}`,
        '',
        '| | zk-recipes | Curator | ours/Curator | Kazoo | ours/Kazoo | target |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      );
    }
    const arrow = row.better === 'higher' ? ' ↑' : row.better === 'lower' ? ' ↓' : '';
    out.push(
      `| ${row.label}${arrow}${row.note ? ` <sup title="${row.note.replace(/"/g, "'")}">*</sup>` : ''} | ${formatValue(row.values.ours, row.unit)} | ${formatValue(row.values.curator, row.unit)} | ${formatRatio(row, 'curator')} | ${formatValue(row.values.kazoo, row.unit)} | ${formatRatio(row, 'kazoo')} | ${target(row)} |`,
    );
  }
  return out;
}

/** The generated part of docs/performance.md. */
export function generatedSection(result: BenchResult): string {
  const m = result.machine;
  const lines = [
    `Last full run: ${result.date} (${Math.round(result.durationSeconds)} s), \`${result.command}\`, zk-recipes ${m.zkRecipes}${m.commit ? ` at ${m.commit}` : ''}.`,
    '',
    '![ours/Curator and ours/Kazoo per figure](../bench/results/latest.svg)',
    '',
    '## Machine and versions',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| ZooKeeper server | ${m.zookeeperServer ?? '?'} — ${result.zookeeper} |`,
    `| zk-recipes | ${m.zkRecipes} on Node.js ${m.node}, node-zookeeper-client ${m.nodeZookeeperClient ?? '?'} |`,
    `| Curator | ${m.curator ?? 'not installed'} on ${m.java ?? 'no Java'} |`,
    `| Kazoo | ${m.kazoo ?? 'not installed'} on ${m.python ?? 'no Python'} |`,
    '',
  ];
  const missing = Object.entries(result.missing);
  if (missing.length > 0) {
    lines.push('Not measured in this run:', '', ...missing.map(([k, v]) => `- ${k}: ${v}`), '');
  }
  if (result.failures.length > 0) {
    lines.push(
      'Figures that failed in this run:',
      '',
      ...result.failures.map((f) => `- ${f.figure}: ${f.error}`),
      '',
    );
  }
  lines.push('## Targets', '');
  for (const t of targets(result.rows))
    lines.push(`- ${t.ok === undefined ? '—' : t.ok ? '✅' : '❌'} ${t.text}`);
  lines.push(
    '',
    '## Figures',
    '',
    'Medians over rounds; ↓ lower is better, ↑ higher is better; ratios are zk-recipes / reference.',
    '<sup>*</sup> hover for a note.',
    ...mdTable(result.rows),
    '',
  );
  return lines.join('\n');
}

export const BEGIN = '<!-- bench:begin (generated by `npm run bench`; edits here are overwritten) -->';
export const END = '<!-- bench:end -->';

/** docs/performance.md with the generated part replaced; the rest of an existing file is kept. */
export function performanceDoc(path: string, generated: string, skeleton: string): string {
  const block = `${BEGIN}\n${generated}\n${END}`;
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (existing?.includes(BEGIN) && existing.includes(END)) {
    const start = existing.indexOf(BEGIN);
    const end = existing.indexOf(END) + END.length;
    return existing.slice(0, start) + block + existing.slice(end);
  }
  return skeleton.replace('{{generated}}', block);
}
