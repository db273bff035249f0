export {};
//# sourceMappingURL=wire-contract.js.map