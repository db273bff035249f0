/**
 * Paths as a tree on the server: creating one with its parents, and telling a missing chroot
 * from a missing node. ZkClient's mkdirp() and the recipes' explainNoNode() are these.
 */
import { NodeExistsError, NoNodeError } from '../errors.js';
import { chrootMissing, parseConnectString } from './connect-string.js';
import type { CallOptions, CreateOptions } from './options.js';
import { parentPath, validatePath } from './paths.js';
import type { Stat } from './types.js';

/** What these need of the client. */
export interface TreeClient {
  readonly connectString: string;
  create(path: string, data?: Buffer, opts?: CreateOptions): Promise<string>;
  exists(path: string, opts?: CallOptions): Promise<Stat | null>;
}

/**
 * Creates `path` and its missing parents (persistent), all sent at once: one round trip, as a
 * session's requests are answered in order. A missing chroot rejects with ChrootMissingError.
 */
export async function mkdirp(client: TreeClient, path: string, opts: CreateOptions): Promise<void> {
  validatePath(path);
  const prefixes: string[] = [];
  for (let p = path; p !== '/'; p = parentPath(p)) prefixes.unshift(p);
  const results = await Promise.allSettled(prefixes.map((p) => client.create(p, undefined, opts)));
  for (const r of results) {
    if (r.status === 'rejected' && !(r.reason instanceof NodeExistsError)) {
      // The top-level create cannot fail with NoNode unless the chroot itself is missing.
      if (r.reason instanceof NoNodeError && r.reason.path === prefixes[0])
        throw chrootMissing(client.connectString, r.reason, `cannot create ${path}: `);
      throw r.reason;
    }
  }
}

/** For a NoNode of a path that should exist: ChrootMissingError if the chroot is missing, else `err`. */
export async function explainNoNode(
  client: TreeClient,
  err: NoNodeError,
  call: CallOptions,
): Promise<NoNodeError> {
  if (!parseConnectString(client.connectString).chroot) return err;
  const root = await client.exists('/', call).catch(() => undefined);
  return root === null ? chrootMissing(client.connectString, err) : err;
}
