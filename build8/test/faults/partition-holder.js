/**
 * Partition scenarios around one holder, run inside a network namespace of their own by
 * partitions.test.ts (so this file is not a *.test.ts). Each first proves that the fault happened
 * (`srvr` on the cut-off member says it is not serving), then checks the history with the
 * exclusion checker, fencing on the resource, and a final read of the tree (nothing left).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { monotonicNow } from '../../src/index.js';
import { assertClean, GRANT_MARGIN, startResource } from './common.js';
import { finish, report, stop } from './harness.js';
import { assertNothingLeft, busyHolder, contender, healAndWait, memberOf, PARTITION_SAFETY_MARGIN, startPartitioned, PARTITION_T as T, waitNotServing, } from './partition-setup.js';
let p;
before(async () => {
    p = await startPartitioned();
});
/** A follower's index: the member to cut off when the leader is not the point. */
async function aFollower() {
    const leader = await p.cluster.leaderIndex();
    assert.ok(leader >= 0, 'the ensemble has a leader');
    return (leader + 1) % 3;
}
/** Waits until `n` contenders are queued under /locks/name. */
async function queued(name, n) {
    const end = monotonicNow() + 60_000;
    while ((await p.admin.getChildren(`/locks/${name}`).catch(() => [])).length < n) {
        assert.ok(monotonicNow() < end, `${n} contenders queued within 60 s`);
        await new Promise((r) => setTimeout(r, 50));
    }
}
/**
 * For each entry of `sets` (the holder's kind, then its rivals'), a holder stranded on member `m`
 * (its only server; a busy-holder.ts process) and its rivals on the majority, each set on its own lock. `cut` cuts m off;
 * every holder must be told (its signal aborts) before any of its rivals is granted. One fault
 * serves all the sets, so the mutex and the read/write lock are checked in the same run.
 */
