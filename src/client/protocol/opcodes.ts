/**
 * The protocol's numbers: opcodes (ZooDefs.OpCode), special xids (ClientCnxn), create flags
 * (CreateMode), watch types and modes, event types and states (Watcher.Event). Checked against
 * ZooKeeper's sources; see docs/protocol.md.
 */

export const OpCode = {
  notification: 0,
  create: 1,
  delete: 2,
  exists: 3,
  getData: 4,
  setData: 5,
  getACL: 6,
  setACL: 7,
  getChildren: 8,
  sync: 9,
  ping: 11,
  getChildren2: 12,
  check: 13,
  multi: 14,
  create2: 15,
  reconfig: 16,
  checkWatches: 17,
  removeWatches: 18,
  createContainer: 19,
  deleteContainer: 20,
  createTTL: 21,
  multiRead: 22,
  auth: 100,
  setWatches: 101,
  sasl: 102,
  getEphemerals: 103,
  getAllChildrenNumber: 104,
  setWatches2: 105,
  addWatch: 106,
  whoAmI: 107,
  createSession: -10,
  closeSession: -11,
  error: -1,
} as const;

export type OpCodeName = keyof typeof OpCode;
export type OpCodeValue = (typeof OpCode)[OpCodeName];

/**
 * The first ZooKeeper release whose server knows each opcode newer than 3.4 (read from ZooDefs.java
 * at each release tag), so that an UNIMPLEMENTED answer can say which server version is needed.
 */
export const SINCE_VERSION: Partial<Record<OpCodeName, string>> = {
  create2: '3.5.0',
  reconfig: '3.5.0',
  checkWatches: '3.5.0',
  removeWatches: '3.5.0',
  createContainer: '3.5.1',
  deleteContainer: '3.5.1',
  createTTL: '3.5.3',
  multiRead: '3.6.0',
  getEphemerals: '3.6.0',
  getAllChildrenNumber: '3.6.0',
  setWatches2: '3.6.0',
  addWatch: '3.6.0',
  whoAmI: '3.7.0',
};

const opNames = new Map<number, OpCodeName>(
  Object.entries(OpCode).map(([name, code]) => [code, name as OpCodeName]),
);

/** The name of an opcode, or `unknown(<n>)`. */
export function opCodeName(code: number): string {
  return opNames.get(code) ?? `unknown(${code})`;
}

/** The server version an opcode needs: '3.4' for those every supported server knows. */
export function sinceVersion(code: number): string {
  const name = opNames.get(code);
  return (name && SINCE_VERSION[name]) ?? '3.4';
}

/**
 * The opcodes a follower (or observer) forwards to the leader before it answers: writes and sync
 * (ZooKeeper's FollowerRequestProcessor). Their answers are the only ones that show the server
 * still hears from the leader; reads and pings are answered locally.
 */
const VIA_LEADER = new Set<number>([
  OpCode.create,
  OpCode.delete,
  OpCode.setData,
  OpCode.setACL,
  OpCode.sync,
  OpCode.check,
  OpCode.multi,
  OpCode.create2,
  OpCode.reconfig,
  OpCode.createContainer,
  OpCode.deleteContainer,
  OpCode.createTTL,
]);

/** Whether a request of this opcode is answered only after the leader has seen it. */
export function passesLeader(code: number): boolean {
  return VIA_LEADER.has(code);
}

/** Xids the client uses for packets that are not numbered requests (ClientCnxn.java). */
export const Xid = {
  notification: -1,
  ping: -2,
  auth: -4,
  setWatches: -8,
} as const;

/** CreateMode's flags as sent in CreateRequest.flags (CreateMode.java). */
export const CreateFlag = {
  persistent: 0,
  ephemeral: 1,
  persistentSequential: 2,
  ephemeralSequential: 3,
  container: 4,
  persistentWithTtl: 5,
  persistentSequentialWithTtl: 6,
} as const;

/** AddWatchRequest.mode (ZooDefs.AddWatchModes). */
export const AddWatchMode = { persistent: 0, persistentRecursive: 1 } as const;

/**
 * CheckWatchesRequest / RemoveWatchesRequest.type (Watcher.WatcherType). Persistent (4) and
 * PersistentRecursive (5) exist from 3.9.0; a 3.8 server refuses them (remove with `any`).
 */
export const WatcherType = { children: 1, data: 2, any: 3, persistent: 4, persistentRecursive: 5 } as const;

/** WatcherEvent.type (Watcher.Event.EventType). */
export const EventType = {
  none: -1,
  nodeCreated: 1,
  nodeDeleted: 2,
  nodeDataChanged: 3,
  nodeChildrenChanged: 4,
  dataWatchRemoved: 5,
  childWatchRemoved: 6,
  persistentWatchRemoved: 7,
} as const;

/** WatcherEvent.state (Watcher.Event.KeeperState). */
export const KeeperState = {
  disconnected: 0,
  syncConnected: 3,
  authFailed: 4,
  connectedReadOnly: 5,
  saslAuthenticated: 6,
  closed: 7,
  expired: -112,
} as const;
