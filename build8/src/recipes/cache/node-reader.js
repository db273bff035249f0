/**
 * A cache's reads of single nodes. They stop at close() and when the connection goes, rather
 * than be retried on the next connection: an answer there could be older than one sent there
 * before it, and the reconnect's sync pass reads everything again anyway.
 */
import { setMaxListeners } from 'node:events';
import { NoNodeError } from '../../errors.js';
import { attempt } from './session-waits.js';
export class NodeReader {
    client;
    data;
    closing;
    signalOf;
    signal;
    constructor(client, 
    /** Whether to read the data (getData) or only the Stat (exists). */
    data, closing) {
        this.client = client;
        this.data = data;
        this.closing = closing;
    }
    /** The node now, or null when it does not exist. */
    node(path) {
        const call = { signal: this.current() };
        const read = this.data
            ? attempt(() => this.client.getData(path, call)).then((r) => ({ path, data: r.data, stat: r.stat }))
            : attempt(() => this.client.exists(path, call)).then((stat) => stat && { path, data: undefined, stat });
        return read.catch((e) => {
            if (e instanceof NoNodeError)
                return null;
            throw e;
        });
    }
    children(path) {
        return attempt(() => this.client.getChildren(path, { signal: this.current() }));
    }
    /** close() or the current connection's end, whichever comes first. */
    current() {
        const connection = this.client.connectionSignal;
        if (this.signalOf !== connection || !this.signal) {
            this.signalOf = connection;
            this.signal = AbortSignal.any([this.closing, connection]);
            setMaxListeners(0, this.signal); // one per read in flight
        }
        return this.signal;
    }
}
//# sourceMappingURL=node-reader.js.map