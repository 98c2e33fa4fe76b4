import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '../../shared/protocol.js';
import type { Command } from '../../shared/schemas/commands.js';
import { createSyncClient, type SyncClient } from '../../shared/sync/client.js';
import { calmMessage, STILL_SENDING } from '../../shared/sync/policy.js';
import { watchRatings } from './liveRatings.js';
import { createLiveStore, waitForVersion, type LiveState } from './liveState.js';
import type { Store } from './store.js';
import { startTicker, type Ticker } from './ticker.js';

export type { ConnectionStatus } from '../../shared/sync/client.js';
export type { LiveState, Notice } from './liveState.js';

export type SendResult = { ok: true } | { ok: false; message: string };

export interface LiveSession {
  store: Store<LiveState>;
  /**
   * Connects and keeps connected until the returned function is called. Creating a LiveSession
   * has no side effect; this does, so a component calls it from an effect (and may call it
   * again after stopping, as React's strict mode does).
   */
  start(): () => void;
  /**
   * Sends one press; resolves once the resulting state is on screen, or with why it was not done.
   * `pressedAt` (from `now()`) is when the finger went down, if before this call (P45).
   */
  send(command: Command, options?: { pressedAt?: number }): Promise<SendResult>;
  notify(text: string): void;
  /** This device's clock, the one a press's moment is read from. */
  now(): number;
}

export type HoldspaceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveSessionOptions {
  /** The signed-in facilitator, so a race lost to oneself reads "Already done". */
  userId: string | null;
  connect?: (sessionId: string) => HoldspaceSocket;
  readClock?: () => number;
}

const NOTICE_MS = 6_000;
/** What a facilitator may still record while the connection is down (issue 16 §6). */
const OFFLINE_KEPT: ReadonlySet<Command['type']> = new Set(['flag.raise', 'note.add']);
const OFFLINE = 'Not sent: reconnecting. The screen catches up when the connection is back.';

/**
 * The session's id rides in the address (`?session=`), so a proxy in front of several servers
 * sends every screen of a session to the same one (docs/operations.md, protocol.md P56).
 */
function connectSocket(sessionId: string): HoldspaceSocket {
  return io({
    query: { session: sessionId },
    auth: { protocolVersion: PROTOCOL_VERSION } satisfies HandshakeAuth,
    withCredentials: true,
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3_000,
  });
}

/**
 * The browser's side of one session: the shared sync client (shared/sync/) over a Socket.IO
 * socket, writing into the screen's one store, plus what only a page has — the one-second tick,
 * the calm notice, and a fresh clock estimate when the page wakes.
 */
export function createLiveSession(sessionId: string, options: LiveSessionOptions): LiveSession {
  const readClock = options.readClock ?? Date.now;
  const connect = options.connect ?? connectSocket;
  const store = createLiveStore(sessionId, readClock());
  let sync: SyncClient | null = null;
  let noticeSeq = 0;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;

  function notify(text: string) {
    clearTimeout(noticeTimer);
    store.setState({ notice: { id: ++noticeSeq, text } });
    noticeTimer = setTimeout(() => store.setState({ notice: null }), NOTICE_MS);
  }

  async function send(command: Command, sendOptions: { pressedAt?: number } = {}): Promise<SendResult> {
    const { connection } = store.getState();
    // A flag or a note made offline is kept: queued with its commandId, on the screen, and sent
    // once the connection is back (the outbox flushes after the join; the server's dedupe, P7,
    // makes a repeat harmless). Other controls are disabled offline; a press that slips through
    // is not queued for later, as the room will have moved on.
    if (sync && connection !== 'connected' && OFFLINE_KEPT.has(command.type)) return sendWhenBack(sync, command);
    if (!sync || connection !== 'connected') {
      notify(OFFLINE);
      return { ok: false, message: OFFLINE };
    }
    // A versioned press carries the version the person reacted to (P45). Retried with its
    // commandId until answered: never "No answer" about a press that was applied.
    const outcome = await sync.press(command, { at: sendOptions.pressedAt ?? readClock() }).settled;
    if (outcome.ok) {
      if (store.getState().notice?.text === STILL_SENDING) store.setState({ notice: null });
      await waitForVersion(store, outcome.version);
      return { ok: true };
    }
    if (outcome.code === 'CLOSED') return { ok: false, message: outcome.message };
    const message = calmMessage(outcome, store.getState().update?.cause ?? null, options.userId);
    notify(message);
    return { ok: false, message };
  }

  async function sendWhenBack(client: SyncClient, command: Command): Promise<SendResult> {
    const sent = client.send(command);
    const entry = { commandId: sent.commandId, command };
    store.setState({ queued: [...store.getState().queued, entry] });
    const outcome = await sent.settled;
    store.setState({ queued: store.getState().queued.filter((q) => q !== entry) });
    return outcome.ok ? { ok: true } : { ok: false, message: outcome.message };
  }

  function start(): () => void {
    const ticker: Ticker = startTicker(store, readClock);
    const socket = connect(sessionId);
    const current = createSyncClient({ sessionId, socket, store, readClock, onSlow: () => notify(STILL_SENDING) });
    // The rating count rides the same socket: one connection per screen.
    const stopRatings = watchRatings(sessionId, socket, store);
    sync = current;
    // A new offset moves the digits at once, not at the next whole second.
    let offset = store.getState().offsetMs;
    const unsubscribe = store.subscribe(() => {
      if (store.getState().offsetMs === offset) return;
      offset = store.getState().offsetMs;
      ticker.tick();
    });
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      ticker.tick();
      void current.syncClock();
    };
    document.addEventListener('visibilitychange', onVisible);

    return () => {
      if (sync === current) sync = null;
      current.close();
      stopRatings();
      unsubscribe();
      ticker.stop();
      clearTimeout(noticeTimer);
      document.removeEventListener('visibilitychange', onVisible);
      store.setState({ connection: 'connecting' });
    };
  }

  return { store, start, send, notify, now: readClock };
}
