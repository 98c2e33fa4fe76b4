import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents, type StateUpdate } from '../../shared/protocol.js';
import type { TestServer } from './server.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** Every state update this socket received, in order. */
  updates: StateUpdate[];
};

/** A real socket.io-client connected as the account behind `cookie`. */
export async function connectSocket(server: TestServer, cookie: string | null, protocolVersion = PROTOCOL_VERSION): Promise<TestSocket> {
  const socket = io(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion },
    extraHeaders: cookie ? { cookie } : {},
  }) as TestSocket;
  socket.updates = [];
  socket.on('session:state', (update) => socket.updates.push(update));
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
    const onUpdate = (u: StateUpdate) => {
      if (u.version < version) return;
      clearTimeout(timer);
      socket.off('session:state', onUpdate);
      resolve(u);
    };
    socket.on('session:state', onUpdate);
  });
}
