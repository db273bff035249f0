/** What a command line asks for, parsed and checked (args.ts makes them). */

export interface LockInvocation {
  kind: 'lock';
  name: string;
  connect: string;
  root: string;
  /** ms to wait for the lock (connecting included); undefined waits forever, 0 tries once. */
  timeout: number | undefined;
  /** ms the command may hold the lock; undefined: no limit. */
  lease: number | undefined;
  /** ms between SIGTERM and SIGKILL when the lock is lost. */
  grace: number;
  shared: boolean;
  /** undefined: the library's default, `<hostname>:<pid>`. */
  identifier: string | undefined;
  command: string[];
}

export interface LeaderInvocation {
  kind: 'leader';
  name: string;
  connect: string;
  root: string;
  /** ms to wait for leadership (connecting included); undefined (the default) waits forever. */
  timeout: number | undefined;
  /** ms between SIGTERM and SIGKILL when leadership is lost. */
  grace: number;
  /** undefined: the library's default, `<hostname>:<pid>`. */
  identifier: string | undefined;
  command: string[];
}

export interface SemaphoreInvocation {
  kind: 'semaphore';
  name: string;
  connect: string;
  root: string;
  /** The semaphore's maximum of leases (every process must pass the same). */
  max: number;
  /** ms to wait for a lease (connecting included); undefined waits forever, 0 tries once. */
  timeout: number | undefined;
  /** ms between SIGTERM and SIGKILL when the lease is lost. */
  grace: number;
  /** undefined: the library's default, `<hostname>:<pid>`. */
  identifier: string | undefined;
  command: string[];
}

export interface HoldersInvocation {
  kind: 'holders';
  name: string;
  connect: string;
  root: string;
  json: boolean;
  /** With --semaphore: a semaphore's leases; `max` (--max) tells a lease node still waiting from a holder. */
  semaphore?: { max: number | undefined };
}

export type Invocation =
  | LockInvocation
  | LeaderInvocation
  | SemaphoreInvocation
  | HoldersInvocation
  | { kind: 'help'; topic: 'lock' | 'leader' | 'semaphore' | 'holders' | undefined }
  | { kind: 'version' };
