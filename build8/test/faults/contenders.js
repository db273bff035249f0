/**
 * What a fault worker contends for, behind one interface: a lock (mutex, or a side of a
 * read/write lock), leadership of an election (one term per hold), or a semaphore's lease.
 *
 * Each hold's start is the grant's own time, taken where the recipe grants (its 'acquired' or
 * 'leader' event, or the semaphore's diagnostics event, in the same tick as the grant): a SIGSTOP
 * between the grant and the code after `await` must not move the hold's start past the pause
 * (the checker excuses a stopped holder only for grants made while it was stopped, so a start
 * recorded after the pause would look like a grant beside another holder).
 */
import { semaphoreEvent } from '../../src/client/diagnostics.js';
import { monotonicNow, ZkClient, ZkLeaderElection, ZkLock, ZkReadWriteLock, ZkSemaphore, } from '../../src/index.js';
export async function contender(cfg) {
    const client = new ZkClient(cfg.connect, {
        sessionTimeout: cfg.sessionTimeout,
        connectTimeout: 60_000,
        ...(cfg.safetyMargin === undefined ? {} : { safetyMargin: cfg.safetyMargin }),
    });
    await client.connect();
    const base = { client, mode: cfg.kind === 'read' ? 'shared' : 'exclusive' };
    switch (cfg.kind) {
        case 'leader':
            return { ...base, writes: true, acquire: (t, s) => leadOnce(client, cfg, t, s) };
        case 'semaphore':
            return { ...base, writes: false, acquire: semaphoreAcquirer(client, cfg) };
        default:
            return { ...base, writes: cfg.kind !== 'read', acquire: lockAcquirer(client, cfg) };
    }
}
function lockAcquirer(client, cfg) {
    const lock = cfg.kind === 'mutex'
        ? new ZkLock(client, cfg.name, { identifier: cfg.id })
        : new ZkReadWriteLock(client, cfg.name, { identifier: cfg.id })[cfg.kind === 'read' ? 'readLock' : 'writeLock'];
    let grantedAt = 0;
    // The token too: a hold lost between the grant and the code after `await acquire()` (a
    // partition that ends the session then) has no `lock.fencingToken` any more.
    let grantedToken = 0n;
    lock.on('acquired', (info) => {
        grantedAt = monotonicNow();
        grantedToken = info.fencingToken;
    });
    return async (timeout, signal) => {
        if (!(await lock.acquire({ timeout, signal })))
            return null;
        return {
            acquired: grantedAt,
            token: grantedToken,
            signal: lock.signal,
            release: () => lock.release(),
        };
    };
}
/** One term: a fresh participant (latch style) until elected; giving the term up closes it. */
async function leadOnce(client, cfg, timeout, signal) {
    const election = new ZkLeaderElection(client, cfg.name, { participantId: cfg.id });
    let term;
    election.once('leader', ({ fencingToken }) => {
        // The term's own signal, taken as it begins (a later lost term must not hide behind a new one).
        term = { acquired: monotonicNow(), token: fencingToken, signal: election.signal };
    });
    election.start();
    try {
        if (!(await election.whenLeader({ timeout, signal }))) {
            await election.close();
            return null;
        }
    }
    catch (e) {
        await election.close();
        throw e;
    }
    return { ...term, release: () => election.close() };
}
function semaphoreAcquirer(client, cfg) {
    const semaphore = new ZkSemaphore(client, cfg.name, { maxLeases: cfg.maxLeases, identifier: cfg.id });
    let grantedAt = 0;
    semaphoreEvent.subscribe((m) => {
        const e = m;
        if (e.event === 'acquired' && e.semaphore === semaphore.path)
            grantedAt = monotonicNow();
    });
    return async (timeout, signal) => {
        const [lease] = await semaphore.acquire({ timeout, signal });
        if (!lease)
            return null;
        return {
            acquired: grantedAt,
            token: lease.fencingToken,
            signal: lease.signal,
            release: () => lease.release(),
        };
    };
}
//# sourceMappingURL=contenders.js.map