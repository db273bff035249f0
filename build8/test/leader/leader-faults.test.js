/**
 * Leadership under faults, against a real ZooKeeper: a leader partitioned away is told before
 * anyone else is elected; a leader killed with -9 is replaced within the session timeout plus a
 * margin. Each test first proves its fault happened.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LeadershipLostError, monotonicNow, ZkLeaderElection } from '../../src/index.js';
import { connect, eventually, onCleanup, SESSION_TIMEOUT, startProxy, startServer } from '../helpers.js';
const workerPath = fileURLToPath(new URL('./leader-worker.js', import.meta.url));
/** How long past the session timeout a new leader may take (the server's expiry tick, notifications). */
const MARGIN = 2000;
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
/** Resolves with the monotonic time of `election`'s next 'leader' event. */
function nextTerm(election) {
    return new Promise((resolve) => election.once('leader', () => resolve(monotonicNow())));
}
describe('leadership under faults', () => {
    test('a leader partitioned away is told (signal aborts) before another participant leads, then joins again', async () => {
        const proxy = await startProxy(server.connectString);
        const cut = await connect(proxy.connectString);
        const direct = await connect(server.connectString);
        const leader = new ZkLeaderElection(cut, 'partitioned', { participantId: 'cut-off' });
        const other = new ZkLeaderElection(direct, 'partitioned', { participantId: 'other' });
        leader.start();
        assert.equal(await leader.whenLeader({ timeout: 5000 }), true);
        other.start();
        await eventually(async () => (await other.participants()).length === 2);
        const oldNode = leader.nodePath;
        const states = [];
        cut.on('state', (s) => states.push(s));
        let toldAt = Number.POSITIVE_INFINITY;
        const termSignal = leader.signal;
        termSignal.addEventListener('abort', () => {
            toldAt = monotonicNow();
        });
        const elected = nextTerm(other);
        const cutAt = monotonicNow();
        proxy.blackhole();
        const electedAt = await elected;
        // The fault happened: the client saw its connection go, and the server expired its session
        // (only that removes the leader's node and elects the other).
        assert.ok(states.includes('suspended'), `client states: ${states}`);
        assert.equal(await admin.exists(oldNode), null, 'the partitioned leader’s node expired with its session');
        assert.ok(electedAt - cutAt >= SESSION_TIMEOUT / 2, `elected ${electedAt - cutAt} ms after the cut`);
        assert.ok(termSignal.reason instanceof LeadershipLostError);
        assert.ok(toldAt < electedAt, `told at ${toldAt - cutAt} ms, the other elected at ${electedAt - cutAt} ms`);
        assert.equal(leader.isLeader, false);
        // Healed: it joins again on a new session, behind the new leader.
        proxy.pass();
        await eventually(async () => (await other.participants()).join() === 'other,cut-off', 15_000, 'rejoined');
        assert.equal(other.isLeader, true);
        await Promise.all([leader.close(), other.close()]);
    });
    test('a waiting participant whose session expires joins again on the new session, and leads in turn', async () => {
        const proxy = await startProxy(server.connectString);
        const cut = await connect(proxy.connectString);
        const direct = await connect(server.connectString);
        const leader = new ZkLeaderElection(direct, 'waiter-expired', { participantId: 'leader' });
        const waiter = new ZkLeaderElection(cut, 'waiter-expired', { participantId: 'waiter' });
        leader.start();
        assert.equal(await leader.whenLeader({ timeout: 5000 }), true);
        waiter.start();
        const [, oldNode] = (await eventually(async () => {
            const nodes = await leader.participantNodes();
            return nodes.length === 2 ? nodes : undefined;
        }));
        const oldSession = cut.sessionOwner;
        proxy.blackhole();
        // The fault happened: the server expired the waiter's session, which took its node.
        await eventually(async () => (await admin.exists(oldNode)) === null, 10_000, 'the waiter’s node expired');
        proxy.pass();
        const [, newNode] = (await eventually(async () => {
            const nodes = await leader.participantNodes();
            return nodes.length === 2 ? nodes : undefined;
        }, 15_000, 'the waiter joined again'));
        assert.notEqual(newNode, oldNode);
        assert.notEqual(cut.sessionOwner, oldSession, 'a new session');
        assert.equal((await admin.exists(newNode)).ephemeralOwner, cut.sessionOwner);
        assert.equal(waiter.isLeader, false);
        await leader.close();
        assert.equal(await waiter.whenLeader({ timeout: 5000 }), true);
        await waiter.close();
    });
    test('a leader killed with -9: a new leader within the session timeout plus a margin, measured from the kill', async () => {
        const child = spawn(process.execPath, [
            workerPath,
            JSON.stringify({
                connect: server.connectString,
                name: 'killed',
                id: 'child',
                sessionTimeout: SESSION_TIMEOUT,
            }),
        ], { stdio: ['ignore', 'pipe', 'inherit'] });
        const exited = new Promise((r) => child.on('exit', (_code, signal) => r(signal)));
        onCleanup(async () => {
            if (child.exitCode === null && child.signalCode === null)
                child.kill('SIGKILL');
            await exited;
        });
        const lines = [];
        createInterface({ input: child.stdout }).on('line', (l) => lines.push(JSON.parse(l)));
        await eventually(() => lines.some((l) => l.ev === 'leader'), 15_000, 'the child leads');
        const direct = await connect(server.connectString);
        const survivor = new ZkLeaderElection(direct, 'killed', { participantId: 'survivor' });
        survivor.start();
        await eventually(async () => (await survivor.participants()).join() === 'child,survivor');
        const elected = nextTerm(survivor);
        const killedAt = monotonicNow();
        child.kill('SIGKILL');
        assert.equal(await exited, 'SIGKILL', 'the child died of SIGKILL');
        const took = (await elected) - killedAt;
        // Its session outlived the process (no clean close): the hand-over waited for its expiry.
        assert.ok(took >= SESSION_TIMEOUT / 2, `new leader ${took} ms after the kill: too soon for an expiry`);
        assert.ok(took <= SESSION_TIMEOUT + MARGIN, `new leader ${took} ms after the kill`);
        assert.equal(await survivor.leader(), 'survivor');
        process.stdout.write(`leader kill -9: new leader after ${Math.round(took)} ms (session timeout ${SESSION_TIMEOUT})\n`);
        await survivor.close();
    });
});
//# sourceMappingURL=leader-faults.test.js.map