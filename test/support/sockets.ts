import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type StatePatch,
  type StateUpdate,
} from '../../shared/protocol.js';
import { afterPatch } from '../../shared/sync/held.js';
import type { TestServer } from './server.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /**
   * Every state this socket was sent, in order, as a screen holds it: each broadcast change
   * applied to the state before it (the first from the join's ack; see `hold`).
   */
  updates: StateUpdate[];
  /** Broadcast changes made from a version this socket did not hold (a healthy socket has none). */
  missed: StatePatch[];
  /** The state a join's ack brought: broadcast changes apply from it. */
  hold(update: StateUpdate): void;
};

/**
 * A real socket.io-client connected as the account behind `cookie`: a raw probe of the server's
 * protocol (every ack and broadcast as sent), for tests of the server. Tests of a screen's
 * behaviour use the shipped client, shared/sync/ (test/faults/support/screen.ts).
 */
export async function connectSocket(
  server: Pick<TestServer, 'url'>,
  cookie: string | null,
  protocolVersion = PROTOCOL_VERSION,
): Promise<TestSocket> {
  const socket = io(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion },
    extraHeaders: cookie ? { cookie } : {},
  }) as TestSocket;
  socket.updates = [];
  socket.missed = [];
  const held = new Map<string, StateUpdate>();
  socket.hold = (update) => held.set(update.sessionId, update);
  socket.on('session:patch', (patch) => {
    // The shipped client's patch step (shared/sync/held.ts); anything but 'applied' is a missed change here.
    const result = afterPatch(held.get(patch.sessionId) ?? null, patch.sessionId, patch);
    if (result.kind !== 'applied') return void socket.missed.push(patch);
    held.set(patch.sessionId, result.update);
    socket.updates.push(result.update);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/** Waits for the next update with at least `version`. */
export function nextUpdate(socket: TestSocket, version: number, timeoutMs = 2000): Promise<StateUpdate> {
  const have = socket.updates.find((u) => u.version >= version);
  if (have) return Promise.resolve(have);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no update ≥ v${version} within ${timeoutMs} ms`)), timeoutMs);
    // Runs after the listener above has turned the change into a state.
    const onPatch = (p: StatePatch) => {
      if (p.version < version) return;
      clearTimeout(timer);
      socket.off('session:patch', onPatch);
      const update = socket.updates.find((u) => u.version === p.version);
      if (update) resolve(update);
      else reject(new Error(`v${p.version} was made from v${p.baseVersion}, which this socket did not hold`));
    };
    socket.on('session:patch', onPatch);
  });
}
