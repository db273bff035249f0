/**
 * Turning rows into what people read: the console table, bench/results/latest.json and the
 * generated part of docs/performance.md (the hand-written reading around it is kept).
 */
import { existsSync, readFileSync } from 'node:fs';
import { IMPL_NAMES } from '../peers/launch.js';
import { ratio } from './types.js';
export function formatValue(v, unit) {
    if (v === undefined || !Number.isFinite(v))
        return '—';
    switch (unit) {
        case '/s':
            return Math.round(v).toLocaleString('en-US');
        case '%':
            return `${v.toFixed(1)} %`;
        case 'B':
            return `${Math.round(v).toLocaleString('en-US')} B`;
        default: {
            const n = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(Number.isInteger(v) ? 0 : 2);
            return unit ? `${n} ${unit}` : n;
        }
    }
}
function formatRatio(row, theirs) {
    const r = ratio(row, theirs);
    return r === undefined ? '' : r.toFixed(2);
}
function target(row) {
    if (row.target !== undefined)
        return row.unit === '%' ? `≥ ${row.target} %` : `= ${row.target}`;
    return '';
}
/**
 * A figure's columns: ours (the built-in wire), then ours on node-zookeeper-client when the
 * figure ran it (with ours/nzc: below 1 where the built-in wire does better on a ↓ row), then
 * the references, each with ours/theirs.
 */
function columns(figureRows) {
    const value = (impl) => (row) => formatValue(row.values[impl], row.unit);
    const versus = (impl) => (row) => formatRatio(row, impl);
    const nzc = figureRows.some((r) => r.values.nzc !== undefined)
        ? [
            { short: 'on nzc', long: 'zk-recipes on node-zookeeper-client', cell: value('nzc') },
            { short: 'ours/nzc', long: 'ours/nzc', cell: versus('nzc') },
        ]
        : [];
    return [
        { short: 'zk-recipes', long: 'zk-recipes', cell: value('ours') },
        ...nzc,
        { short: 'Curator', long: 'Curator', cell: value('curator') },
        { short: 'ours/Cur', long: 'ours/Curator', cell: versus('curator') },
        { short: 'Kazoo', long: 'Kazoo', cell: value('kazoo') },
        { short: 'ours/Kaz', long: 'ours/Kazoo', cell: versus('kazoo') },
        { short: 'target', long: 'target', cell: target },
    ];
}
/** The rows of each figure, in order of first appearance. */
function byFigure(rows) {
    const groups = new Map();
    for (const row of rows)
        groups.set(row.figure, [...(groups.get(row.figure) ?? []), row]);
    return [...groups];
}
/** A fixed-width table, figure by figure, for the terminal. */
export function consoleTable(rows) {
    const out = [];
    for (const [figure, figureRows] of byFigure(rows)) {
        const cols = columns(figureRows);
        const header = ['', ...cols.map((c) => c.short)];
        const lines = figureRows.map((row) => [
            `${row.label}${row.note?.startsWith('OVERLAP') ? ' (!)' : ''}`,
            ...cols.map((c) => c.cell(row)),
        ]);
        const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => l[i].length)));
        const fmt = (l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
        out.push(`■ ${figure}`, fmt(header), ...lines.map(fmt), '');
    }
    return out.join('\n');
}
/** Targets the run is read against (reported, not asserted). */
export function targets(rows) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out = [];
    const faster = (id, what) => {
        const row = byId.get(id);
        if (!row)
            return;
        for (const theirs of ['curator', 'kazoo']) {
            const r = ratio(row, theirs);
            if (r === undefined)
                continue;
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
    // Issue 17's: client CPU per handoff at K = 10 no more than warm Curator's; many locks at the
    // highest concurrency (directories present) at least 1.5× Curator's locks/s.
    const cpu = byId.get('handoff.k10.peers-cpu');
    const cpuRatio = cpu && ratio(cpu, 'curator');
    if (cpuRatio !== undefined) {
        out.push({
            ok: cpuRatio <= 1,
            text: `handoff ${cpu.label}: ours/Curator = ${cpuRatio.toFixed(2)} (target ≤ 1.0)`,
        });
    }
    const many = rows
        .filter((r) => /^many\.existing\.c\d+\.ops$/.test(r.id))
        .sort((a, b) => Number(/c(\d+)/.exec(b.id)[1]) - Number(/c(\d+)/.exec(a.id)[1]))[0];
    const manyRatio = many && ratio(many, 'curator');
    if (manyRatio !== undefined) {
        out.push({
            ok: manyRatio >= 1.5,
            text: `many locks ${many.label}: ours/Curator = ${manyRatio.toFixed(2)} (target ≥ 1.5)`,
        });
    }
    for (const row of rows.filter((r) => r.id.endsWith('of-ceiling') && r.target !== undefined)) {
        const v = row.values.ours;
        out.push({
            ok: v === undefined ? undefined : v >= row.target,
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
function mdTable(rows) {
    const out = [];
    for (const [figure, figureRows] of byFigure(rows)) {
        const cols = columns(figureRows);
        out.push('', `### ${figure}`, '', `| | ${cols.map((c) => c.long).join(' | ')} |`, `| --- |${' ---: |'.repeat(cols.length)}`);
        for (const row of figureRows) {
            const arrow = row.better === 'higher' ? ' ↑' : row.better === 'lower' ? ' ↓' : '';
            const note = row.note ? ` <sup title="${row.note.replace(/"/g, "'")}">*</sup>` : '';
            out.push(`| ${row.label}${arrow}${note} | ${cols.map((c) => c.cell(row)).join(' | ')} |`);
        }
    }
    return out;
}
/** The generated part of docs/performance.md. */
export function generatedSection(result) {
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
        `| zk-recipes | ${m.zkRecipes} on Node.js ${m.node}: its built-in wire, and node-zookeeper-client ${m.nodeZookeeperClient ?? '?'} (the "on node-zookeeper-client" columns) |`,
        `| Curator | ${m.curator ?? 'not installed'} on ${m.java ?? 'no Java'} |`,
        `| Kazoo | ${m.kazoo ?? 'not installed'} on ${m.python ?? 'no Python'} |`,
        '',
    ];
    const missing = Object.entries(result.missing);
    if (missing.length > 0) {
        lines.push('Not measured in this run:', '', ...missing.map(([k, v]) => `- ${k}: ${v}`), '');
    }
    if (result.failures.length > 0) {
        lines.push('Figures that failed in this run:', '', ...result.failures.map((f) => `- ${f.figure}: ${f.error}`), '');
    }
    lines.push('## Targets', '');
    for (const t of targets(result.rows))
        lines.push(`- ${t.ok === undefined ? '—' : t.ok ? '✅' : '❌'} ${t.text}`);
    lines.push('', '## Figures', '', 'Medians over rounds; ↓ lower is better, ↑ higher is better; ratios are zk-recipes (built-in wire) / the other.', '<sup>*</sup> hover for a note.', ...mdTable(result.rows), '');
    return lines.join('\n');
}
export const BEGIN = '<!-- bench:begin (generated by `npm run bench`; edits here are overwritten) -->';
export const END = '<!-- bench:end -->';
/** docs/performance.md with the generated part replaced; the rest of an existing file is kept. */
export function performanceDoc(path, generated, skeleton) {
    const block = `${BEGIN}\n${generated}\n${END}`;
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (existing?.includes(BEGIN) && existing.includes(END)) {
        const start = existing.indexOf(BEGIN);
        const end = existing.indexOf(END) + END.length;
        return existing.slice(0, start) + block + existing.slice(end);
    }
    return skeleton.replace('{{generated}}', block);
}
//# sourceMappingURL=report.js.map