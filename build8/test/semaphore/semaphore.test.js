var __addDisposableResource = (this && this.__addDisposableResource) || function (env, value, async) {
    if (value !== null && value !== void 0) {
        if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected.");
        var dispose, inner;
        if (async) {
            if (!Symbol.asyncDispose) throw new TypeError("Symbol.asyncDispose is not defined.");
            dispose = value[Symbol.asyncDispose];
        }
        if (dispose === void 0) {
            if (!Symbol.dispose) throw new TypeError("Symbol.dispose is not defined.");
            dispose = value[Symbol.dispose];
            if (async) inner = dispose;
        }
        if (typeof dispose !== "function") throw new TypeError("Object not disposable.");
        if (inner) dispose = function() { try { inner.call(this); } catch (e) { return Promise.reject(e); } };
        env.stack.push({ value: value, dispose: dispose, async: async });
    }
    else if (async) {
        env.stack.push({ async: true });
    }
    return value;
};
var __disposeResources = (this && this.__disposeResources) || (function (SuppressedError) {
    return function (env) {
        function fail(e) {
            env.error = env.hasError ? new SuppressedError(e, env.error, "An error was suppressed during disposal.") : e;
            env.hasError = true;
        }
        var r, s = 0;
        function next() {
            while (r = env.stack.pop()) {
                try {
                    if (!r.async && s === 1) return s = 0, env.stack.push(r), Promise.resolve().then(next);
                    if (r.dispose) {
                        var result = r.dispose.call(r.value);
                        if (r.async) return s |= 2, Promise.resolve(result).then(next, function(e) { fail(e); return next(); });
                    }
                    else s |= 1;
                }
                catch (e) {
                    fail(e);
                }
            }
            if (s === 1) return env.hasError ? Promise.reject(env.error) : Promise.resolve();
            if (env.hasError) throw env.error;
        }
        return next();
    };
})(typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
    var e = new Error(message);
    return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
});
/** ZkSemaphore against a real ZooKeeper: never more than the maximum, multi-lease, timeouts, loss, bad input. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LockUsageError, monotonicNow, ZkSemaphore } from '../../src/index.js';
import { connect, eventually, sleep, startProxy, startServer } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
/** The most intervals open at one moment. */
function maxOverlap(intervals) {
    const edges = intervals.flatMap(([a, b]) => [
        [a, 1],
        [b, -1],
    ]);
    // At the same instant a release comes before an acquire.
    edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let open = 0;
    let most = 0;
    for (const [, d] of edges) {
        open += d;
        most = Math.max(most, open);
    }
    return most;
}
/** The lease and lock nodes left under the semaphore `name`. */
async function nodesLeft(name) {
    const left = [];
    for (const dir of ['leases', 'locks']) {
        const children = await admin.getChildren(`/semaphores/${name}/${dir}`).catch(() => []);
        left.push(...children.map((c) => `${dir}/${c}`));
    }
    return left;
}
describe('ZkSemaphore', () => {
    test('6 clients, maxLeases 2, 60 cycles of real async work: never more than 2 holders at once', async () => {
        const clients = await Promise.all([0, 1, 2, 3, 4, 5].map(() => connect(server.connectString)));
        const intervals = [];
        await Promise.all(clients.map(async (c, i) => {
            const sem = new ZkSemaphore(c, 'overlap', { maxLeases: 2, identifier: `w${i}` });
            for (let k = 0; k < 10; k++) {
                await sem.run(async () => {
                    const start = monotonicNow();
                    await sleep(5 + Math.random() * 15);
                    await admin.exists('/semaphores/overlap'); // a real round trip while holding
                    intervals.push([start, monotonicNow()]);
                }, { timeout: 60_000 });
            }
        }));
        assert.equal(intervals.length, 60);
        const most = maxOverlap(intervals);
        assert.ok(most <= 2, `at most 2 holders at once, saw ${most}`);
        assert.equal(most, 2, 'the semaphore did let 2 in at once (the test can see an overlap)');
        await Promise.all(clients.map((c) => c.close()));
        assert.deepEqual(await nodesLeft('overlap'), []);
    });
    test('multi-lease acquire: all or none, released individually, no lease node left on timeout', async () => {
        const a = await connect(server.connectString);
        const b = await connect(server.connectString);
        const semA = new ZkSemaphore(a, 'multi', { maxLeases: 3, identifier: 'a' });
        const semB = new ZkSemaphore(b, 'multi', { maxLeases: 3, identifier: 'b' });
        const two = await semA.acquire({ leases: 2, timeout: 5000 });
        assert.equal(two.length, 2);
        assert.ok(two[0].fencingToken < two[1].fencingToken);
        assert.deepEqual(await semB.leases(), ['a', 'a']);
        // Only one is free: asking for two times out, and gives back the one it got.
        assert.deepEqual(await semB.acquire({ leases: 2, timeout: 300 }), []);
        assert.deepEqual(await semB.leases(), ['a', 'a']);
        await two[0].release();
        const bTwo = await semB.acquire({ leases: 2, timeout: 5000 });
        assert.equal(bTwo.length, 2);
        assert.deepEqual((await semA.leases()).sort(), ['a', 'b', 'b']);
        await Promise.all([...bTwo, ...two].map((l) => l.release()));
        assert.deepEqual(await semA.participants(), []);
        await Promise.all([a.close(), b.close()]);
        assert.deepEqual(await nodesLeft('multi'), []);
    });
    test('timeout and abort while waiting leave no lease node; await using releases', async () => {
        const a = await connect(server.connectString);
        const sem = new ZkSemaphore(a, 'waits', { maxLeases: 1, identifier: 'holder' });
        const other = new ZkSemaphore(admin, 'waits', { maxLeases: 1, identifier: 'waiter' });
        {
            const env_1 = { stack: [], error: void 0, hasError: false };
            try {
                const held = __addDisposableResource(env_1, (await sem.acquire(5000))[0], true);
                assert.ok(held.isAcquired);
                const t0 = monotonicNow();
                assert.deepEqual(await other.acquire(300), []);
                assert.ok(monotonicNow() - t0 < 300 + 1500, 'the timeout bounded the acquire');
                assert.deepEqual(await other.acquire(0), []);
                const ctl = new AbortController();
                setTimeout(() => ctl.abort(new Error('stop waiting')), 200);
                await assert.rejects(other.acquire({ signal: ctl.signal }), /stop waiting/);
                assert.deepEqual(await other.leases(), ['holder']);
                await assert.rejects(other.run(async () => 1, 100), /no lease of \/semaphores\/waits within 100 ms/);
            }
            catch (e_1) {
                env_1.error = e_1;
                env_1.hasError = true;
            }
            finally {
                const result_1 = __disposeResources(env_1);
                if (result_1)
                    await result_1;
            }
        }
        assert.deepEqual(await other.leases(), []);
        assert.equal(await other.run(async () => 7, 5000), 7);
        await a.close();
        await eventually(async () => (await nodesLeft('waits')).length === 0, 5000, 'no node left');
    });
    test('a holder partitioned away is told before its lease can go to another; its release is quiet', async () => {
        const proxy = await startProxy(server.connectString);
        const far = await connect(proxy.connectString);
        const sem = new ZkSemaphore(far, 'partition', { maxLeases: 1, identifier: 'far' });
        const rival = new ZkSemaphore(admin, 'partition', { maxLeases: 1, identifier: 'rival' });
        const [lease] = await sem.acquire(5000);
        assert.ok(lease);
        let told = Number.POSITIVE_INFINITY;
        lease.signal.addEventListener('abort', () => {
            told = monotonicNow();
        });
        // The fault first: while the holder is connected, nobody else gets in.
        assert.deepEqual(await rival.acquire(500), []);
        proxy.blackhole();
        const [taken] = await rival.acquire(20_000);
        const takenAt = monotonicNow();
        assert.ok(taken, 'the rival got the lease once the holder session expired');
        assert.ok(told < takenAt, `the holder was told (${told}) before the rival held (${takenAt})`);
        assert.ok(lease.signal.aborted);
        assert.equal(lease.isAcquired, false);
        await lease.release(); // quiet: nothing to delete, no throw
        await taken.release();
        proxy.pass();
        await far.close();
        await eventually(async () => (await nodesLeft('partition')).length === 0, 5000, 'no node left');
    });
    test('the maximum from a shared count node (Curator SharedCount: 4 bytes, big-endian)', async () => {
        const a = await connect(server.connectString);
        const seeded = new ZkSemaphore(a, 'counted', { countPath: '/counts/counted', maxLeases: 2 });
        assert.equal(await seeded.maxLeases(), 2);
        assert.deepEqual((await admin.getData('/counts/counted')).data, Buffer.from([0, 0, 0, 2]));
        const reader = new ZkSemaphore(admin, 'counted', { countPath: '/counts/counted' });
        const leases = await reader.acquire({ leases: 2, timeout: 5000 });
        assert.equal(leases.length, 2);
        const follower = new ZkSemaphore(a, 'counted', { countPath: '/counts/counted' });
        assert.deepEqual(await follower.acquire(200), []);
        // Raising the shared count lets a waiter in (it watches the count node too).
        const waiting = follower.acquire(10_000);
        await sleep(200);
        await admin.setData('/counts/counted', Buffer.from([0, 0, 0, 3]));
        const [third] = await waiting;
        assert.ok(third, 'a raised count let the waiter in');
        await assert.rejects(seeded.acquire(100), /holds 3, but this semaphore was given maxLeases 2/);
        await Promise.all([...leases, third].map((l) => l.release()));
        await a.close();
    });
    test('bad input: a clear error naming the value', async () => {
        assert.throws(() => new ZkSemaphore(admin, 's', { maxLeases: 0 }), /maxLeases must be a positive integer, got 0/);
        assert.throws(() => new ZkSemaphore(admin, 's', { maxLeases: -2 }), /got -2/);
        assert.throws(() => new ZkSemaphore(admin, 's', { maxLeases: 1.5 }), /got 1.5/);
        assert.throws(() => new ZkSemaphore(admin, 's', {}), /maxLeases or countPath/);
        assert.throws(() => new ZkSemaphore(admin, 'a/b', { maxLeases: 1 }), /semaphore name "a\/b"/);
        assert.throws(() => new ZkSemaphore(admin, 's', { maxLeases: 1, watchNode: 'yes' }), /watchNode must be a boolean, got/);
        const sem = new ZkSemaphore(admin, 'bad', { maxLeases: 2 });
        await assert.rejects(sem.acquire({ leases: 3 }), (e) => {
            assert.ok(e instanceof LockUsageError);
            assert.match(e.message, /asked for 3 leases of \/semaphores\/bad, whose maximum is 2/);
            return true;
        });
        await assert.rejects(sem.acquire({ leases: 0 }), /leases must be a positive integer, got 0/);
        await assert.rejects(sem.acquire({ leases: -1 }), /got -1/);
        await admin.mkdirp('/counts');
        await admin.create('/counts/three-bytes', Buffer.from([0, 0, 2]));
        const short = new ZkSemaphore(admin, 'bad', { countPath: '/counts/three-bytes' });
        await assert.rejects(short.acquire(100), /\/counts\/three-bytes holds 3 bytes \(0x000002\)/);
        await admin.create('/counts/zero', Buffer.from([0, 0, 0, 0]));
        const zero = new ZkSemaphore(admin, 'bad', { countPath: '/counts/zero' });
        await assert.rejects(zero.acquire(100), /the count stored in \/counts\/zero must be a positive integer, got 0/);
        const missing = new ZkSemaphore(admin, 'bad', { countPath: '/counts/none' });
        await assert.rejects(missing.acquire(100), /\/counts\/none does not exist/);
        assert.deepEqual(await nodesLeft('bad'), []);
    });
});
//# sourceMappingURL=semaphore.test.js.map