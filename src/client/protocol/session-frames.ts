/**
 * The frames of the session itself rather than of a caller's request: the handshake, auth,
 * ping, and SetWatches (split into chunks the server takes) after a reconnect.
 */
import { beginFrame, endFrame } from './framing.js';
import { JuteWriter } from './jute.js';
import { OpCode, Xid } from './opcodes.js';
import { AuthPacketCodec, ConnectRequestCodec, SetWatchesCodec } from './records-session.js';
import { encodeFrame, type RequestContext } from './requests.js';
import type { WatchTable } from './watch-table.js';

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

export const PING_FRAME: Buffer = encodeFrame(Xid.ping, OpCode.ping, undefined, 8);

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

/** SetWatches packets restoring every watch of `watches`, each below the server's packet limit. */
export function setWatchesFrames(watches: WatchTable, ctx: RequestContext, relativeZxid: bigint): Buffer[] {
  // A path costs its length field and at most 3 bytes per UTF-16 unit, as jute writes it.
  const limit = Math.min(SET_WATCHES_MAX_BYTES, ctx.maxRequestBytes) - 64;
  const frames: Buffer[] = [];
  let chunk = { data: [] as string[], exist: [] as string[], child: [] as string[] };
  let size = 0;
  const emit = () => {
    const v = { relativeZxid, dataWatches: chunk.data, existWatches: chunk.exist, childWatches: chunk.child };
    frames.push(
      encodeFrame(
        Xid.setWatches,
        OpCode.setWatches,
        (w) => SetWatchesCodec.encode(w, v),
        ctx.maxRequestBytes,
      ),
    );
    chunk = { data: [], exist: [], child: [] };
    size = 0;
  };
  for (const kind of ['data', 'exist', 'child'] as const) {
    for (const path of watches.paths(kind)) {
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
