/**
 * A mutual-exclusion checker (Jepsen-style, on one machine), used by the fault suite and the demo,
 * and usable for testing your own use of a lock.
 *
 * Workers log each hold on the monotonic clock shared by all processes; the fenced resource
 * logs every write it accepted or refused. The checker reports every violation it finds.
 */
/**
 * Fails on: two holds that overlap (a writer beside anyone), unless the earlier holder was told
 * before the later was granted, or its process was stopped at that moment (no lock can tell a
 * stopped process anything) and fencing refused every write it made after that grant; a lost
 * update; a fencing-token regression between consecutive exclusive grants. With `maxHolders`
 * above 1 (a semaphore): more than that many holds at once, with the same exceptions.
 */
export function checkHistory(holds, options = {}) {
    const maxHolders = options.maxHolders ?? 1;
    if (!Number.isSafeInteger(maxHolders) || maxHolders < 1) {
        throw new RangeError(`maxHolders must be a positive integer, got ${String(maxHolders)}`);
    }
    const violations = [];
    const sorted = [...holds].sort((a, b) => a.acquired - b.acquired);
    let fenced = 0;
    let lostUpdates = 0;
    for (const h of sorted) {
        for (const w of h.writes) {
            if (w.result === 'stale')
                fenced++;
            if (w.result === 'lost-update') {
                lostUpdates++;
                violations.push(`lost update by ${h.worker} (token ${h.token}) at ${w.t.toFixed(1)}`);
            }
        }
    }
    if (maxHolders > 1) {
        violations.push(...capacityViolations(sorted, maxHolders));
        return { violations, grants: holds.length, fenced, lostUpdates };
    }
    violations.push(...exclusionViolations(sorted));
    const exclusive = sorted.filter((h) => h.mode === 'exclusive');
    for (let i = 1; i < exclusive.length; i++) {
        const prev = exclusive[i - 1];
        const cur = exclusive[i];
        if (BigInt(cur.token) <= BigInt(prev.token)) {
            violations.push(`fencing token regressed: ${cur.worker} got ${cur.token} after ${prev.worker} got ${prev.token}`);
        }
    }
    return { violations, grants: holds.length, fenced, lostUpdates };
}
/**
 * Whether `a`, granted earlier, still counts as a holder when `b` was granted: it was not told
 * before (`lostAt`), and it was not stopped at that moment with every later write of its fenced off.
 */
function heldAt(a, b) {
    if (b.acquired >= a.released)
        return false;
    const toldInTime = a.lostAt !== undefined && a.lostAt <= b.acquired;
    const stoppedAtGrant = a.paused?.some(([from, to]) => from <= b.acquired && b.acquired <= to) ?? false;
    const fencedOff = a.writes.filter((w) => w.t >= b.acquired).every((w) => w.result === 'stale');
    return !toldInTime && !(stoppedAtGrant && fencedOff);
}
/** Pairs that held at once, a writer beside anyone (`sorted` by acquired). */
function exclusionViolations(sorted) {
    const out = [];
    for (let i = 0; i < sorted.length; i++) {
        const a = sorted[i];
        for (let j = i + 1; j < sorted.length; j++) {
            const b = sorted[j];
            if (a.mode === 'shared' && b.mode === 'shared')
                continue;
            if (heldAt(a, b)) {
                out.push(`${a.worker} (token ${a.token}, ${a.mode}) and ${b.worker} (token ${b.token}, ${b.mode}) held at once ` +
                    `from ${b.acquired.toFixed(1)} to ${Math.min(a.released, b.released).toFixed(1)}`);
            }
        }
    }
    return out;
}
/** Grants that made more than `max` holders at once (the most holders is reached at some grant). */
function capacityViolations(sorted, max) {
    const out = [];
    sorted.forEach((b, j) => {
        const beside = sorted.slice(0, j).filter((a) => heldAt(a, b));
        if (beside.length >= max) {
            out.push(`${beside.length + 1} held at once (at most ${max}) at ${b.acquired.toFixed(1)}: ` +
                [...beside, b].map((h) => `${h.worker} (token ${h.token})`).join(', '));
        }
    });
    return out;
}
//# sourceMappingURL=exclusion-checker.js.map