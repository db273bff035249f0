import { ChrootMissingError } from '../errors.js';
import { describe, validatePath } from './paths.js';
/**
 * Parses `host:port[,host:port...][/chroot]`, as ZooKeeper's own clients do.
 * A missing port means 2181. IPv6 literals are refused (the wire client cannot parse them).
 */
export function parseConnectString(input) {
    if (typeof input !== 'string' || input.trim() === '') {
        throw new TypeError(`connect string must be a non-empty string like '127.0.0.1:2181', got ${describe(input)}`);
    }
    const fail = (why) => {
        throw new TypeError(`invalid connect string ${JSON.stringify(input)}: ${why}`);
    };
    const slash = input.indexOf('/');
    const hostPart = slash === -1 ? input : input.slice(0, slash);
    let chroot;
    if (slash !== -1) {
        chroot = input.slice(slash);
        if (chroot === '/')
            chroot = undefined;
        else {
            try {
                validatePath(chroot, 'chroot');
            }
            catch (e) {
                fail(e.message);
            }
        }
    }
    const servers = hostPart.split(',').map((raw) => {
        const entry = raw.trim();
        if (entry === '')
            return fail('it has an empty server entry');
        const parts = entry.split(':');
        if (parts.length > 2 || entry.startsWith('[')) {
            return fail(`${JSON.stringify(entry)}: IPv6 literals are not supported by the wire client; use a host name`);
        }
        const host = parts[0];
        const portText = parts[1];
        if (host === '' || /\s/.test(host))
            return fail(`bad host in ${JSON.stringify(entry)}`);
        const port = portText === undefined ? 2181 : Number(portText);
        if (portText === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
            return fail(`bad port ${JSON.stringify(portText)} in ${JSON.stringify(entry)}`);
        }
        return { host, port };
    });
    return { servers, chroot };
}
/** Formats a parsed connect string back, in the form node-zookeeper-client accepts. */
export function formatConnectString(cs) {
    return cs.servers.map((s) => `${s.host}:${s.port}`).join(',') + (cs.chroot ?? '');
}
/** When `connectString` has a chroot, a ChrootMissingError naming it (a NoNode of it explained); else `cause`. */
export function chrootMissing(connectString, cause, context = '') {
    const chroot = parseConnectString(connectString).chroot;
    if (!chroot)
        return cause;
    return new ChrootMissingError(`${context}the chroot ${chroot} of the connect string does not exist (create it first)`, { path: chroot, cause });
}
//# sourceMappingURL=connect-string.js.map