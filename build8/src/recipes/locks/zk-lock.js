/**
 * ZkLock: a distributed mutex on ZooKeeper, node-compatible with Curator's InterProcessMutex.
 *
 *   const lock = new ZkLock(client, 'test');        // contenders live under /locks/test
 *   if (await lock.acquire(20_000)) {
 *     try { await work(lock.fencingToken, lock.signal); } finally { await lock.release(); }
 *   }
 *   await lock.run(async (signal) => work(signal), { timeout: 5_000 });
 *   { await using h = await lock.lock({ timeout: 5_000 }); await work(h.fencingToken); }
 *
 * Who holds: inside `run(fn)` the hold belongs to fn's async call tree (nested acquire/run/lock
 * only count); outside any run(), plain acquire()/release() count per ZkLock object, and each
 * `lock()` handle is its own hold. See docs/locks.md.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { monotonicNow } from '../../client/clock.js';
import { parseConnectString } from '../../client/connect-string.js';
import { lockEvent } from '../../client/diagnostics.js';
import { describe, joinPath, validatePath } from '../../client/paths.js';
import { checkDuration, deadlineAfter, msUntil, settledBy } from '../../client/timers.js';
import { ClientClosedError, LockTimeoutError, LockUsageError } from '../../errors.js';
import { Hold, REVOKE_MESSAGE } from '../queue/hold.js';
import { ContenderQueue } from '../queue/contender-queue.js';
import { MUTEX } from './kinds.js';
import { LockHandle } from './lock-handle.js';
import { defaultIdentifier, LOCK_RULES, normalizeOptions, validateLockName, } from './lock-options.js';
export { LockHandle };
const NOT_HELD = AbortSignal.abort(new LockUsageError('the lock is not held'));
const EMPTY = new Set();
/**
 * A distributed mutex: contenders are EPHEMERAL_SEQUENTIAL children of `<root>/<name>`, the
 * lowest holds, each waiter watches only its predecessor. Fenced, reentrant, and told of loss
 * through `signal`. See docs/locks.md.
 *
 * ```ts
 * const lock = new ZkLock(client, 'test');
 * await lock.run(async (signal) => work(lock.fencingToken, signal), { timeout: 5_000 });
 * ```
 */
