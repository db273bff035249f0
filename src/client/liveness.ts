/**
 * The watchdog that makes a session's truth our own business: loss at the safe deadline
 * (`validUntil`), connected or not. A wire that keeps its connection alive itself (the built-in
 * one: syncs through the leader, a read timeout, a bounded handshake) needs nothing more; for one
 * that cannot tell a silent connection from an idle one (node-zookeeper-client) the watchdog also
 * suspends at 2/3 T without an answer, sends a heartbeat after T/3 of silence (a read: that
 * package cannot send a sync) and drops a connection (or a handshake) that stays silent.
 */
import { monotonicNow } from './clock.js';
import type { Session } from './session.js';
import { at, type Timer } from './timers.js';
import type { Logger, Stat } from './types.js';

/** The shortest pause between two connection attempts: a tiny session timeout must not become a dialling loop. */
export const MIN_RETRY_MS = 50;

/** How often a connection attempt that gets no handshake answer is restarted. */
export function kickInterval(sessionTimeout: number): number {
  return Math.max(MIN_RETRY_MS * 4, sessionTimeout / 6);
}

/** What the watchdog reads of the client, and what it asks of it. */
export interface LivenessHost {
  readonly state: string;
  readonly session: Session | undefined;
  readonly validUntil: number;
  readonly logger: Logger;
  suspend(reason: string): void;
  sessionLost(s: Session, reason: string): void;
}

export class Watchdog {
  private timer: Timer | undefined;

  constructor(private readonly host: LivenessHost) {}

  /** Looks again when the current state next needs it. */
  schedule(): void {
    this.stop();
    const s = this.host.session;
    const state = this.host.state;
    if (!s || s.ended || state === 'closed') return;
    const T = s.negotiatedTimeout;
    let next: number;
    if (s.wire.keepsAlive) {
      // The wire drops a connection without answers through the leader (its read timeout) and
      // bounds its own dials; the safe deadline holds whether a connection is up or not (a
      // follower cut off from the leader still answers reads).
      if (state !== 'connected' && state !== 'suspended') return;
      next = this.host.validUntil;
    } else if (state === 'connected') {
      // Heartbeat after T/3 of silence; once it is out, wait for it until the suspension point.
      next = s.lastAnsweredSentAt + (s.heartbeatInFlight ? (2 * T) / 3 : T / 3);
    } else if (state === 'suspended') {
      next = Math.min(this.host.validUntil, s.lastKickAt + kickInterval(T));
    } else {
      next = s.lastKickAt + kickInterval(T);
    }
    if (this.watchesDeadline(s, state) && this.host.validUntil <= monotonicNow()) {
      // Past the safe deadline already (a process resumed after a pause): said now, not a timer
      // tick later, when another process may be granted what this one held.
      this.pastDeadline(s);
      return;
    }
    this.timer = at(Math.max(next, monotonicNow() + 1), () => this.check(), { unref: true });
  }

  /**
   * Declares the session lost now if its safe deadline has passed, whatever the state of the
   * connection: after a stop or a blocked event loop, the timers that came due run first, and a
   * hold's signal read by one of them must already tell the truth.
   */
  enforceDeadline(): void {
    const s = this.host.session;
    const state = this.host.state;
    if (!s || s.ended || s.id === undefined || (state !== 'connected' && state !== 'suspended')) return;
    if (monotonicNow() >= this.host.validUntil) this.pastDeadline(s);
  }

  stop(): void {
    this.timer?.clear();
    this.timer = undefined;
  }

  /** Drops the current connection so the wire client dials again (same session). */
  kick(s: Session, now = monotonicNow()): void {
    this.host.logger.debug('[zk-recipes] dropping the connection so the wire client reconnects');
    s.lastKickAt = now;
    s.dialStartedAt = now;
    s.wire.kick();
  }

  private check(): void {
    this.timer = undefined;
    const s = this.host.session;
    const state = this.host.state;
    if (!s || s.ended || state === 'closed') return;
    const now = monotonicNow();
    const T = s.negotiatedTimeout;
    const silentFor = now - s.lastAnsweredSentAt;
    if (this.watchesDeadline(s, state) && now >= this.host.validUntil) {
      this.pastDeadline(s);
      return;
    }
    if (state === 'connected' && !s.wire.keepsAlive) {
      if (silentFor >= (2 * T) / 3) {
        this.host.suspend(`no answer from the server for ${Math.round(silentFor)} ms`);
        this.kick(s, now);
      } else if (silentFor >= T / 3 && !s.heartbeatInFlight) {
        this.heartbeat(s);
      }
    } else if (!s.wire.keepsAlive && now - s.lastKickAt >= kickInterval(T)) {
      // A handshake can be swallowed by a silent network: kick again while not connected
      // (or while suspended on a connection that stays silent).
      if (!s.wire.connected || state === 'suspended') this.kick(s, now);
    }
    this.schedule();
  }

  /** Whether the safe deadline ends the session in this state (also connected, on a wire that keepsAlive). */
  private watchesDeadline(s: Session, state: string): boolean {
    if (s.id === undefined) return false;
    return state === 'suspended' || (state === 'connected' && s.wire.keepsAlive);
  }

  private pastDeadline(s: Session): void {
    this.host.sessionLost(
      s,
      `no answer within the session's safe deadline (${s.negotiatedTimeout} ms timeout)`,
    );
  }

  private heartbeat(s: Session): void {
    s.heartbeatInFlight = true;
    s.send<Stat | null>('ping', '/', (w, cb) => w.exists('/', undefined, cb), {
      timeout: Math.max(1, (2 * s.negotiatedTimeout) / 3),
    })
      .catch(() => {})
      .finally(() => {
        s.heartbeatInFlight = false;
        if (s === this.host.session) this.schedule();
      });
  }
}
