/** What a ZkClient tells its listeners: its states, and one event per fact (docs/connection.md). */
export {};
//# sourceMappingURL=events.js.map