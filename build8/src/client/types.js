/** Permission bits of an ACL entry. */
export const Perm = { READ: 1, WRITE: 2, CREATE: 4, DELETE: 8, ADMIN: 16, ALL: 31 };
export const OPEN_ACL_UNSAFE = [{ perms: Perm.ALL, scheme: 'world', id: 'anyone' }];
export const CREATOR_ALL_ACL = [{ perms: Perm.ALL, scheme: 'auth', id: '' }];
export const READ_ACL_UNSAFE = [{ perms: Perm.READ, scheme: 'world', id: 'anyone' }];
export const silentLogger = { debug() { }, info() { }, warn() { }, error() { } };
//# sourceMappingURL=types.js.map