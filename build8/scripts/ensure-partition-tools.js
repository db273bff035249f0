/**
 * Part of ensure-zookeeper: the partition tests (NetworkNemesis) need root, a network namespace and
 * nftables in it. Installs nftables and iproute2 when missing and apt-get can be used, and says in one
 * line whether those tests can run. With CI set, a machine that cannot run them fails (exit 1), like a
 * missing interop peer: a green CI always ran the partition tests.
 */
import { peersRequired } from '../peers/peer-process.js';
import { installPartitionTools, partitionSupportMissing } from '../src/testing/index.js';
export async function ensurePartitionTools() {
    if (process.platform === 'linux' && process.getuid?.() === 0 && partitionSupportMissing()) {
        await installPartitionTools((line) => console.log(line)).catch((err) => console.log(`ensure-zookeeper: nftables/iproute2 not installed (${err.message})`));
    }
    const missing = partitionSupportMissing();
    console.log(`ensure-zookeeper: partition tests ${missing ? `unavailable: ${missing}` : 'available'}`);
    if (missing && peersRequired()) {
        console.error(`ensure-zookeeper: CI is set (CI=${process.env['CI']}) and the partition tests cannot run here: ` +
            'failing, so that CI does not pass without them (run as root with nftables, or unset CI to skip them)');
        process.exit(1);
    }
}
//# sourceMappingURL=ensure-partition-tools.js.map