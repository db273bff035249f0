/**
 * The election's contender kind: Curator LeaderLatch's participant nodes
 * (`_c_<uuid>-latch-<seq>`, data = the participant id). The lowest leads, and each participant
 * watches the one just ahead of it, so every node ahead blocks.
 */
import type { ContenderKind } from '../queue/contenders.js';

export const LATCH: ContenderKind = { marker: '-latch-', blocks: () => true };
