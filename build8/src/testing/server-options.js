export {};
//# sourceMappingURL=server-options.js.map