export class ZkLock extends EventEmitter {
    name;
    /** The lock's directory: `<root>/<name>`. */
    path;
    identifier;
    client;
    queue;
    logger;
    rules;
    watchNode;
    /** Active holds, so a revocationRequested listener added while held can start their watch. */
    holds = new Set();
    scope = new AsyncLocalStorage();
    objectHold;
    objectAcquiring;
    /**
     * @param client the session the lock's nodes belong to
     * @param name the lock's name: one path segment under `root`
     * @param options root, identifier, logger, cleanupParent, cleanupDelay, watchNode
     */
    constructor(client, name, options = {}) {
        super();
        if (!client || typeof client.create !== 'function') {
            throw new TypeError(`client must be a ZkClient, got ${describe(client)}`);
        }
        validateLockName(name);
        const root = options.root ?? '/locks';
        validatePath(root, 'root');
        const identifier = options.identifier ?? defaultIdentifier();
        if (typeof identifier !== 'string') {
            throw new TypeError(`identifier must be a string, got ${describe(identifier)}`);
        }
        this.client = client;
        this.name = name;
        this.path = joinPath(root, name);
        if (!parseConnectString(client.connectString).chroot && /^\/zookeeper(\/|$)/.test(this.path)) {
            throw new TypeError(`lock path ${this.path} is inside /zookeeper, ZooKeeper's own system node: choose another root or name`);
        }
        this.identifier = identifier;
        this.logger = options.logger ?? client.logger;
        this.rules = options[LOCK_RULES] ?? { kind: MUTEX };
        if (options.watchNode !== undefined && typeof options.watchNode !== 'boolean') {
            throw new TypeError(`watchNode must be a boolean, got ${describe(options.watchNode)}`);
        }
        if (options.cleanupParent !== undefined && typeof options.cleanupParent !== 'boolean') {
            throw new TypeError(`cleanupParent must be a boolean, got ${describe(options.cleanupParent)}`);
        }
        const cleanupDelay = checkDuration('cleanupDelay', options.cleanupDelay ?? 1000, { zero: true });
        this.watchNode = options.watchNode;
        // A revocationRequested listener added while held starts the watch it needs.
        this.on('newListener', (event) => {
            if (event === 'revocationRequested' && this.watchNode !== false)
                for (const h of this.holds)
                    h.watchNode();
        });
        this.queue = new ContenderQueue({
            client,
            dir: this.path,
            data: Buffer.from(identifier, 'utf8'),
            logger: this.logger,
            cleanupDelay: options.cleanupParent === false ? undefined : cleanupDelay,
        });
    }
    /** Curator-compatible revocation request: writes `__REVOKE__` into a holder's node. */
    static async requestRevoke(client, nodePath) {
        await client.setData(nodePath, Buffer.from(REVOKE_MESSAGE));
    }
    // ── Acquire and release ────────────────────────────────────────────────────
    /**
     * Resolves true once held, false when `timeout` passed first. Reentrant: inside run(), or
     * when this object already holds through acquire(), it only counts.
     */
    async acquire(timeoutOrOptions) {
        const opts = normalizeOptions(timeoutOrOptions);
        const scoped = this.scope.getStore();
        if (scoped)
            return this.reenter(scoped);
        const deadline = deadlineAfter(opts.timeout);
        // Plain acquire()s on one object form one hold: a second waits for the first, within its
        // own timeout and signal.
        while (this.objectAcquiring) {
            if (!(await settledBy(this.objectAcquiring, deadline, opts.signal)))
                return false;
        }
        if (this.objectHold?.active)
            return this.reenter(this.objectHold);
        const attempt = this.acquireHold({
            ...opts,
            timeout: deadline === Number.POSITIVE_INFINITY ? undefined : msUntil(deadline),
        });
        this.objectAcquiring = attempt;
        try {
            const hold = await attempt;
            if (!hold)
                return false;
            this.objectHold = hold;
            return true;
        }
        finally {
            this.objectAcquiring = undefined;
        }
    }
    /** Resolves a handle (usable with `await using`) or rejects with LockTimeoutError. */
    async lock(timeoutOrOptions) {
        const opts = normalizeOptions(timeoutOrOptions);
        const held = this.scope.getStore() ?? this.activeObjectHold();
        if (held) {
            this.reenter(held);
            return new LockHandle(held, (h) => this.releaseHold(h));
        }
        const hold = await this.acquireHold(opts);
        if (!hold)
            throw this.timeoutError(opts.timeout);
        return new LockHandle(hold, (h) => this.releaseHold(h));
    }
    /** Acquires, runs `fn(signal)` holding the lock, releases; resolves fn's result or rejects with its error. */
    async run(fn, timeoutOrOptions) {
        if (typeof fn !== 'function')
            throw new TypeError(`fn must be a function, got ${describe(fn)}`);
        const opts = normalizeOptions(timeoutOrOptions);
        const held = this.scope.getStore() ?? this.activeObjectHold();
        if (held) {
            this.reenter(held);
            try {
                return await this.scope.run(held, () => fn(held.signal));
            }
            finally {
                await this.releaseHold(held);
            }
        }
        const hold = await this.acquireHold(opts);
        if (!hold)
            throw this.timeoutError(opts.timeout);
        try {
            return await this.scope.run(hold, () => fn(hold.signal));
        }
        finally {
            await this.releaseHold(hold);
        }
    }
    /**
     * Releases one acquire() of the current task. A lock already lost releases quietly; a
     * task that does not hold it gets a LockUsageError.
     */
    async release() {
        const scoped = this.scope.getStore();
        if (scoped) {
            if (scoped.active && scoped.count <= 1) {
                throw new LockUsageError(`release() without a matching acquire() inside run() on ${this.path}`);
            }
            return this.releaseHold(scoped);
        }
        const hold = this.objectHold;
        if (!hold)
            throw new LockUsageError(`release() of ${this.path} by a task that does not hold it`);
        if (!hold.active) {
            this.objectHold = undefined; // lost earlier: nothing left to release
            return;
        }
        await this.releaseHold(hold);
    }
    /** Extends the current hold's lease (to `ms` from now, default: the lease it was acquired with). */
    renew(ms) {
        if (ms !== undefined)
            checkDuration('lease', ms);
        const hold = this.currentHold();
        if (!hold?.active)
            throw new LockUsageError(`renew() of ${this.path}, which this task does not hold`);
        hold.renew(ms);
    }
    // ── State of the current task's hold ───────────────────────────────────────
    get isAcquired() {
        return this.currentHold()?.active ?? false;
    }
    /** The czxid of our node: strictly greater for every later holder. Undefined when not held. */
    get fencingToken() {
        const h = this.currentHold();
        return h?.active ? h.fencingToken : undefined;
    }
    /** Aborts with LockLostError (or LeaseExpiredError) when the hold is lost. */
    get signal() {
        return this.currentHold()?.signal ?? NOT_HELD;
    }
    /** Our node's path while held. */
    get nodePath() {
        const h = this.currentHold();
        return h?.active ? h.path : undefined;
    }
    /** Monotonic ms (see monotonicNow) until which the hold is certain; 0 when not held. */
    get validUntil() {
        return this.currentHold()?.validUntil ?? 0;
    }
    /** ms the hold is still certain for; 0 when not held. */
    remaining() {
        return Math.max(0, this.validUntil - monotonicNow());
    }
    /** Identifiers of all contenders, holder first. */
    async contenders() {
        return (await this.queue.contenders()).map((c) => c.identifier);
    }
    /** Full paths of all contender nodes, holder first. */
    async participantNodes() {
        return (await this.queue.contenders()).map((c) => c.path);
    }
    /** Every contender with its identifier, mode and sequence, in queue order. */
    participants() {
        return this.queue.contenders();
    }
    // ── Internals shared with LockHandle and the read/write lock ───────────────
    /** @internal The hold of the current task: its run() scope, else this object's acquire() hold. */
    currentHold() {
        return this.scope.getStore() ?? this.objectHold;
    }
    /** @internal */
    async releaseHold(hold) {
        if (!hold.active) {
            if (this.objectHold === hold)
                this.objectHold = undefined;
            return;
        }
        hold.count -= 1;
        if (hold.count > 0)
            return;
        if (this.objectHold === hold)
            this.objectHold = undefined;
        await hold.release(this.rules.removeNode);
        publishLock('released', this.path, hold.path);
        this.emit('released', { path: hold.path });
    }
    /** Outside run(), this object's acquire() hold owns the lock for everything on this object. */
    activeObjectHold() {
        return this.objectHold?.active ? this.objectHold : undefined;
    }
    reenter(hold) {
        if (!hold.active) {
            if (hold.signal.aborted)
                throw hold.signal.reason;
            // Only a run() scope can still point at a released hold: a task it started outlived it.
            throw new LockUsageError(`${this.path}: called from a task started inside a run() that has already ended; its hold is released. Start the task outside run(), or keep run() waiting for it`);
        }
        hold.count += 1;
        return true;
    }
    async acquireHold(opts) {
        if (this.client.state === 'closed')
            throw new ClientClosedError(`cannot acquire ${this.path}: the client is closed`);
        this.rules.check?.();
        const node = await this.queue.acquire(this.rules.kind, {
            timeout: opts.timeout,
            signal: opts.signal,
            force: opts.force ?? false,
            ignore: this.rules.ignore ?? (() => EMPTY),
            grantAtOnce: this.rules.grantAtOnce ?? (() => false),
        });
        if (!node)
            return undefined;
        const hold = new Hold({
            node,
            client: this.client,
            queue: this.queue,
            logger: this.logger,
            on: {
                lost: (h, reason) => {
                    publishLock('lost', this.path, h.path, { reason });
                    this.emit('lost', reason);
                },
                revocationRequested: (h) => this.emit('revocationRequested', { path: h.path }),
                suspended: () => this.emit('suspended'),
            },
            lease: opts.lease,
            watchNode: this.watchNode ?? this.listenerCount('revocationRequested') > 0,
        });
        this.holds.add(hold);
        hold.onEnd(() => this.holds.delete(hold));
        this.logger.debug(`[zk-recipes] acquired ${node.path} (fencing token ${hold.fencingToken})`);
        publishLock('acquired', this.path, node.path, { fencingToken: hold.fencingToken });
        this.emit('acquired', { path: node.path, fencingToken: hold.fencingToken });
        return hold;
    }
    timeoutError(timeout) {
        return new LockTimeoutError(`could not acquire ${this.path} within ${timeout} ms`);
    }
}
/** Tells diagnostics_channel observers (see diagnostics.ts); free when nobody listens. */
function publishLock(event, lock, node, extra = {}) {
    if (lockEvent.hasSubscribers)
        lockEvent.publish({ event, lock, node, ...extra });
}
//# sourceMappingURL=zk-lock.js.map