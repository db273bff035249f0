/**
 * The liveness rule of issue 20 (docs/connection.md): an answer counts for the safe deadline only
 * once a request through the leader, sent at least `lag` after that answer came, was answered
 * too. The rule is pure bookkeeping on the session; the partition scenarios (partition-holder.ts)
 * show it against a real ensemble.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OpCode, passesLeader } from '../../src/client/protocol/opcodes.js';
import { Session } from '../../src/client/session.js';
import type { Wire } from '../../src/client/wire-contract.js';

const LAG = 400;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A session whose wire is never used: `answered` only does bookkeeping. */
function session(): Session {
  return new Session({ keepsAlive: true } as Wire, 4000, quiet);
}

describe('liveness: only what passed through the leader counts', () => {
  test('reads alone never move the deadline, however many are answered', () => {
    const s = session();
    s.heardBack(0); // the handshake
    for (let t = 10; t < 5000; t += 50) s.answered(t, t + 5, false, LAG);
    assert.equal(s.lastAnsweredSentAt, 0);
  });

  test('a sync sent a lag after a read was answered makes the read count, at its send time', () => {
    const s = session();
    s.heardBack(0);
    s.answered(100, 110, false, LAG); // a read
    s.answered(300, 305, true, LAG); // a sync sent too soon after it: the read may not be delivered
    assert.equal(s.lastAnsweredSentAt, 0);
    s.answered(520, 530, true, LAG); // sent 410 ms after the read's answer
    assert.equal(s.lastAnsweredSentAt, 100);
    s.answered(940, 945, true, LAG); // the first sync (answered at 305) and the second (530) count now
    assert.equal(s.lastAnsweredSentAt, 520);
  });

  test("a sync's own answer does not count by itself: its touch reaches the leader with a later ping", () => {
    const s = session();
    s.heardBack(0);
    s.answered(1000, 1010, true, LAG);
    assert.equal(s.lastAnsweredSentAt, 0);
  });

  test("a new connection's syncs confirm nothing the previous server answered", () => {
    const s = session();
    s.heardBack(0);
    s.answered(100, 110, false, LAG); // answered by a server that may have been cut off
    s.connectionEnded();
    s.heardBack(600); // the handshake on another server
    s.answered(1000, 1010, true, LAG);
    assert.equal(s.lastAnsweredSentAt, 600);
  });

  test('writes and sync pass through the leader; reads, pings and watches do not', () => {
    for (const op of [
      'create',
      'delete',
      'setData',
      'setACL',
      'sync',
      'multi',
      'create2',
      'createTTL',
    ] as const)
      assert.ok(passesLeader(OpCode[op]), op);
    for (const op of [
      'exists',
      'getData',
      'getChildren',
      'getChildren2',
      'ping',
      'multiRead',
      'addWatch',
    ] as const)
      assert.ok(!passesLeader(OpCode[op]), op);
  });
});
