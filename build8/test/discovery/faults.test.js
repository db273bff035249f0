/**
 * Service discovery under faults, each fault proven first: an instance whose process is killed
 * with -9 leaves others' view within the session timeout (plus a margin for a loaded machine)
 * and comes back when a new process registers it; an instance whose session is lost (blackholed
 * past the session timeout) is registered again by itself on the new session; a provider cut off
 * from the server by a partition ends, after the heal, with the server's view.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { monotonicNow, ZkServiceDiscovery } from '../../src/index.js';
import { trackPid, untrackPid } from '../../src/testing/cleanup.js';
import { connect, eventually, nextEvent, onCleanup, sleep, startProxy, startServer, zkReplies, } from '../helpers.js';
const worker = fileURLToPath(new URL('./discovery-worker.js', import.meta.url));
/** The worker's session timeout (discovery-worker.ts). */
const WORKER_SESSION_TIMEOUT = 2000;
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString, { wire: 'built-in' });
});
/** Starts a worker that registers `id`; resolves once it says it registered, with its session id. */
async function startWorker(id) {
    const child = spawn(process.execPath, [worker, server.connectString, '/faults', 'api', id, '7000'], {
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    trackPid(child.pid);
    onCleanup(() => {
        child.kill('SIGKILL');
        untrackPid(child.pid);
    });
    const lines = createInterface({ input: child.stdout });
    const line = await new Promise((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before registering`)));
    });
    const [word, registered, sessionId] = line.split(' ');
    assert.equal(`${word} ${registered}`, `registered ${id}`);
    return { child, sessionId: sessionId };
}
test('an instance killed with -9 leaves the view within the session timeout, and comes back with a new process', async () => {
    const discovery = new ZkServiceDiscovery(admin, '/faults');
    const provider = discovery.provider('api');
    await provider.start();
    const first = await startWorker('w1');
    await eventually(() => provider.getInstance()?.id === 'w1', 10_000, 'the worker’s instance seen');
    const seen = provider.getInstance();
    assert.equal(seen.payload.pid, first.child.pid, 'the worker’s own instance');
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    const killed = monotonicNow();
    untrackPid(first.child.pid);
    assert.ok(await admin.exists('/faults/api/w1'), 'right after the kill the node is still there (the session lives on)');
    // The server expires the session within its timeout (checked every tick); a margin for load.
    await eventually(() => provider.getAllInstances().length === 0, WORKER_SESSION_TIMEOUT + 8000, 'the instance gone');
    const gone = monotonicNow() - killed;
    console.log(`# kill -9: the instance left the provider's view ${Math.round(gone)} ms after the kill (session timeout ${WORKER_SESSION_TIMEOUT} ms)`);
    const second = await startWorker('w1');
    assert.notEqual(second.sessionId, first.sessionId);
    await eventually(() => provider.getInstance()?.id === 'w1', 10_000, 'the instance back');
    assert.equal(provider.getInstance().payload.pid, second.child.pid, 'the new process’s');
    second.child.kill('SIGKILL');
    untrackPid(second.child.pid);
    await discovery.close();
});
test('session lost (blackholed past the timeout): the instance is registered again on the new session', async () => {
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 2000 });
    const discovery = new ZkServiceDiscovery(client, '/faults');
    const ours = await discovery.register({
        name: 'lost',
        id: 'me',
        address: '10.1.1.1',
        port: 1,
        payload: { v: 1 },
    });
    const firstOwner = client.sessionOwner;
    assert.equal((await admin.exists('/faults/lost/me'))?.ephemeralOwner, firstOwner);
    const lost = nextEvent(client, 'lost', 20_000);
    proxy.blackhole();
    await lost;
    // The fault happened: the server expired the old session and took the node with it.
    await eventually(async () => (await admin.exists('/faults/lost/me')) === null, 20_000, 'the node gone with the session');
    const reregistered = new Promise((resolve) => discovery.once('reregistered', (_i, s) => resolve(s)));
    proxy.pass();
    const sessionId = await reregistered;
    assert.equal(sessionId, client.sessionId);
    const stat = await admin.exists('/faults/lost/me');
    assert.equal(stat?.ephemeralOwner, client.sessionOwner, 'owned by the new session');
    assert.notEqual(client.sessionOwner, firstOwner);
    const [back] = await new ZkServiceDiscovery(admin, '/faults').instances('lost');
    assert.deepEqual(back, { ...ours, payloadClass: 'java.util.LinkedHashMap' }, 'the same document');
    await discovery.close();
    assert.equal(await admin.exists('/faults/lost/me'), null, 'close() removes it');
    await client.close();
});
test('a provider partitioned from the server ends with the server’s view after the heal', async () => {
    const writer = new ZkServiceDiscovery(admin, '/faults');
    for (const id of ['p1', 'p2', 'p3'])
        await writer.register({ name: 'part', id, address: id, port: 1 });
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 10_000 });
    const reader = new ZkServiceDiscovery(client, '/faults');
    const provider = reader.provider('part');
    await provider.start();
    assert.deepEqual(provider.getAllInstances().map((i) => i.id), ['p1', 'p2', 'p3']);
    const suspended = nextEvent(client, 'suspended', 20_000);
    proxy.blackhole();
    await suspended; // cut off
    await writer.unregister('p1');
    await writer.update({ name: 'part', id: 'p2', address: 'p2-moved', port: 2 });
    await writer.register({ name: 'part', id: 'p4', address: 'p4', port: 1 });
    await writer.register({ name: 'part', id: 'p5', address: 'p5', port: 1, enabled: false });
    await sleep(300);
    assert.deepEqual(provider.getAllInstances().map((i) => i.id), ['p1', 'p2', 'p3'], 'nothing reached the cut-off client');
    const healed = monotonicNow();
    proxy.pass();
    const onServer = () => writer.instances('part');
    await eventually(async () => JSON.stringify(provider.getAllInstances()) ===
        JSON.stringify((await onServer()).filter((i) => i.enabled)), 20_000, 'the provider equal to the server');
    console.log(`# partition: the provider equal to the server ${Math.round(monotonicNow() - healed)} ms after the heal`);
    assert.equal(provider.getAllInstances().find((i) => i.id === 'p2')?.address, 'p2-moved');
    await reader.close();
    await writer.close();
    await client.close();
});
test('a register whose reply is lost is tried again on the same session: the node once, and ours', async () => {
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 10_000 });
    const discovery = new ZkServiceDiscovery(client, '/faults');
    await client.mkdirp('/faults/replylost');
    const session = client.sessionId;
    const dropped = proxy.dropNextReply({
        match: (chunk) => zkReplies(chunk).some((r) => r.xid >= 0 && r.err === 0 && r.path?.endsWith('/faults/replylost/me') === true),
    });
    const registering = discovery.register({ name: 'replylost', id: 'me', address: 'h', port: 1 });
    await dropped; // the fault happened: the server created the node, and its answer was cut off
    const instance = await registering;
    assert.equal(client.sessionId, session, 'the same session');
    assert.equal((await admin.exists('/faults/replylost/me'))?.ephemeralOwner, client.sessionOwner);
    assert.deepEqual(await discovery.instances('replylost'), [{ ...instance, payloadClass: undefined }]);
    await discovery.close();
    assert.equal(await admin.exists('/faults/replylost/me'), null);
    await client.close();
});
test('a register cut off past its timeout rejects, keeps nothing, and leaves no node after the heal', async () => {
    const proxy = await startProxy(server.connectString);
    const client = await connect(proxy.connectString, { wire: 'built-in', sessionTimeout: 10_000 });
    const discovery = new ZkServiceDiscovery(client, '/faults');
    await client.mkdirp('/faults/cutoff');
    const suspended = nextEvent(client, 'suspended', 20_000);
    proxy.blackhole();
    const registering = discovery.register({ name: 'cutoff', id: 'me', address: 'h' }, { timeout: 500 });
    await assert.rejects(registering, (e) => e.name === 'OperationTimeoutError' || e.name === 'ConnectionLossError');
    await suspended; // the fault: the client was cut off
    assert.deepEqual(discovery.registered(), [], 'nothing kept');
    proxy.pass();
    await eventually(() => client.state === 'connected', 20_000, 'reconnected');
    await sleep(500); // the background removal, if the create had landed
    assert.equal(await admin.exists('/faults/cutoff/me'), null, 'no node');
    await discovery.close();
    await client.close();
});
//# sourceMappingURL=faults.test.js.map