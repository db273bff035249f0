/** InterProcessMutex: every node ahead blocks it. */
export const MUTEX = { marker: '-lock-', blocks: () => true };
/** The read/write lock's writer: every node ahead blocks it. */
export const WRITER = { marker: '-__WRIT__', blocks: () => true };
/** The read/write lock's reader: only exclusive nodes (writers, mutexes, Kazoo's locks) ahead block it. */
export const READER = { marker: '-__READ__', blocks: (ahead) => ahead.mode === 'exclusive' };
//# sourceMappingURL=kinds.js.map