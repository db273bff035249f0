/**
 * ZkClient, the API: one trustworthy ZooKeeper session at a time, on a wire (wire-contract.ts).
 * Its own account of the session is the send time of the latest request whose touch the leader
 * certainly heard of (session.ts `answered`): ZooKeeper cannot expire the session before that +
 * the negotiated timeout, which gives `validUntil`, until which our ephemeral nodes (and so our
 * locks) certainly exist. The parts: session-keeper.ts (states, events, connect, close),
 * liveness.ts (the watchdog), session.ts (one session's requests and watches), options.ts
 * (checked options), retry.ts (the one retry loop), operations.ts (the 3.5–3.9 operations).
 */
import { EventEmitter } from 'node:events';
import { isOutcomeUnknown, type NoNodeError } from '../errors.js';
import type { ClosingTask } from './closing-session.js';
import type { ClientState, Emit, ZkClientEvents } from './events.js';
import { explainNoNode, mkdirp } from './node-paths.js';
import {
  type AddWatchOptions,
  checkMultiOps,
  isBasicMode,
  Operations,
  type PersistentWatch,
} from './operations.js';
import {
  type CallOptions,
  type ClientSettings,
  type CreateOptions,
  checkCall,
  checkCreateMode,
  checkData,
  checkVersion,
  checkWatch,
  type ReadOptions,
  resolveClientOptions,
  type ZkClientOptions,
} from './options.js';
import { validatePath } from './paths.js';
import { retrying } from './retry.js';
import { bounded, type Issue, type WatchedIssue } from './session.js';
import { SessionKeeper } from './session-keeper.js';
import { checkDuration, deadlineAfter, msUntil } from './timers.js';
import type {
  Acl,
  ClientInfo,
  Logger,
  Op,
  OpResult,
  ReadOp,
  ReadOpResult,
  Stat,
  Watcher,
  WatcherType,
} from './types.js';
import type { WatchKind } from './watches.js';

export type { ClosingSession } from './closing-session.js';
export type { ClientState, ZkClientEvents } from './events.js';
export type { AddWatchOptions, PersistentWatch } from './operations.js';
export type { CallOptions, CreateOptions, ReadOptions, RetryPolicy, ZkClientOptions } from './options.js';

/**
 * One trustworthy ZooKeeper session at a time: liveness, a safe deadline (`validUntil`),
 * typed errors, bounded requests, and a fresh session after expiry. See docs/connection.md.
 *
 * ```ts
 * const client = new ZkClient('127.0.0.1:2181', { sessionTimeout: 10_000 });
 * await client.connect();
 * client.on('lost', () => console.warn('every lock of this client is gone'));
 * ```
 */
export class ZkClient extends EventEmitter<ZkClientEvents> {
  readonly connectString: string;
  readonly defaultAcl: readonly Acl[];
  readonly logger: Logger;
  private readonly settings: ClientSettings;
  private readonly keeper: SessionKeeper;
  private readonly ops: Operations;

  constructor(connectString: string, options: ZkClientOptions = {}) {
    super();
    this.settings = resolveClientOptions(connectString, options);
    this.connectString = connectString;
    this.defaultAcl = this.settings.acl;
    this.logger = this.settings.logger;
    // biome-ignore lint/suspicious/noExplicitAny: the keeper's events are ZkClientEvents, checked at its calls
    const emit = (event: keyof ZkClientEvents, ...args: unknown[]) => (this.emit as any)(event, ...args);
    this.keeper = new SessionKeeper(this, connectString, this.settings, emit as Emit);
    this.ops = new Operations({
      backend: this.settings.wire,
      defaultAcl: this.defaultAcl,
      liveSession: () => this.keeper.liveSession(),
      send: (op, path, issue, call) => this.send(op, path, issue, call),
      onListenerThrow: (e) => this.logger.error('[zk-recipes] a watch listener threw', e),
    });
  }

  // ── Session truth ──────────────────────────────────────────────────────────

  get state(): ClientState {
    return this.keeper.state;
  }

