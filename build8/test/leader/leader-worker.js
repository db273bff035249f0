/**
 * A participant in a process of its own, for the kill -9 scenario: joins election NAME and
 * reports on stdout, one JSON line each: {"ev":"ready"} {"ev":"leader","t":<monotonic ms>}.
 * Argument: one JSON object { connect, name, id, sessionTimeout }.
 */
import { monotonicNow, ZkClient, ZkLeaderElection } from '../../src/index.js';
const cfg = JSON.parse(process.argv[2]);
const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const client = new ZkClient(cfg.connect, { sessionTimeout: cfg.sessionTimeout });
await client.connect();
const election = new ZkLeaderElection(client, cfg.name, { participantId: cfg.id });
election.on('leader', () => emit({ ev: 'leader', t: monotonicNow() }));
election.start();
emit({ ev: 'ready' });
// SIGTERM: leave cleanly (the test kills with SIGKILL; this is for its cleanup).
process.on('SIGTERM', () => {
    void election.close().then(() => client.close());
});
//# sourceMappingURL=leader-worker.js.map