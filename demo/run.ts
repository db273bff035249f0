/**
 * `npm run demo`: a real ZooKeeper, worker processes contending for a ZkLock and then a
 * ZkReadWriteLock, a live timeline of who holds and who waits, one holder killed with -9 in the
 * middle of its hold, and a verification summary. Plain output when stdout is not a terminal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { monotonicNow, ZkClient } from '../src/index.js';
import { checkHistory, type HoldRecord, startTestZooKeeper } from '../src/testing/index.js';

const workerPath = fileURLToPath(new URL('./worker.js', import.meta.url));
const tty = process.stdout.isTTY === true;
const SLOT_MS = 200;
const WIDTH = 60;
const glyph = tty
  ? { hold: '█', wait: '·', idle: ' ', dead: '✗' }
  : { hold: '#', wait: '.', idle: ' ', dead: 'x' };
const t0 = monotonicNow();
const since = (t: number) => `+${((t - t0) / 1000).toFixed(2)}s`;

interface Row {
  label: string;
  kind: string;
  child: ChildProcess;
  state: 'idle' | 'wait' | 'hold' | 'dead';
  slots: string[];
  holds: HoldRecord[];
  waitingSince?: number;
  current?: { token: string; acquired: number };
  longestWait: number;
}

const rows: Row[] = [];

function startWorker(connect: string, name: string, kind: string, holdMs: number): Row {
  const child = spawn(process.execPath, [workerPath, connect, name, kind, String(holdMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const row: Row = {
    label: `${kind}-${child.pid}`,
    kind,
    child,
    state: 'idle',
    slots: [],
    holds: [],
    longestWait: 0,
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = JSON.parse(line) as { ev: string; t: number; token?: string };
    if (e.ev === 'waiting') {
      row.state = 'wait';
      row.waitingSince = e.t;
    } else if (e.ev === 'acquired') {
      row.state = 'hold';
      row.longestWait = Math.max(row.longestWait, e.t - (row.waitingSince ?? e.t));
      row.current = { token: e.token!, acquired: e.t };
    } else if ((e.ev === 'released' || e.ev === 'lost') && row.current) {
      row.state = 'idle';
      row.holds.push(hold(row, e.t));
      row.current = undefined;
    }
    if (!tty)
      console.log(
        `${since(e.t)} ${row.label.padEnd(12)} ${e.ev}${e.token ? ` (fencing token ${e.token})` : ''}`,
      );
  });
  rows.push(row);
  return row;
}

function hold(row: Row, end: number): HoldRecord {
  return {
    worker: row.label,
    mode: row.kind === 'read' ? 'shared' : 'exclusive',
    token: row.current!.token,
    acquired: row.current!.acquired,
    released: end,
    writes: [],
  };
}

function render(title: string, group: Row[], first: boolean): void {
  for (const r of group) r.slots.push(glyph[r.state]);
  if (!tty) return;
  const lines = [
    `${title}   ${glyph.hold} holds  ${glyph.wait} waits  ${glyph.dead} killed   (one column = ${SLOT_MS} ms)`,
    ...group.map((r) => `  ${r.label.padEnd(12)} |${r.slots.slice(-WIDTH).join('').padEnd(WIDTH)}|`),
  ];
  if (!first) process.stdout.write(`\x1b[${lines.length}A`);
  process.stdout.write(`${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
}

/** `midway`, from halfway on, is called at each slot until it returns true (it found what it needed). */
async function phase(title: string, group: Row[], ms: number, midway?: () => boolean): Promise<void> {
  if (!tty) console.log(`\n== ${title}`);
  const end = monotonicNow() + ms;
  let first = true;
  let midwayDone = false;
  while (monotonicNow() < end) {
    render(title, group, first);
    first = false;
    if (midway && !midwayDone && monotonicNow() > end - ms / 2) {
      // Until it acts: at one slot nobody may hold (between a release and the next grant).
      midwayDone = midway();
    }
    await new Promise((r) => setTimeout(r, SLOT_MS));
  }
  render(title, group, first);
  const running = group.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  const exited = running.map((r) => new Promise((res) => r.child.once('exit', res)));
  for (const r of running) r.child.kill('SIGTERM');
  await Promise.all(exited);
  if (!tty) {
    console.log(
      `timeline (${glyph.hold} holds, ${glyph.wait} waits, ${glyph.dead} killed; one column = ${SLOT_MS} ms):`,
    );
    for (const r of group) console.log(`  ${r.label.padEnd(12)} |${r.slots.join('')}|`);
  }
}

