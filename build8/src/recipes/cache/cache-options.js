/** What a ZkCache takes, checked at the edge with the bad value named. */
import { describe, validatePath } from '../../client/paths.js';
export const DEFAULT_BUFFER_SIZE = 10_000;
export function resolveCacheOptions(root, options) {
    validatePath(root, 'root');
    if (options === null || typeof options !== 'object')
        throw new TypeError(`options must be an object, got ${describe(options)}`);
    const o = options;
    if (o.data !== undefined && typeof o.data !== 'boolean')
        throw new TypeError(`data must be a boolean, got ${describe(o.data)}`);
    const maxDepth = o.maxDepth ?? Number.POSITIVE_INFINITY;
    if (typeof maxDepth !== 'number' ||
        !(maxDepth === Number.POSITIVE_INFINITY || (Number.isInteger(maxDepth) && maxDepth >= 0)))
        throw new RangeError(`maxDepth must be an integer >= 0 or Infinity, got ${describe(o.maxDepth)}`);
    if (o.filter !== undefined && typeof o.filter !== 'function')
        throw new TypeError(`filter must be a function (path) => boolean, got ${describe(o.filter)}`);
    return {
        data: o.data ?? true,
        maxDepth,
        filter: o.filter,
        bufferSize: checkBufferSize(o.bufferSize ?? DEFAULT_BUFFER_SIZE),
    };
}
export function checkBufferSize(v) {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1)
        return v;
    throw new RangeError(`bufferSize must be an integer >= 1, got ${describe(v)}`);
}
/**
 * Whether `path` (the root or below it) is cached: within maxDepth, and accepted by the filter
 * together with every ancestor below the root.
 */
export function accepts(settings, root, path) {
    if (path === root)
        return true;
    const prefix = root === '/' ? '/' : `${root}/`;
    if (!path.startsWith(prefix))
        return false;
    const rest = path.slice(prefix.length);
    let depth = 1;
    for (let i = 0; i < rest.length; i++)
        if (rest.charCodeAt(i) === 47)
            depth++;
    if (depth > settings.maxDepth)
        return false;
    const filter = settings.filter;
    if (!filter)
        return true;
    for (let i = rest.indexOf('/'); i !== -1; i = rest.indexOf('/', i + 1))
        if (!filter(prefix + rest.slice(0, i)))
            return false;
    return filter(path);
}
//# sourceMappingURL=cache-options.js.map