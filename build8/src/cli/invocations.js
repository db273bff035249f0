/** What a command line asks for, parsed and checked (args.ts makes them). */
export {};
//# sourceMappingURL=invocations.js.map