  /** Hex id of the current session, undefined before the first one. */
  get sessionId(): string | undefined {
    return this.keeper.session?.id;
  }

  /** The current session id as ZooKeeper's signed 64-bit value (a node's `ephemeralOwner`), undefined before the first session. */
  get sessionOwner(): bigint | undefined {
    return this.keeper.session?.owner;
  }

  /** @internal Connections established so far (new sessions and reconnects alike). */
  get connects(): number {
    return this.keeper.connects;
  }

  /** @internal How many one-shot watches of callers wait on the current session (for leak checks). */
  get pendingWatches(): number {
    return this.keeper.session?.watches.size ?? 0;
  }

  /** The session timeout the server granted, in ms. */
  get sessionTimeout(): number {
    return this.keeper.session?.negotiatedTimeout ?? this.settings.sessionTimeout;
  }

  /**
   * Monotonic ms (see `monotonicNow()`) until which the current session certainly lives;
   * 0 when there is no live session. Nobody else can be granted a lock we hold before then.
   */
  get validUntil(): number {
    return this.keeper.validUntil;
  }

  /** @internal Declares the session lost at once if `validUntil` has passed (a look after a stop). */
  enforceDeadline(): void {
    this.keeper.watchdog.enforceDeadline();
  }

  /**
   * @internal The current session's end: aborted (with SessionExpiredError, or ClientClosedError
   * at close()) before anyone else can be granted what the session held. Undefined without a session.
   */
  get sessionSignal(): AbortSignal | undefined {
    return this.keeper.session?.ending.signal;
  }

  /**
   * @internal Aborted when the connection stops being usable (suspended, lost, closed): a release's
   * delete (which then goes on in the background) waits no longer than that.
   */
  get connectionSignal(): AbortSignal {
    return this.keeper.connectionSignal;
  }

  /**
   * Resolves once a session is up (starting one if needed). The first connect rejects with
   * `ConnectTimeoutError` after `connectTimeout` and stops trying; later calls just wait.
   */
  async connect(opts: { signal?: AbortSignal; timeout?: number } = {}): Promise<void> {
    const timeout =
      opts.timeout === undefined
        ? this.settings.connectTimeout
        : checkDuration('timeout', opts.timeout, { zero: true, infinite: true });
    return this.keeper.connect(timeout, opts.signal);
  }

  /**
   * @internal Runs `task` when close() begins, with the ending session's last requests: they
   * outlive a connection loss (close() waits for a suspended session to reconnect), within
   * the close's bound. The lock recipes flush their deferred deletes this way. Returns the
   * unregister function.
   */
  onClosing(task: ClosingTask): () => void {
    this.keeper.closingTasks.add(task);
    return () => this.keeper.closingTasks.delete(task);
  }

