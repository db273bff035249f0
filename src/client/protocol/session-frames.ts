/**
 * The frames of the session itself rather than of a caller's request: the handshake, auth,
 * the keepalive sync, and SetWatches (split into chunks the server takes) after a reconnect.
 */
import { beginFrame, endFrame } from './framing.js';
import { JuteWriter } from './jute.js';
import { OpCode, Xid } from './opcodes.js';
import { SyncResponseCodec } from './records-replies.js';
import { SyncRequestCodec } from './records-requests.js';
import {
  AuthPacketCodec,
  ConnectRequestCodec,
  SetWatches2Codec,
  SetWatchesCodec,
} from './records-session.js';
import { build, encodeFrame, type Request, type RequestContext } from './requests.js';
import type { PersistentKind, WatchKind, WatchTable } from './watch-table.js';

/** ConnectRequest, without a RequestHeader: a new session (id 0) or the one to re-attach to. */
export function connectFrame(
  lastZxidSeen: bigint,
  timeOut: number,
  sessionId: bigint,
  passwd: Buffer,
): Buffer {
  const w = new JuteWriter(64);
  const at = beginFrame(w);
  ConnectRequestCodec.encode(w, {
    protocolVersion: 0,
    lastZxidSeen,
    timeOut,
    sessionId,
    passwd,
    readOnly: false,
  });
  endFrame(w, at);
  return w.finish();
}

/**
 * The keepalive: a sync of the chroot's root, answered only once the server heard back from the
 * leader (a ping is answered by a follower cut off from it; docs/connection.md).
 */
export function keepAliveSync(ctx: RequestContext): Request {
  return build(
    ctx,
    {
      opcode: OpCode.sync,
      path: '/',
      body: (w) => SyncRequestCodec.encode(w, { path: ctx.chroot.add('/') }),
      ok: (r) => {
        SyncResponseCodec.decode(r);
        return { ok: true, value: undefined };
      },
    },
    () => {}, // what counts is that it was answered (the wire's onAnswer)
  );
}

export function authFrame(scheme: string, credentials: string | Buffer, maxBytes: number): Buffer {
  const auth = Buffer.isBuffer(credentials) ? credentials : Buffer.from(credentials);
  return encodeFrame(
    Xid.auth,
    OpCode.auth,
    (w) => AuthPacketCodec.encode(w, { type: 0, scheme, auth }),
    maxBytes,
  );
}

/** The Java client's limit for one SetWatches packet: far below the server's jute.maxbuffer. */
const SET_WATCHES_MAX_BYTES = 128 * 1024;

/** The watched paths (the caller's) to restore, by kind. */
export type WatchLists = Record<WatchKind | PersistentKind, readonly string[]>;

/** Every watch of `table`, to restore after a reconnect. */
export function watchLists(table: WatchTable): WatchLists {
  return {
    data: table.paths('data'),
    exist: table.paths('exist'),
    child: table.paths('child'),
    persistent: table.persistentPaths('persistent'),
    recursive: table.persistentPaths('recursive'),
  };
}

const KINDS = ['data', 'exist', 'child', 'persistent', 'recursive'] as const;

/**
 * SetWatches packets restoring the watches of `lists`, each below the server's packet limit:
 * SetWatches2 (3.6) when persistent watches are among them, else SetWatches, which 3.5 knows.
 */
export function setWatchesFrames(lists: WatchLists, ctx: RequestContext, relativeZxid: bigint): Buffer[] {
  const v2 = lists.persistent.length > 0 || lists.recursive.length > 0;
  // A path costs its length field and at most 3 bytes per UTF-16 unit, as jute writes it.
  const limit = Math.min(SET_WATCHES_MAX_BYTES, ctx.maxRequestBytes) - 64;
  const frames: Buffer[] = [];
  const empty = () =>
    ({ data: [], exist: [], child: [], persistent: [], recursive: [] }) as Record<
      (typeof KINDS)[number],
      string[]
    >;
  let chunk = empty();
  let size = 0;
  const emit = () => {
    const v = {
      relativeZxid,
      dataWatches: chunk.data,
      existWatches: chunk.exist,
      childWatches: chunk.child,
      persistentWatches: chunk.persistent,
      persistentRecursiveWatches: chunk.recursive,
    };
    const [opcode, encode] = v2
      ? [OpCode.setWatches2, (w: JuteWriter) => SetWatches2Codec.encode(w, v)]
      : [OpCode.setWatches, (w: JuteWriter) => SetWatchesCodec.encode(w, v)];
    frames.push(encodeFrame(Xid.setWatches, opcode, encode, ctx.maxRequestBytes));
    chunk = empty();
    size = 0;
  };
  for (const kind of KINDS) {
    for (const path of lists[kind]) {
      const server = ctx.chroot.add(path);
      const cost = 4 + server.length * 3;
      if (size > 0 && size + cost > limit) emit();
      chunk[kind].push(server);
      size += cost;
    }
  }
  if (size > 0) emit();
  return frames;
}
