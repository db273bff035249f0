/**
 * The lock kinds, each declared once: the marker its nodes carry (Curator's names) and what
 * blocks it. The queue (recipes/queue) derives everything else: whom to watch, whom a forced
 * acquire removes.
 */
import type { ContenderKind } from '../queue/contenders.js';

/** InterProcessMutex: every node ahead blocks it. */
export const MUTEX: ContenderKind = { marker: '-lock-', blocks: () => true };

/** The read/write lock's writer: every node ahead blocks it. */
export const WRITER: ContenderKind = { marker: '-__WRIT__', blocks: () => true };

/** The read/write lock's reader: only exclusive nodes (writers, mutexes, Kazoo's locks) ahead block it. */
export const READER: ContenderKind = { marker: '-__READ__', blocks: (ahead) => ahead.mode === 'exclusive' };
