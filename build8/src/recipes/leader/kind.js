export const LATCH = { marker: '-latch-', blocks: () => true };
//# sourceMappingURL=kind.js.map