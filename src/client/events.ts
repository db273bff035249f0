/** What a ZkClient tells its listeners: its states, and one event per fact (docs/connection.md). */

/** Where a client's session stands; see the state machine in docs/connection.md. */
export type ClientState = 'idle' | 'connecting' | 'connected' | 'suspended' | 'lost' | 'closed';

export interface ZkClientEvents {
  state: [state: ClientState, previous: ClientState];
  /**
   * A session was established: the first one, or a new one after `lost` (`previous` is the id of
   * the session it replaces): re-create what you own.
   */
  connected: [sessionId: string, previous: string | undefined];
  /** No answer from the server for 2/3 of the session timeout, or the connection dropped. */
  suspended: [];
  /** Back on the same session after `suspended`. */
  reconnected: [sessionId: string];
  /**
   * The session ended, once per session: its safe deadline passed, or the server said it expired.
   * Its ephemeral nodes are gone or going; a new session is being opened.
   */
  lost: [sessionId: string];
  closed: [];
}

export type Emit = <K extends keyof ZkClientEvents>(event: K, ...args: ZkClientEvents[K]) => void;
