/**
 * A holder that keeps its server busy: it takes the lock (cfg.kind) once, then reads every 50 ms until its
 * lock's signal aborts (or SIGTERM), so its client's last answer comes as late as the server answers
 * at all. Used by the partition finding (partition-holder.ts): a follower cut off from the leader
 * answers such reads until it notices. Same JSON lines as fault-worker.ts:
 *   {"ev":"ready"} {"ev":"acquired","token","t"} {"ev":"lost","token","t"} {"ev":"hold","record"} {"ev":"done"}
 * Config: one JSON argument (WorkerConfig; holdMs[1] bounds the hold).
 */
import { monotonicNow, ZkClient, ZkLock, ZkReadWriteLock } from '../../src/index.js';
import type { HoldRecord } from '../../src/testing/exclusion-checker.js';
import type { WorkerConfig } from './fault-worker.js';

const cfg = JSON.parse(process.argv[2]!) as WorkerConfig;
const emit = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const client = new ZkClient(cfg.connect, {
  sessionTimeout: cfg.sessionTimeout,
  connectTimeout: 60_000,
  ...(cfg.safetyMargin === undefined ? {} : { safetyMargin: cfg.safetyMargin }),
});
await client.connect();
emit({ ev: 'ready', pid: process.pid, session: String(client.sessionOwner) });
const lock =
  cfg.kind === 'mutex'
    ? new ZkLock(client, cfg.name, { identifier: cfg.id })
    : new ZkReadWriteLock(client, cfg.name, { identifier: cfg.id })[
        cfg.kind === 'read' ? 'readLock' : 'writeLock'
      ];
let grantedAt = 0;
let grantedToken = 0n;
lock.on('acquired', (info) => {
  grantedAt = monotonicNow();
  grantedToken = info.fencingToken;
});
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
if (await lock.acquire({ signal: stop.signal })) {
  const token = grantedToken.toString();
  emit({ ev: 'acquired', token, t: grantedAt });
  const end = grantedAt + cfg.holdMs[1];
  let lostAt: number | undefined;
  lock.signal.addEventListener('abort', () => {
    lostAt = monotonicNow();
    emit({ ev: 'lost', token, t: lostAt });
  });
  while (lostAt === undefined && !stop.signal.aborted && monotonicNow() < end) {
    await client.exists('/').catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
  }
  const record: HoldRecord = {
    worker: cfg.id,
    mode: cfg.kind === 'read' ? 'shared' : 'exclusive',
    token,
    acquired: grantedAt,
    released: lostAt ?? monotonicNow(),
    writes: [],
    ...(lostAt === undefined ? {} : { lostAt }),
  };
  emit({ ev: 'hold', record });
  await lock.release().catch(() => {});
}
await client.close();
emit({ ev: 'done' });