async function strandedHolders(name, sets, cut, safetyMargin = PARTITION_SAFETY_MARGIN) {
    const m = await aFollower();
    const majority = [0, 1, 2].filter((i) => i !== m);
    // 'default': the client's own default margin (10 % of T, at most 1 s).
    const margin = safetyMargin === 'default' ? Math.min(1000, T * 0.1) : safetyMargin;
    let started = [];
    try {
        started = await Promise.all(sets.map((kinds, k) => startStranded(`${name}${k}`, kinds, m, majority, margin)));
        await cut(m, majority);
        const tFault = p.nemesis.events.at(-1).at;
        const stoppedServingMs = await waitNotServing(p.cluster.members[m], tFault);
        const margins = [];
        for (const set of started)
            margins.push(await checkStranded(set, tFault));
        await healAndWait(p);
        let grants = 0;
        for (const set of started)
            grants += await checkStrandedHistory(set);
        return {
            sets: sets.length,
            stoppedServingMs,
            minToldBeforeGrantMs: Math.min(...margins),
            grants,
            violations: 0,
        };
    }
    finally {
        // A failed run leaves no worker behind to load the next one.
        const all = started.flatMap((set) => [set.a, ...set.rivals]);
        stop(all);
        await finish(all, 30_000);
        if (p.nemesis.faulted)
            await healAndWait(p);
    }
}
async function startStranded(name, kinds, m, majority, safetyMargin) {
    const resource = await startResource();
    const base = { name, resource: resource.url, iterations: 1, safetyMargin };
    // It holds until told (reading every 50 ms, so its last answer comes as late as possible); the
    // bound only ends a run in which it never is (the assertions then fail).
    const a = await busyHolder(p, [m], {
        ...base,
        id: `${name}-A`,
        kind: kinds[0],
        sessionTimeout: T,
        holdMs: [60_000, 60_000],
    });
    await a.waitFor((e) => e.ev === 'acquired', 30_000, `grant to ${name}-A`);
    const rivals = await Promise.all(kinds
        .slice(1)
        .map((kind, i) => contender(p, majority, { ...base, id: `${name}-${'BC'[i]}`, kind, holdMs: [50, 50] })));
    await queued(name, kinds.length);
    return { name, a, rivals, resource };
}
async function checkStranded({ name, a, rivals }, tFault) {
    const lost = await a.waitFor((e) => e.ev === 'lost', 30_000, `loss seen by ${name}-A`);
    const granted = await Promise.race(rivals.map((w) => w.waitFor((e) => e.ev === 'acquired', 30_000, 'a grant')));
    assert.ok(lost.t < granted.t, `${name}: the holder told at +${Math.round(lost.t - tFault)} ms, a majority rival granted at +${Math.round(granted.t - tFault)} ms`);
    assert.ok(granted.t - tFault <= 2 * T + GRANT_MARGIN, `${name}: grant took ${granted.t - tFault} ms`);
    return granted.t - lost.t;
}
async function checkStrandedHistory({ name, a, rivals, resource }) {
    const stuck = await finish([a, ...rivals], 60_000);
    assert.deepEqual(stuck, [], `${name}: every worker finished`);
    const r = assertClean([a, ...rivals], resource);
    await assertNothingLeft(p, `/locks/${name}`);
    return r.grants;
}
const BOTH = [
    ['mutex', 'mutex', 'mutex'],
    ['write', 'write', 'read'],
];
describe('partitions inside the ensemble: the holder', () => {
    // FINDING (issue 20): a follower cut off from the leader goes on answering its clients (pings and
    // reads) until its own read from the leader times out (syncLimit ticks, 1 s here), while the
    // leader, which no longer hears of them, expires the session T after the last touch it heard. A
    // client's safe deadline (last answer + T - safetyMargin; default margin 10 % of T, at most 1 s)
    // then falls after the expiry: the holder is told after a rival on the majority was granted
    // (measured: told ~900 ms after the grant, T = 4 s). A client cannot learn syncLimit; the margin
    // must cover it (PARTITION_SAFETY_MARGIN, the second test). Marked todo until the lead decides the
    // fix (a larger default margin, or the rule documented): it fails today.
    test('finding: a follower cut off from the leader keeps answering its clients, so with the default safety margin the holder is told after the majority grants', {
        todo: 'finding of issue 20: the default safetyMargin is shorter than syncLimit x tickTime',
    }, async () => {
        report('finding default margin', await strandedHolders('f1-', [['mutex', 'mutex']], (m) => p.nemesis.isolate(m), 'default'));
    });
    test('a busy holder stranded on a cut-off follower, with a safety margin of syncLimit + 3 ticks: told before the majority grants', async () => {
        report('partition 0 busy holder', await strandedHolders('p0-', [['mutex', 'mutex']], (m) => p.nemesis.isolate(m)));
    });
    test("mutex and read/write lock: the holder's server isolated in the minority: the holder is told before anyone on the majority is granted", async () => {
        report('partition 1 isolated', await strandedHolders('p1-', BOTH, (m) => p.nemesis.isolate(m)));
    });
    test("mutex and read/write lock: one-way loss, the holder's server deaf: told before any grant", async () => {
        report('partition 2 deaf', await strandedHolders('p2d-', BOTH, (m, others) => p.nemesis.dropOneWay(others, [m])));
    });
    test("mutex and read/write lock: one-way loss, the holder's server mute: told before any grant", async () => {
        report('partition 2 mute', await strandedHolders('p2m-', BOTH, (m, others) => p.nemesis.dropOneWay([m], others)));
    });
    test("mutex: the holder's server isolated, its client free to move: it moves to a majority server, nobody else is granted while it holds", async () => {
        try {
            await holderMoves();
        }
        finally {
            if (p.nemesis.faulted)
                await healAndWait(p);
        }
    });
});
async function holderMoves() {
    const resource = await startResource();
    const name = 'p3';
    const base = { name, resource: resource.url, iterations: 1, kind: 'mutex' };
    const a = await contender(p, [0, 1, 2], { ...base, id: 'p3-A', holdMs: [2 * T, 2 * T] });
    await a.waitFor((e) => e.ev === 'acquired', 30_000, 'grant to A');
    const b = await contender(p, [0, 1, 2], { ...base, id: 'p3-B', holdMs: [50, 50] });
    await queued(name, 2);
    const m = await memberOf(p, a);
    assert.ok(m >= 0, "A's connection is on a member (cons)");
    const fault = await p.nemesis.isolate(m);
    const stoppedServingMs = await waitNotServing(p.cluster.members[m], fault.at);
    // Proof of the move: `cons` on a majority member lists A's address.
    const end = monotonicNow() + 30_000;
    let now = await memberOf(p, a);
    while (now === m || now < 0) {
        assert.ok(monotonicNow() < end, `A's client still on member ${now} 30 s after the cut`);
        await new Promise((r) => setTimeout(r, 100));
        now = await memberOf(p, a);
    }
    const movedMs = monotonicNow() - fault.at;
    const stuck = await finish([a, b], 60_000);
    await healAndWait(p);
    assert.deepEqual(stuck, [], 'every worker finished');
    const r = assertClean([a, b], resource);
    await assertNothingLeft(p, `/locks/${name}`);
    const lost = a.events.some((e) => e.ev === 'lost');
    report('partition 3 holder moves', {
        grants: r.grants,
        stoppedServingMs,
        movedToMember: now,
        movedAfterMs: movedMs,
        holderKeptLock: lost ? 'no (told)' : 'yes',
        violations: r.violations.length,
    });
}
//# sourceMappingURL=partition-holder.js.map