/**
 * ZkSemaphore: at most N leases at once among every process, node-compatible with Curator's
 * InterProcessSemaphoreV2 on the same path:
 *
 *   <path>/locks    a mutex (Curator's InterProcessMutex; here a ZkLock): one acquirer at a time
 *   <path>/leases   EPHEMERAL_SEQUENTIAL lease nodes `_c_<uuid>-lease-<seq>`, data = participant id
 *
 * Acquiring one lease (Curator's internalAcquire1Lease): take the mutex, create our lease node,
 * read the leases with a watch until there are at most maxLeases children (ours among them),
 * release the mutex. Releasing deletes the lease node. Since only the mutex holder waits with a
 * node in `leases`, counting all children is what keeps every process under the maximum.
 *
 *   const sem = new ZkSemaphore(client, 'db', { maxLeases: 3 });
 *   await sem.run(async (signal) => query(signal), { timeout: 5_000 });
 *   { await using lease = (await sem.acquire({ timeout: 5_000 }))[0]; ... }
 */
import { randomUUID } from 'node:crypto';
import { monotonicNow } from '../../client/clock.js';
import { semaphoreEvent } from '../../client/diagnostics.js';
import { describe, joinPath, validatePath } from '../../client/paths.js';
import { at, deadlineAfter, msUntil, NO_LONGER_NEEDED } from '../../client/timers.js';
import { ClientClosedError, isOutcomeUnknown, LockTimeoutError, LockUsageError, NodeExistsError, NoNodeError, SessionExpiredError, } from '../../errors.js';
import { defaultIdentifier, validateLockName } from '../locks/lock-options.js';
import { ZkLock } from '../locks/zk-lock.js';
import { QueueDirectories, REQUEST_GRACE_MS } from '../queue/directories.js';
import { Hold } from '../queue/hold.js';
import { OwnNodes } from '../queue/own-nodes.js';
import { Lease } from './lease.js';
import { checkCountPath, checkMax, decodeCount, encodeCount, normalizeAcquire, } from './semaphore-options.js';
/** Curator's InterProcessSemaphoreV2 names. */
const LOCK_PARENT = 'locks';
const LEASE_PARENT = 'leases';
const LEASE_MARKER = '-lease-';
export class ZkSemaphore {
    name;
    /** The semaphore's directory: `<root>/<name>`. */
    path;
    identifier;
    client;
    logger;
    fixedMax;
    countPath;
    watchNode;
    mutex;
    leasesDir;
    nodes;
    dirs;
    constructor(client, name, options) {
        if (!client || typeof client.create !== 'function') {
            throw new TypeError(`client must be a ZkClient, got ${describe(client)}`);
        }
        validateLockName(name, 'semaphore name');
        if (!options || typeof options !== 'object') {
            throw new TypeError(`options must give maxLeases or countPath, got ${describe(options)}`);
        }
        const root = options.root ?? '/semaphores';
        validatePath(root, 'root');
        const identifier = options.identifier ?? defaultIdentifier();
        if (typeof identifier !== 'string') {
            throw new TypeError(`identifier must be a string, got ${describe(identifier)}`);
        }
        if (options.countPath !== undefined)
            this.countPath = checkCountPath(options.countPath);
        else if (options.maxLeases === undefined)
            throw new TypeError('options must give maxLeases or countPath, got neither');
        if (options.maxLeases !== undefined)
            this.fixedMax = checkMax(options.maxLeases);
        if (options.watchNode !== undefined && typeof options.watchNode !== 'boolean') {
            throw new TypeError(`watchNode must be a boolean, got ${describe(options.watchNode)}`);
        }
        this.watchNode = options.watchNode ?? false;
        this.client = client;
        this.name = name;
        this.path = joinPath(root, name);
        this.identifier = identifier;
        this.logger = options.logger ?? client.logger;
        // Curator's InterProcessMutex on <path>/locks: same marker ('-lock-'), same directory.
        this.mutex = new ZkLock(client, LOCK_PARENT, { root: this.path, identifier, logger: this.logger });
        this.leasesDir = joinPath(this.path, LEASE_PARENT);
        this.dirs = QueueDirectories.of(client);
        this.nodes = new OwnNodes({
            client,
            dir: this.leasesDir,
            data: Buffer.from(identifier, 'utf8'),
            logger: this.logger,
            cleanupDelay: 1000,
        }, this.dirs);
    }
    /**
     * Acquires `leases` leases (default 1), all or none. Resolves them, or an empty array when the
     * timeout passed first (no lease node is left behind); rejects with the signal's reason on abort.
     */
    async acquire(timeoutOrOptions) {
        const opts = normalizeAcquire(timeoutOrOptions);
        if (this.client.state === 'closed')
            throw new ClientClosedError(`cannot acquire ${this.path}: the client is closed`);
        const deadline = deadlineAfter(opts.timeout);
        const call = () => deadline === Number.POSITIVE_INFINITY
            ? { signal: opts.signal }
            : { timeout: msUntil(deadline) + REQUEST_GRACE_MS, signal: opts.signal };
        const max = await this.maxLeases(call());
        if (opts.leases > max) {
            throw new LockUsageError(`asked for ${opts.leases} leases of ${this.path}, whose maximum is ${max}`);
        }
        // Curator's way: one lease at a time, each under the mutex; on failure give back what we got.
        const got = [];
        try {
            while (got.length < opts.leases) {
                const lease = await this.acquireOne(deadline, opts.timeout === 0, opts.signal, call);
                if (!lease)
                    break;
                got.push(lease);
            }
        }
        catch (e) {
            await Promise.allSettled(got.map((l) => l.release()));
            throw e;
        }
        if (got.length < opts.leases) {
            await Promise.allSettled(got.map((l) => l.release()));
            return [];
        }
        return got;
    }
    /** Acquires one lease, runs `fn(signal)` holding it, releases; rejects with LockTimeoutError on timeout. */
    async run(fn, timeoutOrOptions) {
        if (typeof fn !== 'function')
            throw new TypeError(`fn must be a function, got ${describe(fn)}`);
        const opts = normalizeAcquire(timeoutOrOptions);
        const [lease] = await this.acquire({ ...opts, leases: 1 });
        if (!lease)
            throw new LockTimeoutError(`no lease of ${this.path} within ${opts.timeout} ms`);
        try {
            return await fn(lease.signal);
        }
        finally {
            await lease.release();
        }
    }
    /** The maximum now: the fixed one, or the shared count's (created with ours when missing). */
    async maxLeases(call = {}) {
        if (this.countPath === undefined)
            return this.fixedMax;
        return this.readCount(call);
    }
    /** The current lease holders, in lease order. */
    async participants() {
        let children;
        try {
            children = await this.client.getChildren(this.leasesDir);
        }
        catch (e) {
            if (e instanceof NoNodeError)
                return [];
            throw e;
        }
        const leases = children
            .filter((c) => c.includes(LEASE_MARKER))
            .sort((a, b) => a.slice(-10).localeCompare(b.slice(-10)));
        const data = await Promise.all(leases.map((c) => this.client.getData(joinPath(this.leasesDir, c)).then((r) => r.data.toString('utf8'), (e) => (e instanceof NoNodeError ? undefined : Promise.reject(e)))));
        return leases.flatMap((c, i) => data[i] === undefined ? [] : [{ path: joinPath(this.leasesDir, c), identifier: data[i] }]);
    }
    /** The current lease holders' participant ids (Curator's getParticipantNodes' data). */
    async leases() {
        return (await this.participants()).map((p) => p.identifier);
    }
    async readCount(call, watch) {
        const path = this.countPath;
        try {
            const { data } = await this.client.getData(path, { ...call, ...(watch && { watch }) });
            const stored = decodeCount(path, data);
            if (this.fixedMax !== undefined && stored !== this.fixedMax) {
                throw new LockUsageError(`count node ${path} holds ${stored}, but this semaphore was given maxLeases ${this.fixedMax}`);
            }
            return stored;
        }
        catch (e) {
            if (!(e instanceof NoNodeError))
                throw e;
            if (this.fixedMax === undefined) {
                throw new LockUsageError(`count node ${path} does not exist and no maxLeases was given to create it`);
            }
            await this.client.mkdirp(path.slice(0, path.lastIndexOf('/')) || '/', call).catch(() => { });
            await this.client
                .create(path, encodeCount(this.fixedMax), call)
                .catch((c) => (c instanceof NodeExistsError ? undefined : Promise.reject(c)));
            return this.readCount(call, watch);
        }
    }
    /** One lease under the mutex; null at the deadline. Queues again when a session ends mid-way. */
    async acquireOne(deadline, tryOnce, signal, call) {
        for (;;) {
            const timeout = deadline === Number.POSITIVE_INFINITY ? undefined : tryOnce ? 0 : msUntil(deadline);
            let mutex;
            try {
                mutex = await this.mutex.lock({ timeout, signal });
            }
            catch (e) {
                if (e instanceof LockTimeoutError)
                    return null;
                throw e;
            }
            try {
                const got = await this.leaseUnderMutex(deadline, tryOnce, signal, call);
                if (got !== 'again')
                    return got;
            }
            finally {
                await mutex.release();
            }
            if (monotonicNow() >= deadline)
                return null;
        }
    }
    async leaseUnderMutex(deadline, tryOnce, signal, call) {
        const uuid = randomUUID();
        const mayBeMissing = !this.dirs.knownToExist(this.leasesDir);
        this.dirs.enter(this.leasesDir, true);
        let node;
        try {
            const created = await this.nodes.create(`_c_${uuid}${LEASE_MARKER}`, uuid, deadline, call, mayBeMissing);
            if (!created) {
                await this.nodes.leaveDir();
                return null;
            }
            node = created.node;
            for (;;) {
                const reads = new AbortController();
                let wake;
                const changed = new Promise((r) => {
                    wake = r;
                });
                try {
                    const watched = { ...call(), signal: AbortSignal.any([reads.signal, ...(signal ? [signal] : [])]) };
                    const max = this.countPath === undefined ? this.fixedMax : await this.readCount(watched, () => wake());
                    const children = await this.client.getChildren(this.leasesDir, { ...watched, watch: () => wake() });
                    if (!children.includes(node.name)) {
                        // Gone with its session (Curator's RETRY_DUE_TO_MISSING_NODE): queue again.
                        this.nodes.forget(node);
                        return 'again';
                    }
                    // Curator counts every child: only the mutex holder waits with a node here.
                    if (children.length <= max)
                        return this.grant(node);
                    if (tryOnce || monotonicNow() >= deadline) {
                        await this.nodes.remove(node);
                        return null;
                    }
                    await new Promise((resolve) => {
                        const timer = at(deadline, resolve);
                        const done = () => {
                            timer.clear();
                            signal?.removeEventListener('abort', done);
                            this.client.sessionSignal?.removeEventListener('abort', done);
                            resolve();
                        };
                        void changed.then(done);
                        signal?.addEventListener('abort', done, { once: true });
                        this.client.sessionSignal?.addEventListener('abort', done, { once: true });
                    });
                    signal?.throwIfAborted();
                }
                finally {
                    reads.abort(NO_LONGER_NEEDED); // removes the watches of this look
                }
            }
        }
        catch (e) {
            if (node)
                await this.nodes.remove(node);
            else
                await this.nodes.leaveDir();
            if (signal?.aborted)
                throw signal.reason;
            // Our node went with its session, or the connection dropped: queue again within the deadline.
            const again = e instanceof SessionExpiredError || isOutcomeUnknown(e);
            if (again && this.client.state !== 'closed' && monotonicNow() < deadline)
                return 'again';
            throw e;
        }
    }
    grant(node) {
        const hold = new Hold({
            node,
            client: this.client,
            queue: this.nodes,
            logger: this.logger,
            watchNode: this.watchNode,
            on: {
                lost: (h, reason) => publish('lost', this.path, h.path, h.fencingToken, reason),
                revocationRequested: () => { },
                suspended: () => { },
            },
        });
        if (!hold.active)
            return 'again'; // its session ended before we could count it
        publish('acquired', this.path, node.path, hold.fencingToken);
        return new Lease(hold, async (h) => {
            const wasActive = h.active;
            await h.release();
            if (wasActive)
                publish('released', this.path, h.path, h.fencingToken);
        });
    }
}
/** Tells diagnostics_channel observers (see diagnostics.ts); free when nobody listens. */
function publish(event, semaphore, node, fencingToken, reason) {
    if (semaphoreEvent.hasSubscribers)
        semaphoreEvent.publish({ event, semaphore, node, fencingToken, reason });
}
//# sourceMappingURL=zk-semaphore.js.map