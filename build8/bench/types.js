/** ours / theirs, when both ran. */
export function ratio(row, theirs) {
    const a = row.values.ours;
    const b = row.values[theirs];
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0)
        return undefined;
    return a / b;
}
/** Whether a ratio ours/theirs is in our favour for this row. */
export function favourable(row, r) {
    return row.better === 'higher' ? r >= 1 : r <= 1;
}
//# sourceMappingURL=types.js.map