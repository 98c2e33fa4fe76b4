import { nextUpdate, type TestSocket } from './sockets.js';
import { send, type SessionFixture } from './session-fixture.js';

/**
 * Proves that nothing was broadcast without waiting a guessed time: sends a change every open
 * session takes (a "5 minutes" signal) after the thing under test, and waits until each watching
 * screen has it. One session's broadcasts reach a socket in version order (P10), so any broadcast
 * the thing under test made has arrived by then. Returns the barrier's version.
 */
export async function barrier(fx: SessionFixture, watchers: readonly TestSocket[]): Promise<number> {
  const ack = await send(fx.lead.socket, fx.sessionId, { type: 'signal.send', kind: 'fiveMinutes' });
  if (!ack.ok) throw new Error(`the barrier was refused: ${ack.code}`);
  for (const socket of watchers) await nextUpdate(socket, ack.version);
  return ack.version;
}

/** The versions a socket was sent after `from`, in arrival order. */
export const versionsAfter = (socket: TestSocket, from: number): number[] => socket.updates.map((u) => u.version).filter((v) => v > from);
