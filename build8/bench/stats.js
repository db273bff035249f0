/** Small statistics over samples: percentiles by nearest rank, medians of rounds. */
/** The p-th percentile (0..100) of `samples` by nearest rank; NaN when empty. */
export function percentile(samples, p) {
    if (samples.length === 0)
        return Number.NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
/** The median; the mean of the middle two for an even count. */
export function median(samples) {
    const finite = samples.filter((s) => Number.isFinite(s));
    if (finite.length === 0)
        return Number.NaN;
    const sorted = [...finite].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
export function sum(samples) {
    return samples.reduce((a, b) => a + b, 0);
}
export function mean(samples) {
    return samples.length === 0 ? Number.NaN : sum(samples) / samples.length;
}
/** `list` rotated left by `by`: round r runs the implementations in a different order. */
export function rotate(list, by) {
    const n = list.length;
    if (n === 0)
        return [];
    const k = ((by % n) + n) % n;
    return [...list.slice(k), ...list.slice(0, k)];
}
/** Appends `value` to the list under `key`, creating it. */
export function append(lists, key, value) {
    const list = lists[key] ?? [];
    list.push(value);
    lists[key] = list;
}
//# sourceMappingURL=stats.js.map