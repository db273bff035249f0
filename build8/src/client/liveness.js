/**
 * The watchdog that makes a session's truth our own business: suspension at 2/3 T without an
 * answer, loss at the safe deadline (`validUntil`). A wire that keeps its connection alive itself
 * (the built-in one: pings, a read timeout, a bounded handshake) needs nothing more; for one that
 * cannot tell a silent connection from an idle one (node-zookeeper-client) the watchdog also
 * sends a heartbeat after T/3 of silence and drops a connection (or a handshake) that stays silent.
 */
import { monotonicNow } from './clock.js';
import { at } from './timers.js';
/** The shortest pause between two connection attempts: a tiny session timeout must not become a dialling loop. */
export const MIN_RETRY_MS = 50;
/** How often a connection attempt that gets no handshake answer is restarted. */
export function kickInterval(sessionTimeout) {
    return Math.max(MIN_RETRY_MS * 4, sessionTimeout / 6);
}
export class Watchdog {
    host;
    timer;
    constructor(host) {
        this.host = host;
    }
    /** Looks again when the current state next needs it. */
    schedule() {
        this.stop();
        const s = this.host.session;
        const state = this.host.state;
        if (!s || s.ended || state === 'closed')
            return;
        const T = s.negotiatedTimeout;
        let next;
        if (state === 'connected') {
            // A wire that keeps its connection alive drops a silent one itself (its read timeout), and
            // says so: a parked client then wakes for nothing but the wire's pings.
            if (s.wire.keepsAlive)
                return;
            // Heartbeat after T/3 of silence; once it is out, wait for it until the suspension point.
            next = s.lastAnsweredSentAt + (s.heartbeatInFlight ? (2 * T) / 3 : T / 3);
        }
        else if (s.wire.keepsAlive) {
            if (state !== 'suspended')
                return; // the wire bounds its own dials
            next = this.host.validUntil;
        }
        else if (state === 'suspended') {
            next = Math.min(this.host.validUntil, s.lastKickAt + kickInterval(T));
        }
        else {
            next = s.lastKickAt + kickInterval(T);
        }
        if (state === 'suspended' && s.id !== undefined && this.host.validUntil <= monotonicNow()) {
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
    enforceDeadline() {
        const s = this.host.session;
        const state = this.host.state;
        if (!s || s.ended || s.id === undefined || (state !== 'connected' && state !== 'suspended'))
            return;
        if (monotonicNow() >= this.host.validUntil)
            this.pastDeadline(s);
    }
    stop() {
        this.timer?.clear();
        this.timer = undefined;
    }
    /** Drops the current connection so the wire client dials again (same session). */
    kick(s, now = monotonicNow()) {
        this.host.logger.debug('[zk-recipes] dropping the connection so the wire client reconnects');
        s.lastKickAt = now;
        s.dialStartedAt = now;
        s.wire.kick();
    }
    check() {
        this.timer = undefined;
        const s = this.host.session;
        const state = this.host.state;
        if (!s || s.ended || state === 'closed')
            return;
        const now = monotonicNow();
        const T = s.negotiatedTimeout;
        const silentFor = now - s.lastAnsweredSentAt;
        if (state === 'connected') {
            if (silentFor >= (2 * T) / 3) {
                this.host.suspend(`no answer from the server for ${Math.round(silentFor)} ms`);
                this.kick(s, now);
            }
            else if (silentFor >= T / 3 && !s.heartbeatInFlight && !s.wire.keepsAlive) {
                this.heartbeat(s);
            }
        }
        else if (state === 'suspended' && s.id !== undefined && now >= this.host.validUntil) {
            this.pastDeadline(s);
            return;
        }
        else if (!s.wire.keepsAlive && now - s.lastKickAt >= kickInterval(T)) {
            // A handshake can be swallowed by a silent network: kick again while not connected
            // (or while suspended on a connection that stays silent).
            if (!s.wire.connected || state === 'suspended')
                this.kick(s, now);
        }
        this.schedule();
    }
    pastDeadline(s) {
        this.host.sessionLost(s, `no answer within the session's safe deadline (${s.negotiatedTimeout} ms timeout)`);
    }
    heartbeat(s) {
        s.heartbeatInFlight = true;
        s.send('ping', '/', (w, cb) => w.exists('/', undefined, cb), {
            timeout: Math.max(1, (2 * s.negotiatedTimeout) / 3),
        })
            .catch(() => { })
            .finally(() => {
            s.heartbeatInFlight = false;
            if (s === this.host.session)
                this.schedule();
        });
    }
}
//# sourceMappingURL=liveness.js.map