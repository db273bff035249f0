import { NodeExistsError, NoNodeError } from '../../errors.js';
/** Our node of one name, across sessions: the sessions that created it. */
export class OwnEphemeral {
    client;
    path;
    owners = new Set();
    constructor(client, path) {
        this.client = client;
        this.path = path;
    }
    /** Makes sure the node exists as an ephemeral node of the current session; true when created now. */
    async ensure(data, call) {
        const client = this.client;
        for (;;) {
            const owner = client.sessionOwner;
            try {
                if (owner !== undefined)
                    this.owners.add(owner); // before: the answer may be lost
                await client.create(this.path, data, { ...call, mode: 'ephemeral' });
                return true;
            }
            catch (e) {
                if (!(e instanceof NodeExistsError))
                    throw e;
            }
            const stat = await client.exists(this.path, call);
            if (stat === null)
                continue; // gone meanwhile (its session ended): create it again
            if (stat.ephemeralOwner === owner)
                return false;
            if (!this.owners.has(stat.ephemeralOwner)) {
                throw new NodeExistsError(`${this.path} is held by another session (0x${BigInt.asUintN(64, stat.ephemeralOwner).toString(16)}): its name is taken`, { path: this.path });
            }
            // Ours from a session the client gave up before the server expired it.
            await client.delete(this.path, stat.version, call).catch((e) => {
                if (!(e instanceof NoNodeError))
                    throw e;
            });
        }
    }
    /** Deletes the node; false when it was not there. */
    remove(call) {
        return deleteIfThere(this.client, this.path, call);
    }
}
/** Deletes our node; false when it was not there. */
export async function deleteIfThere(client, path, call) {
    try {
        await client.delete(path, -1, call);
        return true;
    }
    catch (e) {
        if (e instanceof NoNodeError)
            return false;
        throw e;
    }
}
//# sourceMappingURL=own-ephemeral.js.map