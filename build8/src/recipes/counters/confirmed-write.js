/**
 * A write to a counter node whose outcome is never silently unknown. A versioned setData whose
 * answer was lost may have been applied; re-reading the node cannot tell ours from a concurrent
 * writer's (two increments from the same value write the same bytes, and exactly one of them
 * made the next version). So the write goes in one transaction with the create of an ephemeral
 * marker child, `<path>/_zkr-write-<uuid>`: after a lost answer, once the same session is back,
 * the marker exists if and only if the write was applied. The marker is deleted right after (not
 * waited for).
 *
 * ZooKeeper applies a session's requests in order, so a read sent on the same session after the
 * reconnect sees the lost request's effect if it ever had one (with `sync` first, where the wire
 * can send it, for a reconnect to another server of an ensemble). When the session itself ended
 * meanwhile, the ephemeral marker went with it: the outcome is then truly unknown, and the caller
 * gets a CounterOutcomeUnknownError instead of a guess.
 *
 * Foreign readers do not mind the markers: Curator's and Kazoo's counters read only the node's
 * data (a child changes neither its data nor its version).
 */
import { randomUUID } from 'node:crypto';
import { monotonicNow } from '../../client/clock.js';
import { joinPath } from '../../client/paths.js';
import { msUntil } from '../../client/timers.js';
import { CounterOutcomeUnknownError, isOutcomeUnknown, SessionExpiredError, UnsupportedOperationError, } from '../../errors.js';
import { REQUEST_GRACE_MS } from '../queue/directories.js';
import { sessionWithin } from '../queue/own-nodes.js';
import { callUntil } from '../shared/call.js';
/** The prefix of the marker children; anything listing a counter's children can skip them. */
export const WRITE_MARKER_PREFIX = '_zkr-write-';
/**
 * Applies `write` to `ctx.path`; resolves the node's version after it (undefined when it was an
 * unversioned setData confirmed by its marker, whose resulting version is not known). Rejects with
 * ZooKeeper's error when the server refused it (BadVersion, NodeExists, NoNode: not applied), with
 * the original outcome-unknown error (or the abort reason) when the marker shows it was not
 * applied (safe to try again), and with CounterOutcomeUnknownError when nothing can tell. An
 * abort that came after the server applied it resolves: the change is made, and not undone.
 */
export async function confirmedWrite(ctx, write, deadline, signal) {
    const { client, path } = ctx;
    const marker = joinPath(path, `${WRITE_MARKER_PREFIX}${randomUUID()}`);
    const ops = [
        write.op === 'create'
            ? { op: 'create', path, data: write.data }
            : { op: 'setData', path, data: write.data, version: write.version },
        { op: 'create', path: marker, mode: 'ephemeral' },
    ];
    const owner = client.sessionOwner;
    let results;
    try {
        results = await client.multi(ops, callUntil(deadline, signal));
    }
    catch (e) {
        // Aborted while it was out: whether it was applied is looked up (briefly, the signal aside).
        const aborted = signal?.aborted === true;
        if (!aborted && !isOutcomeUnknown(e) && !(e instanceof SessionExpiredError))
            throw e; // refused: not applied
        const lookUntil = aborted ? monotonicNow() + REQUEST_GRACE_MS : deadline;
        if (!(await markerSeen(ctx, marker, owner, lookUntil, aborted ? undefined : signal, e)))
            throw e;
    }
    // Not waited for: the session's next request is answered after it anyway (ZooKeeper keeps a
    // session's order), and one that fails leaves an ephemeral marker to its session.
    void removeMarker(ctx, marker);
    if (write.op === 'create')
        return 0;
    const first = results?.[0];
    if (first?.op === 'setData')
        return first.stat.version;
    return write.version >= 0 ? write.version + 1 : undefined;
}
/** Whether the marker of a write whose answer was lost exists; CounterOutcomeUnknownError when it cannot be told. */
async function markerSeen(ctx, marker, owner, deadline, signal, lost) {
    const { client, path } = ctx;
    // Looking costs a round trip or two: allow it a little past the caller's deadline rather than
    // leave an applied change unconfirmed.
    const lookUntil = Math.max(deadline, monotonicNow() + REQUEST_GRACE_MS);
    const unknown = (why, cause = lost) => new CounterOutcomeUnknownError(`a change to counter ${path} may or may not have been applied: its answer was lost and ${why}`, path, { cause });
    for (;;) {
        if (signal?.aborted)
            throw unknown('the call was aborted before it could be checked', signal.reason);
        if (client.sessionOwner !== owner || client.state === 'lost')
            throw unknown('the session that sent it ended (its marker went with it)');
        if (!(await sessionWithin(client, lookUntil, signal).catch(() => false)))
            throw unknown('no connection came back in time to check');
        if (client.sessionOwner !== owner)
            throw unknown('the session that sent it ended (its marker went with it)');
        try {
            await client.sync(path, callUntil(lookUntil, signal)).catch((e) => {
                if (!(e instanceof UnsupportedOperationError))
                    throw e; // node-zookeeper-client: one server's view
            });
            const stat = await client.exists(marker, callUntil(lookUntil, signal));
            // The marker is ephemeral: its absence only says "not applied" while the same session lives.
            if (client.sessionOwner !== owner)
                throw unknown('the session that sent it ended (its marker went with it)');
            ctx.logger.debug(`[zk-recipes] counter ${path}: a lost answer's write was ${stat ? '' : 'not '}applied`);
            return stat !== null;
        }
        catch (e) {
            if (e instanceof CounterOutcomeUnknownError)
                throw e;
            if (!isOutcomeUnknown(e) || msUntil(lookUntil) <= 0)
                throw unknown('checking it failed', e);
        }
    }
}
/** Deletes a confirmed write's marker; one that cannot be deleted now goes with its session. */
async function removeMarker(ctx, marker) {
    try {
        // Not the caller's signal: an aborted call still removes what it confirmed.
        await ctx.client.delete(marker, -1, { timeout: REQUEST_GRACE_MS });
    }
    catch (e) {
        ctx.logger.debug(`[zk-recipes] counter marker ${marker} left to its session: ${e.message}`);
    }
}
//# sourceMappingURL=confirmed-write.js.map