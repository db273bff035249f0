/** What the cache tests share: the server's tree read directly, compared node by node with a cache. */
import assert from 'node:assert/strict';
import { joinPath } from '../../src/client/paths.js';
import { fourLetterWord } from '../../src/testing/index.js';
/** Every node of the subtree at `root` on the server: path → data and Stat (read by `client`). */
export async function serverTree(client, root) {
    const out = new Map();
    // Level by level, 500 reads at a time: a busy machine's server must not be swamped by the check.
    let level = [root];
    while (level.length > 0) {
        const next = [];
        for (let i = 0; i < level.length; i += 500) {
            await Promise.all(level.slice(i, i + 500).map(async (path) => {
                let r;
                try {
                    r = await client.getData(path);
                }
                catch (e) {
                    if (e.name === 'NoNodeError')
                        return;
                    throw e;
                }
                out.set(path, { data: r.data, version: r.stat.version, czxid: r.stat.czxid, mzxid: r.stat.mzxid });
                if (r.stat.numChildren === 0)
                    return;
                const names = await client.getChildren(path).catch(() => []);
                for (const n of names)
                    next.push(joinPath(path, n));
            }));
        }
        level = next;
    }
    return out;
}
/** Differences between the cache and the server, node by node (empty when equal). */
export async function differences(cache, client, root) {
    const server = await serverTree(client, root);
    const diffs = [];
    for (const [path, s] of server) {
        const c = cache.get(path);
        if (!c)
            diffs.push(`${path}: on the server, not in the cache`);
        else if (c.stat.czxid !== s.czxid || c.stat.mzxid !== s.mzxid || !c.data?.equals(s.data))
            diffs.push(`${path}: cache v${c.stat.version} ${c.data} != server v${s.version} ${s.data}`);
    }
    for (const node of cache.nodes())
        if (!server.has(node.path))
            diffs.push(`${node.path}: in the cache, not on the server`);
    for (const path of server.keys()) {
        const names = cache.children(path);
        const expected = [...server.keys()]
            .filter((p) => p !== path &&
            p.startsWith(`${path === '/' ? '' : path}/`) &&
            !p.slice(path.length + 1).includes('/'))
            .map((p) => p.slice(p.lastIndexOf('/') + 1))
            .sort();
        if (names && JSON.stringify(names) !== JSON.stringify(expected))
            diffs.push(`${path}: children ${names} != ${expected}`);
    }
    return diffs;
}
/** Asserts the cache equals the server node by node, waiting up to `ms` for it to catch up. */
export async function assertSameAsServer(cache, client, root, ms = 15_000) {
    const end = Date.now() + ms;
    let diffs = await differences(cache, client, root);
    while (diffs.length > 0 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
        diffs = await differences(cache, client, root);
    }
    assert.deepEqual(diffs, [], `the cache differs from the server:\n${diffs.slice(0, 20).join('\n')}`);
}
/** Records a cache's events as 'type path' strings (data appended for created/changed). */
export function record(cache) {
    const seen = [];
    const on = (e) => {
        if (e.type === 'initialized' || e.type === 'rebuilt')
            seen.push(e.type);
        else
            seen.push(`${e.type} ${e.path}${e.type === 'deleted' ? '' : ` ${e.data?.toString() ?? ''}`}`);
    };
    cache.on('created', on);
    cache.on('changed', on);
    cache.on('deleted', on);
    cache.on('initialized', () => on({ type: 'initialized' }));
    cache.on('rebuilt', () => on({ type: 'rebuilt', sessionId: '' }));
    return seen;
}
/** The watches the server holds for `client`'s session, one path a line (four-letter word wchc). */
export async function watchesOf(connectString, client) {
    const [host, port] = connectString.split('/')[0].split(',')[0].split(':');
    const reply = await fourLetterWord(host, Number(port), 'wchc', 5000);
    const id = BigInt(`0x${client.sessionId}`);
    const section = reply.split(/\n(?=0x)/).find((s) => BigInt(s.split('\n')[0].trim()) === id);
    return section ?? '';
}
//# sourceMappingURL=common.js.map