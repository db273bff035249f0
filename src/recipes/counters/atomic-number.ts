/**
 * An atomic number in one node, changed by optimistic compare-and-set (Curator's
 * DistributedAtomicValue, in spirit): read the value and its version, compute the new value,
 * write it with that version; a concurrent writer makes the write fail (BadVersion) and the
 * attempt is made again through the one retry loop (retry.ts), within one deadline and signal.
 *
 * Every write is a confirmedWrite (confirmed-write.ts), so a change whose answer was lost is
 * neither lost nor doubled: it resolves when it was applied exactly once, is tried again when it
 * was not, and rejects with CounterOutcomeUnknownError only when the session that sent it ended
 * before that could be told. ZkAtomicLong and ZkCounter are this with Curator's and Kazoo's
 * encodings.
 */
import type { CallOptions, ZkClient } from '../../client/zk-client.js';
import { NoNodeError } from '../../errors.js';
import { checkClient } from '../shared/call.js';
import {
  attempts,
  type CounterContext,
  callFor,
  createIfMissing,
  ensureParent,
  forceWrite,
} from './attempts.js';
import { confirmedWrite } from './confirmed-write.js';
import {
  type CounterCallOptions,
  checkCounterPath,
  type ResolvedCall,
  resolveCall,
  resolveRetry,
  type ZkCounterOptions,
} from './counter-options.js';
import type { Codec } from './encoding.js';

/** What a change did: the value before it and after it. */
export interface AtomicChange {
  preValue: bigint;
  postValue: bigint;
}

/** What a compare-and-set did: `succeeded` false when the value was not the expected one (then postValue = preValue). */
export interface AtomicCompareAndSet extends AtomicChange {
  succeeded: boolean;
}

/** The value and the node's version (-1: no node yet, read as 0). */
interface Current {
  value: bigint;
  version: number;
}

export class AtomicNumber {
  readonly path: string;
  protected readonly client: ZkClient;
  private readonly ctx: CounterContext;

  /** @internal ZkAtomicLong and ZkCounter choose the codec. */
  constructor(
    client: ZkClient,
    path: string,
    private readonly codec: Codec<bigint>,
    options: ZkCounterOptions = {},
  ) {
    this.client = checkClient(client);
    this.path = checkCounterPath(path);
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    this.ctx = {
      client,
      path: this.path,
      logger: options.logger ?? client.logger,
      retry: resolveRetry(options.retry),
    };
  }

  /** The current value; a node that does not exist yet reads as 0 (as Curator's and Kazoo's do). */
  async get(opts?: CounterCallOptions): Promise<bigint> {
    const call = resolveCall(opts);
    return (await this.read(callFor(call))).value;
  }

  /** Adds 1; resolves the values before and after. */
  increment(opts?: CounterCallOptions): Promise<AtomicChange> {
    return this.add(1n, opts);
  }

  /** Subtracts 1. */
  decrement(opts?: CounterCallOptions): Promise<AtomicChange> {
    return this.add(-1n, opts);
  }

  /** Adds `delta` (a bigint or a safe integer); a result outside the encoding's range is a RangeError, not applied. */
  add(delta: bigint | number, opts?: CounterCallOptions): Promise<AtomicChange> {
    const d = this.codec.check('delta', delta);
    return this.change(resolveCall(opts), (pre) => this.codec.check(`${pre} + ${d}`, pre + d));
  }

  /** Subtracts `delta`. */
  subtract(delta: bigint | number, opts?: CounterCallOptions): Promise<AtomicChange> {
    const d = this.codec.check('delta', delta);
    return this.change(resolveCall(opts), (pre) => this.codec.check(`${pre} - ${d}`, pre - d));
  }

  /** Sets `value` whatever the current one is, through the same optimistic loop (Curator's trySet). */
  trySet(value: bigint | number, opts?: CounterCallOptions): Promise<AtomicChange> {
    const v = this.codec.check('value', value);
    return this.change(resolveCall(opts), () => v);
  }

  /**
   * Sets `value` if the current value is `expected` (a missing node counts as 0). Tried again
   * only when another writer changed the node between our read and our write.
   */
  async compareAndSet(
    expected: bigint | number,
    value: bigint | number,
    opts?: CounterCallOptions,
  ): Promise<AtomicCompareAndSet> {
    const want = this.codec.check('expected', expected);
    const v = this.codec.check('value', value);
    let seen: bigint | undefined;
    const r = await this.change(resolveCall(opts), (pre) => {
      seen = pre;
      return pre === want ? v : undefined;
    });
    if (r) return { succeeded: true, ...r };
    return { succeeded: false, preValue: seen!, postValue: seen! };
  }

  /** Sets `value` with an unversioned write (Curator's forceSet): no atomicity with other changes. */
  async forceSet(value: bigint | number, opts?: CounterCallOptions): Promise<void> {
    const data = this.codec.encode(this.codec.check('value', value));
    await forceWrite(this.ctx, resolveCall(opts), data);
  }

  /** Creates the node with `value` if it does not exist (Curator's initialize): true when this call created it. */
  initialize(value: bigint | number, opts?: CounterCallOptions): Promise<boolean> {
    const data = this.codec.encode(this.codec.check('value', value));
    return createIfMissing(this.ctx, resolveCall(opts), data);
  }

  /** Runs the optimistic loop; resolves undefined when `make` declined to write. */
  private change(call: ResolvedCall, make: (pre: bigint) => bigint): Promise<AtomicChange>;
  private change(
    call: ResolvedCall,
    make: (pre: bigint) => bigint | undefined,
  ): Promise<AtomicChange | undefined>;
  private change(call: ResolvedCall, make: (pre: bigint) => bigint | undefined) {
    return attempts(this.ctx, call, async () => {
      const cur = await this.read(callFor(call));
      const next = make(cur.value);
      if (next === undefined) return undefined;
      const data = this.codec.encode(next);
      if (cur.version < 0) await ensureParent(this.ctx, call);
      await confirmedWrite(
        this.ctx,
        cur.version < 0 ? { op: 'create', data } : { op: 'setData', data, version: cur.version },
        call.deadline,
        call.signal,
      );
      return { preValue: cur.value, postValue: next };
    });
  }

  private async read(call: CallOptions): Promise<Current> {
    try {
      const { data, stat } = await this.client.getData(this.path, call);
      return { value: this.codec.decode(this.path, data), version: stat.version };
    } catch (e) {
      if (e instanceof NoNodeError) return { value: 0n, version: -1 };
      throw e;
    }
  }
}
