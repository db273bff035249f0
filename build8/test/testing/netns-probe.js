/**
 * Run by nemesis.test.ts inside runNetworkNamespaced(): starts a 3-member cluster on its own
 * addresses under the nemesis and proves that each kind of cut does what it says (a member cut off
 * stops serving, `srvr` says so; healing brings the quorum back; a client cut from one member
 * cannot reach it while another member still answers it). Prints one JSON line of what it saw;
 * exits non-zero (the reason on stderr) when something did not hold.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { monotonicNow } from '../../src/index.js';
import { NetworkNemesis, ZkTestCluster } from '../../src/testing/index.js';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls `srvr` until `pred(mode)` holds; returns how long after `since` it did. */
async function waitMode(m, pred, since) {
    while (!pred(await m.mode())) {
        if (monotonicNow() - since > 30_000)
            throw new Error(`member ${m.index}: mode ${await m.mode()} after 30 s`);
        await sleep(50);
    }
    return monotonicNow() - since;
}
const notServing = (mode) => mode === undefined;
/** `ruok` to `host:port` from a process of group id `gid` (so from that client's own address). */
function ruokAs(gid, host, port) {
    const js = `const s=require('net').connect(${port},'${host}',()=>s.end('ruok'));let r='';s.on('data',d=>r+=d);s.on('end',()=>{console.log(r);process.exit(0)});s.on('error',e=>{console.log('error '+e.code);process.exit(0)});setTimeout(()=>{console.log('no answer');process.exit(0)},1500)`;
    return new Promise((resolve, reject) => execFile(process.execPath, ['-e', js], { gid }, (err, out) => (err ? reject(err) : resolve(out.trim()))));
}
const nemesis = await NetworkNemesis.start();
const cluster = await ZkTestCluster.start(nemesis.clusterOptions());
const seen = {};
try {
    nemesis.attach(cluster);
    assert.deepEqual(cluster.members.map((m) => m.host), ['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    // 1. A follower isolated both ways stops serving; the other two keep a quorum.
    let leader = await cluster.leaderIndex();
    const f = (leader + 1) % 3;
    let fault = await nemesis.isolate(f);
    seen['isolatedFollowerStopsAfterMs'] = await waitMode(cluster.members[f], notServing, fault.at);
    assert.equal(await cluster.leaderIndex(), leader, 'the majority keeps its leader');
    await nemesis.heal();
    await cluster.waitForQuorum();
    // 2. The leader isolated: it stops serving, the other two elect one of themselves.
    leader = await nemesis.isolateLeader();
    const since = nemesis.events.at(-1).at;
    seen['isolatedLeaderStopsAfterMs'] = await waitMode(cluster.members[leader], notServing, since);
    const others = cluster.members.filter((m) => m.index !== leader);
    // The majority elects one of its own (their `srvr` may say 'follower' of the old leader at first).
    while (!(await Promise.all(others.map((m) => m.mode()))).includes('leader')) {
        if (monotonicNow() - since > 30_000)
            throw new Error('the majority elected no leader within 30 s');
        await sleep(50);
    }
    seen['majorityLeaderAfterMs'] = monotonicNow() - since;
    await nemesis.heal();
    await cluster.waitForQuorum();
    // 3. One-way: a follower that hears nobody (but is heard) stops serving.
    leader = await cluster.leaderIndex();
    const g = (leader + 2) % 3;
    fault = await nemesis.dropOneWay([0, 1, 2].filter((i) => i !== g), [g]);
    seen['deafFollowerStopsAfterMs'] = await waitMode(cluster.members[g], notServing, fault.at);
    await nemesis.heal();
    await cluster.waitForQuorum();
    // 4. A client cut from one member: that member does not answer it, another does, and the
    //    ensemble stays whole.
    const { gid } = await nemesis.client('c');
    const [m0, m1] = [cluster.members[0], cluster.members[1]];
    assert.equal(await ruokAs(gid, m0.host, m0.port), 'imok');
    await nemesis.cutClient('c', 0);
    assert.equal(await ruokAs(gid, m0.host, m0.port), 'no answer');
    assert.equal(await ruokAs(gid, m1.host, m1.port), 'imok');
    assert.equal(await m0.fourLetter('ruok'), 'imok', 'others still reach member 0');
    await cluster.waitForQuorum(5000);
    await nemesis.heal();
    assert.equal(await ruokAs(gid, m0.host, m0.port), 'imok');
    seen['faults'] = JSON.stringify(nemesis.counts());
    console.log(JSON.stringify(seen));
}
finally {
    await cluster.close();
    await nemesis.close();
}
//# sourceMappingURL=netns-probe.js.map