/** ZooKeeper path rules, checked before a request is sent so a bad path fails at once with its value named. */
// Characters ZooKeeper's PathUtils rejects, besides NUL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters ZooKeeper rejects
const FORBIDDEN = /[\u0001-\u001f\u007f-\u009f\ud800-\uf8ff\ufff0-\uffff]/;
// Fast accept for the common case (every request checks its path): '/' or '/'-separated
// segments of allowed characters, none of them '.' or '..'. Anything else gets the full check.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters ZooKeeper rejects
const PLAIN = /^(?:\/(?!\.\.?(?:\/|$))[^/\u0000-\u001f\u007f-\u009f\ud800-\uf8ff\ufff0-\uffff]+)+$/;
/** Throws a TypeError naming the path when it is not a valid absolute ZooKeeper path. */
export function validatePath(path, what = 'path') {
    if (typeof path !== 'string')
        throw new TypeError(`${what} must be a string, got ${describe(path)}`);
    if (path === '/' || PLAIN.test(path))
        return;
    const bad = pathProblem(path);
    if (bad)
        throw new TypeError(`invalid ${what} ${JSON.stringify(path)}: ${bad}`);
}
/** @internal Why `path` is not a valid ZooKeeper path, or undefined. */
export function pathProblem(path) {
    if (path.length === 0)
        return 'it is empty';
    if (!path.startsWith('/'))
        return "it must start with '/'";
    if (path === '/')
        return undefined;
    if (path.endsWith('/'))
        return "it must not end with '/'";
    if (path.includes('\0'))
        return 'it contains a NUL character';
    if (FORBIDDEN.test(path))
        return 'it contains a control or reserved character';
    for (const segment of path.slice(1).split('/')) {
        if (segment === '')
            return "it contains an empty segment ('//')";
        if (segment === '.' || segment === '..')
            return `it contains a relative segment '${segment}'`;
    }
    return undefined;
}
/** Joins a parent path and a child name. */
export function joinPath(parent, child) {
    return parent === '/' ? `/${child}` : `${parent}/${child}`;
}
/** The last segment of a path. */
export function basename(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
/** The parent of a path ('/' for a top-level node). */
export function parentPath(path) {
    const i = path.lastIndexOf('/');
    return i <= 0 ? '/' : path.slice(0, i);
}
export function describe(value) {
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (typeof value === 'bigint')
        return `${value}n`;
    if (value === null || typeof value !== 'object')
        return String(value);
    return Object.prototype.toString.call(value);
}
//# sourceMappingURL=paths.js.map