/** ZkLeaderElection against a real ZooKeeper: one leader at a time, hand-over, both styles, bad input. */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { before, describe, test } from 'node:test';
import { CHANNELS, ElectionUsageError, LeadershipLostError, MAX_PARTICIPANT_ID_BYTES, monotonicNow, ZkLeaderElection, } from '../../src/index.js';
import { checkHistory } from '../../src/testing/exclusion-checker.js';
import { connect, eventually, sleep, startServer } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
/** Records every term of `election` as a HoldRecord for the exclusion checker. */
function recordTerms(election, worker, into) {
    election.on('leader', ({ fencingToken }) => {
        const record = {
            worker,
            mode: 'exclusive',
            token: fencingToken.toString(),
            acquired: monotonicNow(),
            released: Number.POSITIVE_INFINITY,
            writes: [],
        };
        into.push(record);
        // The term ends for its holder when its signal aborts (lost or given up).
        election.signal.addEventListener('abort', () => {
            record.released = monotonicNow();
        });
    });
}
/** Participants joined in this order: each waits until the previous one's node is in the election. */
async function joinInOrder(elections) {
    for (const [i, e] of elections.entries()) {
        e.start();
        await eventually(async () => (await e.participantNodes()).length === i + 1, 10_000, `participant ${i} joined`);
    }
}
describe('ZkLeaderElection', () => {
    test('5 participants in 5 sessions, 40 terms: never two leaders, tokens increase, every term seen', async () => {
        const clients = await Promise.all([0, 1, 2, 3, 4].map(() => connect(server.connectString)));
        const terms = [];
        let leadersAtOnce = 0;
        let target = 40;
        const participants = clients.map((client, i) => {
            const election = new ZkLeaderElection(client, 'churn', { participantId: `p${i}` });
            recordTerms(election, `p${i}`, terms);
            return election;
        });
        // Each leader keeps the term a little, then closes and joins again with a new object.
        const done = Promise.all(participants.map(async (first, i) => {
            let election = first;
            election.start();
            while (target > 0) {
                if (!(await election.whenLeader({ timeout: 500 })))
                    continue;
                const leading = participants.filter((p) => p.isLeader).length;
                leadersAtOnce = Math.max(leadersAtOnce, leading);
                target -= 1;
                await sleep(5 + Math.random() * 20);
                await election.close();
                election = new ZkLeaderElection(clients[i], 'churn', { participantId: `p${i}` });
                participants[i] = election;
                recordTerms(election, `p${i}`, terms);
                election.start();
            }
            await election.close();
        }));
        await done;
        const result = checkHistory(terms);
        assert.deepEqual(result.violations, []);
        assert.ok(terms.length >= 40, `terms: ${terms.length}`);
        assert.equal(leadersAtOnce, 1, 'isLeader true on one participant at most');
        await eventually(async () => (await admin.exists('/elections/churn')) === null, 5000, 'directory removed');
    });
    test('each participant leads in join order as the ones before it close; leader() and participants() follow', async () => {
        const clients = await Promise.all([0, 1, 2, 3].map(() => connect(server.connectString)));
        const elections = clients.map((c, i) => new ZkLeaderElection(c, 'order', { participantId: `id-${i}` }));
        const led = [];
        for (const e of elections)
            e.on('leader', () => led.push(e.participantId));
        await joinInOrder(elections);
        assert.deepEqual(await elections[3].participants(), ['id-0', 'id-1', 'id-2', 'id-3']);
        for (const [i, e] of elections.entries()) {
            assert.equal(await e.whenLeader({ timeout: 5000 }), true);
            assert.equal(await elections[3].leader(), `id-${i}`);
            for (const other of elections)
                if (other !== e)
                    assert.equal(other.isLeader, false);
            const token = e.fencingToken;
            assert.equal(typeof token, 'bigint');
            assert.equal((await admin.exists(e.nodePath)).czxid, token, 'the token is our node’s czxid');
            assert.match(e.nodePath, /\/elections\/order\/_c_[0-9a-f-]{36}-latch-\d{10}$/);
            assert.equal((await admin.getData(e.nodePath)).data.toString(), `id-${i}`);
            await e.close();
            assert.equal(e.isLeader, false);
            assert.equal(e.signal.aborted, true);
        }
        assert.deepEqual(led, ['id-0', 'id-1', 'id-2', 'id-3']);
        assert.equal(await elections[0].leader(), undefined);
        assert.deepEqual(await elections[0].participants(), []);
    });
    test('close() while leading: our signal aborts before the next participant leads, and our node is gone', async () => {
        const [a, b] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const first = new ZkLeaderElection(a, 'handover', { participantId: 'first' });
        const second = new ZkLeaderElection(b, 'handover', { participantId: 'second' });
        await joinInOrder([first, second]);
        assert.equal(await first.whenLeader({ timeout: 5000 }), true);
        const node = first.nodePath;
        let toldAt = 0;
        first.signal.addEventListener('abort', () => {
            toldAt = monotonicNow();
        });
        const notLeader = new Promise((r) => first.once('notLeader', (i) => r(i.reason)));
        const published = [];
        const onMessage = (m) => published.push(m);
        subscribe(CHANNELS.leader, onMessage);
        await first.close();
        assert.equal(await second.whenLeader({ timeout: 5000 }), true);
        const electedAt = monotonicNow();
        unsubscribe(CHANNELS.leader, onMessage);
        assert.deepEqual(published.map((m) => [m.event, m.participantId, m.election]), [
            ['resigned', 'first', '/elections/handover'],
            ['elected', 'second', '/elections/handover'],
        ]);
        assert.equal(published[0].node, node);
        assert.ok(toldAt > 0 && toldAt <= electedAt);
        assert.ok((await notLeader) instanceof LeadershipLostError);
        assert.equal(await admin.exists(node), null);
        assert.deepEqual(await second.participants(), ['second']);
        await second.close();
    });
    test('whenLeader: false at its timeout, rejects on abort, at close and before start', async () => {
        const [a, b] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const leader = new ZkLeaderElection(a, 'waits', { participantId: 'leader' });
        const waiter = new ZkLeaderElection(b, 'waits', { participantId: 'waiter' });
        await assert.rejects(waiter.whenLeader(), ElectionUsageError);
        await joinInOrder([leader, waiter]);
        assert.equal(await leader.whenLeader({ timeout: 0 }), true);
        const t0 = monotonicNow();
        assert.equal(await waiter.whenLeader({ timeout: 300 }), false);
        const took = monotonicNow() - t0;
        assert.ok(took >= 290 && took < 1500, `timeout took ${took} ms`);
        const ac = new AbortController();
        const aborted = waiter.whenLeader({ signal: ac.signal });
        ac.abort(new Error('enough'));
        await assert.rejects(aborted, /enough/);
        assert.equal(waiter.listenerCount('leader'), 0, 'the waits left no listener behind');
        const pending = waiter.whenLeader();
        await waiter.close();
        await assert.rejects(pending, ElectionUsageError);
        await assert.rejects(waiter.whenLeader(), /was closed/);
        assert.throws(() => waiter.start(), ElectionUsageError);
        assert.deepEqual(await leader.participants(), ['leader'], 'the closed waiter left');
        assert.throws(() => leader.start(), /already started/);
        await leader.close();
    });
    test('run(): leadership passes on when the function returns and when it throws', async () => {
        const [a, b, c] = await Promise.all([0, 1, 2].map(() => connect(server.connectString)));
        const one = new ZkLeaderElection(a, 'selector', { participantId: 'one' });
        const two = new ZkLeaderElection(b, 'selector', { participantId: 'two' });
        const three = new ZkLeaderElection(c, 'selector', { participantId: 'three' });
        const log = [];
        let release;
        const held = new Promise((r) => {
            release = r;
        });
        const first = one.run(async (signal) => {
            log.push('one');
            await held;
            assert.equal(signal.aborted, false);
            return 'result';
        });
        await eventually(() => one.isLeader);
        const second = two.run(async () => {
            log.push('two');
            throw new Error('boom');
        });
        await eventually(async () => (await one.participants()).length === 2);
        const third = three.run(() => {
            log.push('three');
            return 3;
        });
        await eventually(async () => (await one.participants()).length === 3);
        assert.deepEqual(log, ['one'], 'only the leader runs');
        release();
        assert.equal(await first, 'result');
        await assert.rejects(second, /boom/);
        assert.equal(await third, 3);
        assert.deepEqual(log, ['one', 'two', 'three']);
        assert.equal(await one.leader(), undefined, 'every run() left the election');
        await assert.rejects(one.run(() => { }, { requeue: 'yes' }), /requeue must be a boolean/);
        await Promise.all([one.close(), two.close(), three.close()]);
    });
    test('run({ requeue: true }): terms alternate until close(), a throwing function does not stop it', async () => {
        const [a, b] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const terms = [];
        const counts = new Map();
        const errors = [];
        const elections = [a, b].map((client, i) => {
            const e = new ZkLeaderElection(client, 'requeue', { participantId: `r${i}` });
            recordTerms(e, `r${i}`, terms);
            e.on('error', (err) => errors.push(err));
            return e;
        });
        const runs = elections.map((e) => e.run(async () => {
            const n = (counts.get(e.participantId) ?? 0) + 1;
            counts.set(e.participantId, n);
            await sleep(20);
            if (n === 2)
                throw new Error(`second run of ${e.participantId}`);
        }, { requeue: true }));
        await eventually(() => (counts.get('r0') ?? 0) >= 4 && (counts.get('r1') ?? 0) >= 4, 15_000, '4 runs each');
        await Promise.all(elections.map((e) => e.close()));
        assert.deepEqual(await Promise.all(runs), [undefined, undefined]);
        assert.deepEqual(checkHistory(terms).violations, []);
        assert.deepEqual(errors.map((e) => e.message).sort(), ['second run of r0', 'second run of r1']);
        // Each requeue goes to the back: with two participants, the terms alternate.
        const order = [...terms].sort((x, y) => x.acquired - y.acquired).map((t) => t.worker);
        for (let i = 1; i < order.length; i++)
            assert.notEqual(order[i], order[i - 1], `alternating: ${order}`);
    });
    test('run() stopped by its signal ends the term and rejects with the reason', async () => {
        const client = await connect(server.connectString);
        const election = new ZkLeaderElection(client, 'stopped');
        const ac = new AbortController();
        let termSignal;
        const running = election.run(async (signal) => {
            termSignal = signal;
            await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
        }, { requeue: true, signal: ac.signal });
        await eventually(() => election.isLeader);
        ac.abort(new Error('stop now'));
        await assert.rejects(running, /stop now/);
        assert.equal(termSignal.aborted, true);
        assert.deepEqual(await election.participants(), []);
        await election.close();
    });
    test('bad input is refused with the value named', async () => {
        const client = await connect(server.connectString);
        assert.throws(() => new ZkLeaderElection(client, 'a/b'), /election name "a\/b" must not contain '\/'/);
        assert.throws(() => new ZkLeaderElection(client, ''), /election name must be a non-empty string/);
        assert.throws(() => new ZkLeaderElection(client, 42), /election name must be a non-empty string, got 42/);
        assert.throws(() => new ZkLeaderElection(client, 'x', { root: 'rel' }), /root/);
        assert.throws(() => new ZkLeaderElection(client, 'x', { participantId: 7 }), /participantId must be a string, got 7/);
        assert.throws(() => new ZkLeaderElection(client, 'x', { participantId: 'é'.repeat(MAX_PARTICIPANT_ID_BYTES / 2 + 1) }), new RegExp(`participantId is ${MAX_PARTICIPANT_ID_BYTES + 2} bytes \\(UTF-8\\); the limit is ${MAX_PARTICIPANT_ID_BYTES}`));
        assert.throws(() => new ZkLeaderElection({}, 'x'), /client must be a ZkClient/);
        assert.throws(() => new ZkLeaderElection(client, 'zookeeper', { root: '/' }), /inside \/zookeeper/);
        const e = new ZkLeaderElection(client, 'bad-input');
        await assert.rejects(e.whenLeader({ timeout: -1 }), /timeout must be a non-negative number/);
        await assert.rejects(e.whenLeader('soon'), /whenLeader\(\) options must be an options object, got "soon"/);
        await assert.rejects(e.run('fn'), /fn must be a function, got "fn"/);
        await e.close();
    });
    test('a participant id of the largest size allowed is stored and read back', async () => {
        const client = await connect(server.connectString);
        const id = 'x'.repeat(MAX_PARTICIPANT_ID_BYTES);
        const e = new ZkLeaderElection(client, 'big-id', { participantId: id });
        e.start();
        assert.equal(await e.whenLeader({ timeout: 10_000 }), true);
        assert.equal(await e.leader(), id);
        await e.close();
    });
});
//# sourceMappingURL=election.test.js.map