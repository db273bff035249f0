/**
 * watchConfig: a config node's parsed value as an async iterator (watchData, parsed). A value
 * that does not parse is skipped with a warning (the iteration goes on with the last good one,
 * and a fixed value is seen when written): one bad write must not stop every replica that
 * follows the node. Data equal to the last value yielded is not yielded again.
 */
import { describe } from '../../client/paths.js';
import { ConfigParseError } from '../../errors.js';
import { watchData } from './watch-data.js';
const parseJson = (data) => JSON.parse(data.toString('utf8'));
/**
 * The parsed value of the node at `path` now (null while the node does not exist), then each
 * newer one: `for await (const config of watchConfig(client, '/app/config')) apply(config)`.
 */
export function watchConfig(client, path, opts = {}) {
    if (opts === null || typeof opts !== 'object')
        throw new TypeError(`options must be an object, got ${describe(opts)}`);
    const parse = opts.parse ?? parseJson;
    if (typeof parse !== 'function')
        throw new TypeError(`parse must be a function (data, path) => value, got ${describe(parse)}`);
    if (opts.onInvalid !== undefined && typeof opts.onInvalid !== 'function')
        throw new TypeError(`onInvalid must be a function, got ${describe(opts.onInvalid)}`);
    const raw = watchData(client, path, opts.signal ? { signal: opts.signal } : {});
    const onInvalid = opts.onInvalid ?? ((err) => client.logger.warn(`[zk-recipes] ${err.message}`));
    return parsed(raw, path, parse, onInvalid);
}
async function* parsed(raw, path, parse, onInvalid) {
    let last;
    for await (const v of raw) {
        if (v === null) {
            if (last !== null)
                yield null;
            last = null;
            continue;
        }
        if (last?.equals(v.data))
            continue;
        let value;
        try {
            value = parse(v.data, path);
        }
        catch (e) {
            onInvalid(new ConfigParseError(`the config at ${path} (version ${v.stat.version}) does not parse, skipped: ${e?.message ?? String(e)}`, path, v.stat.version, { cause: e }));
            continue;
        }
        last = v.data;
        yield value;
    }
}
//# sourceMappingURL=watch-config.js.map