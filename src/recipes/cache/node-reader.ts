/**
 * A cache's reads of single nodes. They stop at close() and when the connection goes, rather
 * than be retried on the next connection: an answer there could be older than one sent there
 * before it, and the reconnect's sync pass reads everything again anyway.
 */
import { setMaxListeners } from 'node:events';
import type { ZkClient } from '../../client/zk-client.js';
import { NoNodeError } from '../../errors.js';
import { attempt } from './session-waits.js';
import type { CachedNode } from './tree.js';

export class NodeReader {
  private signalOf: AbortSignal | undefined;
  private signal: AbortSignal | undefined;

  constructor(
    private readonly client: ZkClient,
    /** Whether to read the data (getData) or only the Stat (exists). */
    private readonly data: boolean,
    private readonly closing: AbortSignal,
  ) {}

  /** The node now, or null when it does not exist. */
  node(path: string): Promise<CachedNode | null> {
    const call = { signal: this.current() };
    const read = this.data
      ? attempt(() => this.client.getData(path, call)).then((r) => ({ path, data: r.data, stat: r.stat }))
      : attempt(() => this.client.exists(path, call)).then((stat) => stat && { path, data: undefined, stat });
    return read.catch((e: unknown) => {
      if (e instanceof NoNodeError) return null;
      throw e;
    });
  }

  children(path: string): Promise<string[]> {
    return attempt(() => this.client.getChildren(path, { signal: this.current() }));
  }

  /** close() or the current connection's end, whichever comes first. */
  private current(): AbortSignal {
    const connection = this.client.connectionSignal;
    if (this.signalOf !== connection || !this.signal) {
      this.signalOf = connection;
      this.signal = AbortSignal.any([this.closing, connection]);
      setMaxListeners(0, this.signal); // one per read in flight
    }
    return this.signal;
  }
}
