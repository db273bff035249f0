/** The text of `zk-recipes --help`. */
import { DEFAULT_CONNECT, DEFAULT_ELECTION_ROOT, DEFAULT_ROOT, DEFAULT_SEMAPHORE_ROOT } from './args.js';
export const USAGE = `Usage:
  zk-recipes lock <name> [options] -- <command> [args...]
  zk-recipes leader <name> [options] -- <command> [args...]
  zk-recipes semaphore <name> --max <n> [options] -- <command> [args...]
  zk-recipes holders <name> [--json] [--election | --semaphore [--max <n>]] [--connect host:port] [--root /locks]
  zk-recipes --help | --version

lock: runs <command> while holding the lock <name> (exclusive unless --shared) and exits
with the command's exit code.
  -t, --timeout <duration>   how long to wait for the lock, connecting included
                             (default 30s; 0 tries once; 'inf' waits forever)
  -s, --shared               take the read (shared) side: shared holders run together,
                             exclusive ones run alone
      --lease <duration>     the longest the command may hold the lock; past it the
                             command is stopped as if the lock was lost
      --grace <duration>     SIGTERM to SIGKILL delay when the lock is lost (default 5s)
      --identifier <id>      shown by 'holders' (default <hostname>:<pid>)
  -c, --connect <hosts>      ZooKeeper connect string (default $ZK_CONNECT, else ${DEFAULT_CONNECT})
      --root <path>          parent of the lock directories (default ${DEFAULT_ROOT})

leader: joins the leader election <name> (Curator LeaderLatch's nodes, under
${DEFAULT_ELECTION_ROOT}) and runs <command> once elected; stopped as a lost lock is when
leadership is lost; leaves the election when the command exits.
  -t, --timeout <duration>   how long to wait for leadership (default: forever)
      --grace, --identifier, --connect
                             as for lock (--identifier is the participant id)
      --root <path>          parent of the election directories (default ${DEFAULT_ELECTION_ROOT})

semaphore: runs <command> while holding one lease of the semaphore <name> (at most <n>
commands at once across all hosts; Curator InterProcessSemaphoreV2's nodes, under
${DEFAULT_SEMAPHORE_ROOT}); stopped as a lost lock is when the lease is lost.
  -m, --max <n>              the most holders at once (required; the same everywhere)
  -t, --timeout <duration>   how long to wait for a lease (default 30s; 0 tries once)
      --grace, --identifier, --connect
                             as for lock
      --root <path>          parent of the semaphore directories (default ${DEFAULT_SEMAPHORE_ROOT})

holders: lists who holds the lock <name> and who waits, holders first; with --election, the
election <name>'s participants, the leader first; with --semaphore, the semaphore <name>'s
leases, then who waits for one.
      --json                 a JSON array instead of a table
      --election             an election (root ${DEFAULT_ELECTION_ROOT} unless --root is given)
      --semaphore            a semaphore (root ${DEFAULT_SEMAPHORE_ROOT} unless --root is given)
  -m, --max <n>              with --semaphore: its maximum, to tell a lease still waiting
                             for a free place from a held one
  -c, --connect, --root      as for lock

Durations: 500ms, 30s, 5m, 1h, or a plain number of seconds.
Exit codes: the command's own; 64 usage error, 69 ZooKeeper unreachable, 70 lock (leadership,
lease) lost while the command ran, 75 lock (leadership, lease) not acquired in time,
126/127 command not executable/found.
`;
//# sourceMappingURL=usage.js.map