  /**
   * Ends the session (our ephemeral nodes go at once) and stops everything. Idempotent, safe in
   * any state; settles within min(2 s, requestTimeout), plus 250 ms at most. What depends on the
   * session (a held lock) is told first. A session that is suspended rather than lost is given
   * that long to reconnect, so that it ends now rather than at its expiry.
   */
  close(): Promise<void> {
    return this.keeper.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ── Requests ───────────────────────────────────────────────────────────────

  /** Sends one request on the live session, bounded by `call` and requestTimeout. */
  private send<T>(op: string, path: string, issue: Issue<T>, call: CallOptions): Promise<T> {
    return this.keeper.liveSession().send(op, path, issue, bounded(call, this.keeper.requestTimeout));
  }

  /**
   * A read, with its watch, retried (it is idempotent) when its outcome is unknown, within the
   * call's one deadline: `call.timeout` bounds all attempts together, and the signal stops them.
   */
  private read<T>(
    kind: WatchKind,
    path: string,
    watch: Watcher | undefined,
    call: CallOptions,
    issue: WatchedIssue<T>,
  ): Promise<T> {
    this.keeper.liveSession(); // not connected or closed: say so at once, not after retries
    const once = (c: CallOptions) =>
      this.keeper.liveSession().read(kind, path, watch, bounded(c, this.keeper.requestTimeout), issue);
    const policy = this.settings.retry;
    if (!policy) return once(call);
    const deadline = deadlineAfter(call.timeout);
    const finite = deadline !== Number.POSITIVE_INFINITY;
    return retrying(() => once(finite ? { signal: call.signal, timeout: msUntil(deadline) } : call), {
      policy,
      deadline,
      signal: call.signal,
      again: (e) => this.keeper.state !== 'closed' && isOutcomeUnknown(e),
      onRetry: (e, n) => this.logger.debug(`[zk-recipes] read attempt ${n} failed: ${e.message}; retrying`),
    });
  }

  /** Creates a node; resolves the created path (with the sequence suffix for sequential modes). */
  create(path: string, data?: Buffer, opts: CreateOptions = {}): Promise<string> {
    return this.createWithZxid(path, data, opts).then((r) => r.path);
  }

  /**
   * Like `create`, and also resolves the new node's czxid (the create's transaction id),
   * which costs no extra round trip. The lock recipes use it as the fencing token.
   */
  createWithZxid(
    path: string,
    data?: Buffer,
    opts: CreateOptions = {},
  ): Promise<{ path: string; czxid: bigint }> {
    const mode = checkCreateMode(opts.mode ?? 'persistent');
    if (!isBasicMode(mode) || opts.ttl !== undefined)
      return this.createWithStat(path, data, opts).then((r) => ({ path: r.path, czxid: r.stat.czxid }));
    validatePath(path);
    checkData(data, true);
    const acl = opts.acl ?? this.defaultAcl;
    checkCall(opts);
    return this.send('create', path, (w, cb) => w.create(path, data, acl, mode, cb), opts);
  }

  /** Like `create`, with the new node's Stat from the same reply (create2). Built-in wire; every mode. */
  createWithStat(
    path: string,
    data?: Buffer,
    opts: CreateOptions = {},
  ): Promise<{ path: string; stat: Stat }> {
    return this.ops.createWithStat(path, data, opts);
  }

  /** Deletes a node; `version` -1 (default) matches any version. */
  delete(path: string, version = -1, opts: CallOptions = {}): Promise<void> {
    validatePath(path);
    checkVersion(version);
    checkCall(opts);
    return this.send<void>('delete', path, (w, cb) => w.remove(path, version, cb), opts);
  }

  /** The node's Stat, or null when it does not exist (a watch then fires on its creation). */
  exists(path: string, opts: ReadOptions = {}): Promise<Stat | null> {
    validatePath(path);
    const watch = checkWatch(opts);
    return this.read<Stat | null>('exists', path, watch, opts, (w, ww, cb) => w.exists(path, ww, cb));
  }

  getData(path: string, opts: ReadOptions = {}): Promise<{ data: Buffer; stat: Stat }> {
    validatePath(path);
    const watch = checkWatch(opts);
    return this.read<{ data: Buffer; stat: Stat }>('data', path, watch, opts, (w, ww, cb) =>
      w.getData(path, ww, cb),
    );
  }

  getChildren(path: string, opts: ReadOptions = {}): Promise<string[]> {
    validatePath(path);
    const watch = checkWatch(opts);
    return this.read<{ children: string[]; stat: Stat }>('child', path, watch, opts, (w, ww, cb) =>
      w.getChildren(path, ww, cb),
    ).then((r) => r.children);
  }

  /** The children and the node's Stat in one reply (getChildren2), with an optional one-shot watch. */
  getChildrenWithStat(path: string, opts: ReadOptions = {}): Promise<{ children: string[]; stat: Stat }> {
    validatePath(path);
    const watch = checkWatch(opts);
    return this.read<{ children: string[]; stat: Stat }>('child', path, watch, opts, (w, ww, cb) =>
      w.getChildren(path, ww, cb),
    );
  }

  setData(path: string, data: Buffer, version = -1, opts: CallOptions = {}): Promise<Stat> {
    validatePath(path);
    checkData(data, false);
    checkVersion(version);
    checkCall(opts);
    return this.send<Stat>('setData', path, (w, cb) => w.setData(path, data, version, cb), opts);
  }

  /** Runs the operations atomically. A failure rejects with the failing op's typed error (its `opIndex` set). */
  multi(ops: readonly Op[], opts: CallOptions = {}): Promise<OpResult[]> {
    checkMultiOps(ops);
    checkCall(opts);
    return this.send<OpResult[]>(
      'multi',
      ops[0]?.path ?? '/',
      (w, cb) => w.multi(ops, this.defaultAcl, cb),
      opts,
    );
  }

  /**
   * Creates `path` and its missing parents (persistent), all sent at once: one round trip, as a
   * session's requests are answered in order. A missing chroot rejects with ChrootMissingError.
   */
  mkdirp(path: string, opts: { acl?: readonly Acl[] } & CallOptions = {}): Promise<void> {
    return mkdirp(this, path, opts);
  }

  /** @internal For a NoNode of a path that should exist: ChrootMissingError if the chroot is missing, else `err`. */
  explainNoNode(err: NoNodeError, call: CallOptions = {}): Promise<NoNodeError> {
    return explainNoNode(this, err, call);
  }

  /** Deletes the node when it has no children; false when it is not empty or already gone. */
  deleteIfEmpty(path: string, opts: CallOptions = {}): Promise<boolean> {
    validatePath(path);
    checkCall(opts);
    return this.keeper.liveSession().deleteIfEmpty(path, bounded(opts, this.keeper.requestTimeout));
  }

  // ── ZooKeeper 3.5–3.9 operations (operations.ts; the built-in wire only) ──

  getACL(path: string, opts: CallOptions = {}): Promise<{ acl: Acl[]; stat: Stat }> {
    return this.ops.getACL(path, opts);
  }

  /** Sets the node's ACL; `version` -1 (default) matches any ACL version. */
  setACL(path: string, acl: readonly Acl[], version = -1, opts: CallOptions = {}): Promise<Stat> {
    return this.ops.setACL(path, acl, version, opts);
  }

  /** Resolves once the server we talk to has caught up with the leader (reads after it see every earlier write). */
  sync(path: string, opts: CallOptions = {}): Promise<void> {
    return this.ops.sync(path, opts);
  }

  /** Several reads in one request (3.6): each answers or fails (`{ op: 'error' }`) on its own. */
  multiRead(ops: readonly ReadOp[], opts: CallOptions = {}): Promise<ReadOpResult[]> {
    return this.ops.multiRead(ops, opts);
  }

  /** A persistent watch (3.6), kept across reconnects until `remove()` or the session's end. */
  addWatch(path: string, opts: AddWatchOptions): Promise<PersistentWatch> {
    return this.ops.addWatch(path, opts);
  }

  /** Removes the session's watches of `type` at `path` (3.5); they never fire. */
  removeWatches(path: string, type: WatcherType = 'any', opts: CallOptions = {}): Promise<void> {
    return this.ops.removeWatches(path, type, opts);
  }

  /** This session's ephemeral nodes whose paths start with `prefix` (3.6). */
  getEphemerals(prefix = '/', opts: CallOptions = {}): Promise<string[]> {
    return this.ops.getEphemerals(prefix, opts);
  }

  /** How many nodes are below `path`, at any depth (3.6). */
  getAllChildrenNumber(path: string, opts: CallOptions = {}): Promise<number> {
    return this.ops.getAllChildrenNumber(path, opts);
  }

  /** The identities the server holds for this session (3.7). */
  whoAmI(opts: CallOptions = {}): Promise<ClientInfo[]> {
    return this.ops.whoAmI(opts);
  }

  /** The ensemble's configuration, `/zookeeper/config` (3.5), read outside any chroot. */
  getConfig(opts: CallOptions = {}): Promise<{ config: string; stat: Stat }> {
    return this.ops.getConfig(opts);
  }
}