const zk = await startTestZooKeeper({ tickTime: 200 });
let failed = false;
try {
  console.log(
    `zk-recipes demo: ZooKeeper at ${zk.connectString}${zk.server ? ' (started for this demo)' : ' (ZK_CONNECT)'}`,
  );
  console.log('Each worker is a separate process with its own ZooKeeper session (session timeout 2 s).\n');

  // 1. A mutex: one holder at a time, FIFO; kill -9 the holder halfway and watch the takeover.
  const mutex = [0, 1, 2, 3].map(() => startWorker(zk.connectString, 'demo-mutex', 'mutex', 400));
  let killedAt = 0;
  let victim: Row | undefined;
  await phase('ZkLock "demo-mutex"', mutex, 12_000, () => {
    victim = mutex.find((r) => r.state === 'hold');
    if (!victim) return false;
    killedAt = monotonicNow();
    victim.holds.push(hold(victim, killedAt));
    victim.current = undefined;
    victim.state = 'dead';
    victim.child.kill('SIGKILL');
    if (!tty) console.log(`${since(killedAt)} ${victim.label.padEnd(12)} KILLED with -9 while holding`);
    return true;
  });
  const takeover = mutex
    .flatMap((r) => r.holds)
    .filter((h) => h.acquired > killedAt)
    .sort((a, b) => a.acquired - b.acquired)[0];

  // 2. A read/write lock: readers share, writers are alone.
  const rw = [
    ...[0, 1, 2].map(() => startWorker(zk.connectString, 'demo-rw', 'read', 600)),
    ...[0, 1].map(() => startWorker(zk.connectString, 'demo-rw', 'write', 300)),
  ];
  await phase('ZkReadWriteLock "demo-rw"', rw, 10_000);

  // 3. Verify.
  const mutexCheck = checkHistory(mutex.flatMap((r) => r.holds));
  const rwHolds = rw.flatMap((r) => r.holds);
  const rwCheck = checkHistory(rwHolds);
  const readersTogether = rwHolds.some((a) =>
    rwHolds.some(
      (b) =>
        a !== b &&
        a.mode === 'shared' &&
        b.mode === 'shared' &&
        a.acquired < b.released &&
        b.acquired < a.released,
    ),
  );
  const admin = new ZkClient(zk.connectString);
  await admin.connect();
  const left = (await admin.getChildren('/locks').catch(() => [] as string[])).length;
  await admin.close();
  const overlaps = mutexCheck.violations.length + rwCheck.violations.length;
  const longestWait = Math.max(...rows.map((r) => r.longestWait));
  console.log('\nVerification');
  console.log(`  grants                      ${mutexCheck.grants} mutex, ${rwCheck.grants} read/write`);
  console.log(`  longest wait                ${(longestWait / 1000).toFixed(2)} s`);
  if (victim && takeover) {
    console.log(
      `  takeover after kill -9      ${((takeover.acquired - killedAt) / 1000).toFixed(2)} s (session timeout 2 s)`,
    );
  }
  console.log(`  readers held together       ${readersTogether ? 'yes' : 'no'}`);
  console.log(`  overlaps (writer beside anyone) ${overlaps}`);
  console.log(`  lock directories left       ${left} (a killed holder's empty directory may remain)`);
  for (const v of [...mutexCheck.violations, ...rwCheck.violations]) console.log(`  VIOLATION: ${v}`);
  failed = overlaps > 0 || !takeover;
  console.log(
    failed ? '\nFAILED' : '\nOK: never two holders; the lock moved on after its holder was killed.',
  );
} finally {
  for (const r of rows) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  await zk.close();
}
process.exitCode = failed ? 1 : 0;
