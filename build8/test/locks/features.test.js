/** What users bring from Redis and etcd locks: lease, renew, validity, force, revocation, try-lock, logger. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { LeaseExpiredError, LockLostError, LockUsageError, monotonicNow, NoAuthError, Perm, ZkLock, ZkReadWriteLock, } from '../../src/index.js';
import { connect, eventually, sleep, startServer } from '../helpers.js';
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
describe('lease and renew', () => {
    test('a holder that outlives its lease is released: signal aborts, next waiter gets the lock', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'lease');
        const waiter = new ZkLock(c2, 'lease');
        assert.equal(await holder.acquire({ lease: 400 }), true);
        assert.ok(holder.remaining() <= 400);
        const granted = waiter.acquire(10_000);
        assert.equal(await granted, true);
        assert.ok(holder.signal.aborted);
        assert.ok(holder.signal.reason instanceof LeaseExpiredError);
        assert.equal(holder.isAcquired, false);
        await holder.release(); // already lost: quiet
        await waiter.release();
    });
    test('renew keeps the lock past its first lease', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'renew');
        const other = new ZkLock(c2, 'renew');
        await holder.acquire({ lease: 400 });
        for (let i = 0; i < 5; i++) {
            await sleep(200);
            holder.renew();
        }
        assert.equal(holder.isAcquired, true);
        assert.equal(await other.acquire(100), false);
        holder.renew(60_000);
        assert.ok(holder.remaining() > 400);
        await holder.release();
        assert.throws(() => holder.renew(), LockUsageError);
        assert.throws(() => holder.renew(-1), RangeError);
    });
    test('validity: validUntil is the session deadline, capped by the lease', async () => {
        const c = await connect(server.connectString);
        const lock = new ZkLock(c, 'validity');
        assert.equal(lock.remaining(), 0);
        await lock.acquire();
        const r = lock.remaining();
        assert.ok(r > 0 && r <= c.sessionTimeout, `remaining ${r}`);
        assert.equal(lock.validUntil, c.validUntil);
        await lock.release();
        await lock.acquire({ lease: 300 });
        assert.ok(lock.validUntil <= monotonicNow() + 300);
        await lock.release();
    });
});
describe('force acquire', () => {
    test('evicts a live holder, whose signal aborts at once', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'force', { watchNode: true });
        const forcer = new ZkLock(c2, 'force');
        await holder.acquire();
        const lost = new Promise((resolve) => holder.once('lost', resolve));
        assert.equal(await forcer.acquire({ force: true, timeout: 5000 }), true);
        assert.ok((await lost) instanceof LockLostError);
        assert.ok(holder.signal.aborted);
        assert.equal(holder.isAcquired, false);
        assert.equal((await forcer.participantNodes()).length, 1);
        await forcer.release();
    });
    test('a forced writer evicts readers; a forced reader evicts only writers', async () => {
        const cs = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => connect(server.connectString)));
        const rw = (i) => new ZkReadWriteLock(cs[i], 'force-rw', { watchNode: true });
        const queue = async () => (await admin.getChildren('/locks/force-rw')).length;
        const reader = rw(0);
        const writer = rw(1);
        await reader.readLock.acquire();
        assert.equal(await writer.writeLock.acquire({ force: true, timeout: 5000 }), true);
        await eventually(() => !reader.readLock.isAcquired, 10_000, 'the reader evicted');
        // Behind the writer: a waiting reader, then a waiting writer. A forced reader arrives last.
        const waitingReader = rw(2);
        const waitingWriter = rw(3);
        const readerGranted = waitingReader.readLock.acquire(10_000);
        await eventually(async () => (await queue()) === 2, 10_000, 'the reader queued');
        // A writer that gets the lock releases it at once.
        const grantedAndReleased = (w) => w.writeLock.acquire(30_000).then(async (ok) => {
            if (ok)
                await w.writeLock.release();
            return ok;
        });
        const writerGranted = grantedAndReleased(waitingWriter);
        await eventually(async () => (await queue()) === 3, 10_000, 'the writer queued');
        const [, readerNode, writerNode] = await admin
            .getChildren('/locks/force-rw')
            .then((n) => n.sort((a, b) => a.slice(-10).localeCompare(b.slice(-10))));
        const forced = rw(4);
        assert.equal(await forced.readLock.acquire({ force: true, timeout: 5000 }), true);
        // Both writers went, the holder and the waiter; the waiting reader kept its node and got in.
        await eventually(() => !writer.writeLock.isAcquired, 10_000, 'the holding writer evicted');
        assert.equal(await readerGranted, true, 'the waiting reader was granted');
        assert.equal(waitingReader.readLock.nodePath, `/locks/force-rw/${readerNode}`, 'through its own node');
        assert.equal(await admin.exists(`/locks/force-rw/${writerNode}`), null, 'the waiting writer was evicted');
        // Two readers hold, a new writer waits behind them: one more forced reader evicts the writer only.
        const lateWriter = rw(5);
        const lateGranted = grantedAndReleased(lateWriter);
        await eventually(async () => (await queue()) === 3, 10_000, 'the late writer queued');
        const lateNode = (await admin.getChildren('/locks/force-rw')).find((n) => n.includes('__WRIT__'));
        assert.ok(lateNode, 'a write node in the queue');
        const third = rw(6);
        assert.equal(await third.readLock.acquire({ force: true, timeout: 5000 }), true);
        assert.equal(await admin.exists(`/locks/force-rw/${lateNode}`), null, 'the waiting writer was evicted');
        await sleep(200); // time for a wrongly deleted reader's node watch to fire
        for (const held of [waitingReader, forced]) {
            assert.equal(held.readLock.isAcquired, true, 'a holding reader survives a forced reader');
            assert.equal(held.readLock.signal.aborted, false);
            assert.notEqual(await admin.exists(held.readLock.nodePath), null);
        }
        assert.equal(lateWriter.writeLock.isAcquired, false);
        await Promise.all([waitingReader, forced, third].map((r) => r.readLock.release()));
        // The evicted writers queue again once they look, and get the lock in turn.
        assert.equal(await writerGranted, true);
        assert.equal(await lateGranted, true);
    });
    test('without DELETE permission on the lock directory: NoAuth, and nothing left behind', async () => {
        const digest = (cred) => {
            const [user] = cred.split(':');
            return `${user}:${createHash('sha1').update(cred).digest('base64')}`;
        };
        const owner = await connect(server.connectString, {
            auth: [{ scheme: 'digest', credentials: 'boss:pw' }],
        });
        await owner.mkdirp('/locks');
        await owner.create('/locks/guarded', undefined, {
            acl: [
                { perms: Perm.ALL, scheme: 'digest', id: digest('boss:pw') },
                { perms: Perm.READ | Perm.CREATE | Perm.WRITE, scheme: 'world', id: 'anyone' },
            ],
        });
        const holder = new ZkLock(owner, 'guarded');
        await holder.acquire();
        const stranger = await connect(server.connectString);
        const forcer = new ZkLock(stranger, 'guarded');
        await assert.rejects(forcer.acquire({ force: true, timeout: 2000 }), NoAuthError);
        assert.deepEqual(await admin.getChildren('/locks/guarded'), [holder.nodePath.split('/').pop()]);
        assert.equal(holder.isAcquired, true);
        await holder.release();
    });
});
describe('revocation, try-lock, identifier, logger', () => {
    test('requestRevoke reaches the holder, who decides', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'revoke');
        await holder.acquire();
        const asked = new Promise((resolve) => holder.once('revocationRequested', resolve));
        await ZkLock.requestRevoke(c2, holder.nodePath);
        assert.equal((await asked).path, holder.nodePath);
        await holder.release();
    });
    test('try-lock returns at once and leaves no node', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const holder = new ZkLock(c1, 'try');
        await holder.acquire();
        const t0 = monotonicNow();
        assert.equal(await new ZkLock(c2, 'try').acquire(0), false);
        assert.ok(monotonicNow() - t0 < c2.sessionTimeout, 'no waiting');
        assert.equal((await holder.participantNodes()).length, 1);
        await holder.release();
        assert.equal(await new ZkLock(c2, 'try').acquire(0), true);
    });
    test('the identifier is the node data; the logger hears about state changes', async () => {
        const lines = [];
        const record = (level) => (...args) => lines.push(`${level} ${args.join(' ')}`);
        const logger = {
            debug: record('debug'),
            info: record('info'),
            warn: record('warn'),
            error: record('error'),
        };
        const c = await connect(server.connectString, { logger });
        const lock = new ZkLock(c, 'ident', { identifier: 'worker-7' });
        await lock.acquire();
        assert.deepEqual(await lock.contenders(), ['worker-7']);
        assert.equal((await admin.getData(lock.nodePath)).data.toString(), 'worker-7');
        await lock.release();
        assert.ok(lines.some((l) => l.startsWith('info') && l.includes('session')), lines.join('\n'));
        assert.ok(lines.some((l) => l.startsWith('debug') && l.includes('acquired /locks/ident/')));
    });
});
//# sourceMappingURL=features.test.js.map