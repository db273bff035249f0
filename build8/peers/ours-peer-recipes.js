/**
 * The commands of ours-peer.ts on leader election and the semaphore (peers/PROTOCOL.md): the
 * same words as CuratorPeer's, on ZkLeaderElection and ZkSemaphore.
 */
import { ZkLeaderElection, ZkSemaphore } from '../src/index.js';
const latches = new Map();
/** Per election name: ` +<ns>` when a term began, ` -<ns>` when it ended (CuratorPeer's leaderlog). */
const leaderLogs = new Map();
const now = () => process.hrtime.bigint();
function latch(name) {
    const l = latches.get(name);
    if (!l)
        throw new Error(`no latch ${name}`);
    return l;
}
/** The answer to an election or semaphore command; undefined when `a` is not one. */
export async function recipeCommand(client, a) {
    const [cmd = '', arg1 = '', arg2 = '', arg3 = ''] = a;
    switch (cmd) {
        case 'latch': {
            if (latches.has(arg1))
                throw new Error(`latch ${arg1} already started`);
            const l = new ZkLeaderElection(client, arg1, { participantId: arg2 });
            const log = (mark) => leaderLogs.set(arg1, `${leaderLogs.get(arg1) ?? ''} ${mark}${now()}`);
            // Both are emitted as the term begins and ends (the end before our node is deleted).
            l.on('leader', () => log('+'));
            l.on('notLeader', () => log('-'));
            l.start();
            latches.set(arg1, l);
            return '';
        }
        case 'unlatch':
            await latch(arg1).close();
            latches.delete(arg1);
            return '';
        case 'leaderlog':
            return (leaderLogs.get(arg1) ?? '').trim();
        case 'isleader':
            return `${latch(arg1).isLeader}`;
        case 'awaitleader':
            return `${await latch(arg1).whenLeader({ timeout: Number(arg2) })}`;
        case 'semcycle': {
            const semaphore = new ZkSemaphore(client, arg1, { maxLeases: Number(arg2) });
            const out = [];
            for (let i = 0; i < Number(arg3); i++) {
                const t0 = now();
                const [lease] = await semaphore.acquire(60_000);
                if (!lease)
                    throw new Error('no lease within 60 s');
                await lease.release();
                out.push(now() - t0);
            }
            return out.join(' ');
        }
        default:
            return undefined;
    }
}
//# sourceMappingURL=ours-peer-recipes.js.map