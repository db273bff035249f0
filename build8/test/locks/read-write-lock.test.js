import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LockUsageError, ZkReadWriteLock } from '../../src/index.js';
import { connect, eventually, nextEvent, sleep, startProxy, startServer } from '../helpers.js';
const run = promisify(execFile);
const worker = fileURLToPath(new URL('../fixtures/counter-worker.js', import.meta.url));
let server;
let admin;
before(async () => {
    server = await startServer();
    admin = await connect(server.connectString);
});
const queueLength = async (name) => (await admin.getChildren(`/locks/${name}`).catch(() => [])).length;
describe('ZkReadWriteLock', () => {
    test('many readers hold at once; a writer excludes everyone', async () => {
        const clients = await Promise.all(Array.from({ length: 4 }, () => connect(server.connectString)));
        const locks = clients.map((c) => new ZkReadWriteLock(c, 'shared'));
        let inside = 0;
        let maxInside = 0;
        await Promise.all(locks.map((l) => l.readLock.run(async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await sleep(200);
            inside--;
        })));
        assert.ok(maxInside > 1, `readers overlapped (max ${maxInside})`);
        await locks[0].writeLock.acquire();
        assert.equal(await locks[1].readLock.acquire(200), false);
        assert.equal(await locks[2].writeLock.acquire(200), false);
        await locks[0].writeLock.release();
        assert.equal(await queueLength('shared'), 0);
    });
    test('fair: a waiting writer is not overtaken by readers that arrive after it', async () => {
        const [c1, c2, c3] = await Promise.all([1, 2, 3].map(() => connect(server.connectString)));
        const first = new ZkReadWriteLock(c1, 'fair');
        const writer = new ZkReadWriteLock(c2, 'fair');
        const late = new ZkReadWriteLock(c3, 'fair');
        await first.readLock.acquire();
        const order = [];
        const w = writer.writeLock.acquire().then(async () => {
            order.push('writer');
            await sleep(50);
            await writer.writeLock.release();
        });
        await eventually(async () => (await queueLength('fair')) === 2);
        const r = late.readLock.acquire().then(async () => {
            order.push('late reader');
            await late.readLock.release();
        });
        await eventually(async () => (await queueLength('fair')) === 3);
        assert.equal(await late.readLock.participantNodes().then((n) => n.length), 3);
        await sleep(100);
        assert.deepEqual(order, [], 'the late reader waits behind the writer');
        await first.readLock.release();
        await Promise.all([w, r]);
        assert.deepEqual(order, ['writer', 'late reader']);
    });
    test('downgrade: write → read at once, then release write and keep reading', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const rw = new ZkReadWriteLock(c1, 'downgrade');
        const other = new ZkReadWriteLock(c2, 'downgrade');
        await rw.writeLock.run(async () => {
            assert.equal(await rw.readLock.acquire(1000), true);
        });
        assert.equal(rw.writeLock.isAcquired, false);
        assert.equal(rw.readLock.isAcquired, true);
        assert.equal(await other.readLock.acquire(2000), true, 'other readers may join a downgraded reader');
        await other.readLock.release();
        assert.equal(await other.writeLock.acquire(200), false, 'writers still wait for the reader');
        await rw.readLock.release();
        assert.equal(await other.writeLock.acquire(2000), true);
        await other.writeLock.release();
    });
    test('downgrade with a writer queued in between keeps the writer out', async () => {
        const [c1, c2] = await Promise.all([connect(server.connectString), connect(server.connectString)]);
        const rw = new ZkReadWriteLock(c1, 'downgrade-queued');
        const other = new ZkReadWriteLock(c2, 'downgrade-queued');
        await rw.writeLock.acquire();
        const w = other.writeLock.acquire(10_000);
        await eventually(async () => (await queueLength('downgrade-queued')) === 2);
        assert.equal(await rw.readLock.acquire(1000), true);
        await rw.writeLock.release();
        await sleep(300);
        assert.equal(other.writeLock.isAcquired, false, 'the queued writer must not join our reader');
        await rw.readLock.release();
        assert.equal(await w, true);
        await other.writeLock.release();
        assert.equal(await queueLength('downgrade-queued'), 0);
    });
    test('upgrade is refused at once, without hanging', async () => {
        const c = await connect(server.connectString);
        const rw = new ZkReadWriteLock(c, 'upgrade');
        await rw.readLock.acquire();
        await assert.rejects(rw.writeLock.acquire(), LockUsageError);
        await rw.readLock.release();
        assert.equal(await queueLength('upgrade'), 0);
    });
    test('a reader whose session is lost lets the waiting writer in', async () => {
        const proxy = await startProxy(server.connectString);
        const readerClient = await connect(proxy.connectString);
        const writerClient = await connect(server.connectString);
        const reader = new ZkReadWriteLock(readerClient, 'reader-loss');
        const writer = new ZkReadWriteLock(writerClient, 'reader-loss');
        await reader.readLock.acquire();
        const w = writer.writeLock.acquire(30_000);
        await eventually(async () => (await queueLength('reader-loss')) === 2);
        const lost = nextEvent(reader.readLock, 'lost');
        proxy.blackhole();
        await lost;
        assert.equal(await w, true);
        await writer.writeLock.release();
        proxy.pass();
    });
    test('reader and writer processes interleaved across async work: a writer is never beside anyone, every increment lands', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'zk-rw-'));
        const file = join(dir, 'counter');
        writeFileSync(file, '0');
        try {
            // Writers read the counter, sleep 5 ms, write it + 1; readers read it, sleep, read it again.
            const kinds = ['read', 'write', 'read', 'write', 'read', 'read'];
            const outs = await Promise.all(kinds.map((k) => run(process.execPath, [worker, server.connectString, 'rw-mix', '25', file, k, '5'], {
                timeout: 120_000,
            })));
            const holds = outs
                .flatMap((o) => o.stdout.trim().split('\n'))
                .map((l) => JSON.parse(l));
            assert.equal(holds.length, 150);
            for (const a of holds) {
                for (const b of holds) {
                    if (a === b || a.acquired >= b.released || b.acquired >= a.released)
                        continue;
                    assert.ok(a.kind === 'read' && b.kind === 'read', 'a writer overlapped another holder');
                }
            }
            const writes = holds.filter((h) => h.kind === 'write').sort((a, b) => a.acquired - b.acquired);
            assert.equal(readFileSync(file, 'utf8'), String(writes.length), "every writer's increment landed");
            for (const [i, w] of writes.entries()) {
                assert.equal(w.read, i, `write ${i} read what the write before it wrote`);
            }
            for (const r of holds.filter((h) => h.kind === 'read')) {
                assert.equal(r.reread, r.read, 'the counter did not change under a reader');
                const before = writes.filter((w) => w.released <= r.acquired).length;
                assert.equal(r.read, before, 'a reader sees every write released before it acquired, and no other');
            }
            assert.equal(await queueLength('rw-mix'), 0);
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
//# sourceMappingURL=read-write-lock.test.js.map