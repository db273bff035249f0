import { favourable, ratio } from './types.js';
const WIDTH = 960;
const LABEL_W = 390;
const PLOT_X0 = LABEL_W + 10;
const PLOT_X1 = WIDTH - 70;
const ROW_H = 26;
const HEADER_H = 24;
const LIMIT = 16; // the axis spans 1/16 .. 16; beyond is clipped with an arrow
const COLORS = {
    curator: { good: '#2e7d32', bad: '#c62828' },
    kazoo: { good: '#81c784', bad: '#ef9a9a' },
};
function esc(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function x(r) {
    const clipped = Math.min(LIMIT, Math.max(1 / LIMIT, r));
    const t = (Math.log2(clipped) + Math.log2(LIMIT)) / (2 * Math.log2(LIMIT));
    return PLOT_X0 + t * (PLOT_X1 - PLOT_X0);
}
function fmtRatio(r) {
    return r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(2);
}
/** Rows that have a ratio to show. */
export function chartRows(rows) {
    return rows.filter((r) => r.better !== 'exact' && (ratio(r, 'curator') !== undefined || ratio(r, 'kazoo') !== undefined));
}
export function renderChart(rows, title, subtitle) {
    const shown = chartRows(rows);
    const out = [];
    let y = 86;
    const body = [];
    let figure = '';
    for (const row of shown) {
        if (row.figure !== figure) {
            figure = row.figure;
            y += 8;
            body.push(`<text x="10" y="${y + 16}" class="fig">${esc(figure)}</text>`);
            y += HEADER_H;
        }
        const arrow = row.better === 'higher' ? '↑' : '↓';
        body.push(`<text x="${LABEL_W}" y="${y + 17}" class="lbl" text-anchor="end">${esc(row.label)} ${arrow}</text>`);
        const bars = [];
        for (const impl of ['curator', 'kazoo']) {
            const r = ratio(row, impl);
            if (r !== undefined && r > 0)
                bars.push([impl, r]);
        }
        bars.forEach(([impl, r], i) => {
            const by = y + 3 + i * 10;
            const x1 = x(1);
            const xr = x(r);
            const color = COLORS[impl][favourable(row, r) ? 'good' : 'bad'];
            const left = Math.min(x1, xr);
            const w = Math.max(1, Math.abs(xr - x1));
            body.push(`<rect x="${left.toFixed(1)}" y="${by}" width="${w.toFixed(1)}" height="9" fill="${color}"><title>ours/${impl} ${fmtRatio(r)}</title></rect>`);
            const clipped = r > LIMIT || r < 1 / LIMIT ? (r > 1 ? ' ▶' : ' ◀') : '';
            const tx = r >= 1 ? xr + 4 : xr - 4;
            body.push(`<text x="${tx.toFixed(1)}" y="${by + 8}" class="val" text-anchor="${r >= 1 ? 'start' : 'end'}">${impl === 'curator' ? 'C' : 'K'} ${fmtRatio(r)}${clipped}</text>`);
        });
        y += ROW_H;
    }
    const height = y + 40;
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`, '<style>.fig{font-size:13px;font-weight:bold;fill:#222}.lbl{font-size:12px;fill:#333}.val{font-size:10px;fill:#333}.ax{font-size:10px;fill:#666}.t{font-size:16px;font-weight:bold}.s{font-size:11px;fill:#555}</style>', `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`, `<text x="10" y="22" class="t">${esc(title)}</text>`, `<text x="10" y="40" class="s">${esc(subtitle)}</text>`, `<text x="10" y="56" class="s">Bars: ratio ours/Curator (dark, C) and ours/Kazoo (light, K), log scale. ↓ lower is better, ↑ higher is better; green: zk-recipes better, red: worse.</text>`);
    // Axis: ticks and grid at powers of two.
    for (let e = -4; e <= 4; e++) {
        const r = 2 ** e;
        const gx = x(r).toFixed(1);
        out.push(`<line x1="${gx}" y1="70" x2="${gx}" y2="${y}" stroke="${e === 0 ? '#333' : '#e0e0e0'}" stroke-width="${e === 0 ? 1.2 : 1}"/>`, `<text x="${gx}" y="68" class="ax" text-anchor="middle">${r >= 1 ? r : `1/${1 / r}`}</text>`, `<text x="${gx}" y="${y + 14}" class="ax" text-anchor="middle">${r >= 1 ? r : `1/${1 / r}`}</text>`);
    }
    out.push(...body, '</svg>', '');
    return out.join('\n');
}
//# sourceMappingURL=chart.js.map