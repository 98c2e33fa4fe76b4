import { io, type Socket } from 'socket.io-client';
import { ERROR_CODES, PROTOCOL_VERSION, type ClientToServerEvents, type CommandAck, type JoinAck, type ServerToClientEvents } from '../../shared/protocol.js';
import { VERSIONED_COMMANDS, type Command } from '../../shared/schemas/commands.js';
import type { CommandPayload } from '../../shared/schemas/socket.js';
import { CLOCK_RESYNC_MS, estimateOffset } from './clockSync.js';
import { newCommandId } from './commandId.js';
import { applyPatch, applyUpdate, createLiveStore, waitForVersion, type LiveState } from './liveState.js';
import { calmMessage, FATAL_CODES, refusalOf } from './refusals.js';
import type { Store } from './store.js';
import { startTicker, type Ticker } from './ticker.js';

export type { ConnectionStatus, LiveState, Notice } from './liveState.js';

export type SendResult = { ok: true } | { ok: false; message: string };

export interface LiveSession {
  store: Store<LiveState>;
  /**
   * Connects and keeps connected until the returned function is called. Creating a LiveSession
   * has no side effect; this does, so a component calls it from an effect (and may call it
   * again after stopping, as React's strict mode does).
   */
  start(): () => void;
  /** Sends one press; resolves once the resulting state is on screen, or with why it was not done. */
  send(command: Command): Promise<SendResult>;
  notify(text: string): void;
}

export type HoldspaceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveSessionOptions {
  /** The signed-in facilitator, so a race lost to oneself reads "Already done". */
  userId: string | null;
  connect?: () => HoldspaceSocket;
  readClock?: () => number;
}

const RETRY_MS = 2_000;
const JOIN_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 8_000;
const PING_TIMEOUT_MS = 3_000;
const NOTICE_MS = 6_000;

function connectSocket(): HoldspaceSocket {
  return io({
    auth: { protocolVersion: PROTOCOL_VERSION },
    withCredentials: true,
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3_000,
  });
}

/**
 * One session's live connection: joins (and re-joins with the last version held on every
 * reconnect, never trusting Socket.IO's recovery), keeps the clock offset, runs the shared
 * one-second tick, and sends commands with ids and the version the screen shows.
 */
export function createLiveSession(sessionId: string, options: LiveSessionOptions): LiveSession {
  const readClock = options.readClock ?? Date.now;
  const connect = options.connect ?? connectSocket;
  const store = createLiveStore(sessionId, readClock());
  let socket: HoldspaceSocket | null = null;
  let ticker: Ticker | null = null;
  let offsetKnown = false;
  let noticeSeq = 0;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;

  function setOffset(offsetMs: number) {
    offsetKnown = true;
    store.setState({ offsetMs });
    ticker?.tick();
  }

  async function syncClock() {
    const current = socket;
    if (!current?.connected) return;
    const offset = await estimateOffset((clientSentAt) => current.timeout(PING_TIMEOUT_MS).emitWithAck('clock:ping', { clientSentAt }), readClock);
    if (offset !== null && socket === current) setOffset(offset);
  }

  async function join(current: HoldspaceSocket) {
    const knownVersion = store.getState().update?.version ?? -1;
    let ack: JoinAck;
    try {
      ack = await current.timeout(JOIN_TIMEOUT_MS).emitWithAck('session:join', { sessionId, knownVersion });
    } catch {
      // No answer: if still connected, ask again; if not, the next connect joins.
      if (socket === current && current.connected) setTimeout(() => void join(current), RETRY_MS);
      return;
    }
    if (socket !== current) return;
    if (!ack.ok) {
      if (FATAL_CODES.has(ack.code)) store.setState({ fatal: ack.message || ERROR_CODES[ack.code] });
      // A passing failure (storage busy, a server hiccup): stay "Reconnecting…" and ask again.
      else setTimeout(() => socket === current && current.connected && void join(current), RETRY_MS);
      return;
    }
    if (ack.update) applyUpdate(store, ack.update);
    // A rough offset at once (half a round trip off at worst); the pings refine it.
    if (!offsetKnown) setOffset(ack.serverNow - readClock());
    store.setState({ connection: 'connected' });
    void syncClock();
  }

  function notify(text: string) {
    clearTimeout(noticeTimer);
    store.setState({ notice: { id: ++noticeSeq, text } });
    noticeTimer = setTimeout(() => store.setState({ notice: null }), NOTICE_MS);
  }

  async function send(command: Command): Promise<SendResult> {
    const { connection, update } = store.getState();
    const current = socket;
    // Socket.IO would buffer an emit made offline and replay it later: never let it.
    if (connection !== 'connected' || !current?.connected) {
      const message = 'Not sent: reconnecting. The screen catches up when the connection is back.';
      notify(message);
      return { ok: false, message };
    }
    const payload: CommandPayload = { sessionId, commandId: newCommandId(), command };
    if (VERSIONED_COMMANDS.has(command.type) && update) payload.expectedVersion = update.version;
    let ack: CommandAck;
    try {
      ack = await current.timeout(COMMAND_TIMEOUT_MS).emitWithAck('session:command', payload);
    } catch {
      const message = 'No answer yet from the server; the screen will show what happened once it catches up.';
      notify(message);
      return { ok: false, message };
    }
    if (ack.ok) {
      await waitForVersion(store, ack.version);
      return { ok: true };
    }
    if (ack.state) applyUpdate(store, ack.state);
    const message = calmMessage(ack, store.getState().update?.cause ?? null, options.userId);
    notify(message);
    return { ok: false, message };
  }

  function start(): () => void {
    const current = connect();
    socket = current;
    ticker = startTicker(store, readClock);
    const stillMine = () => socket === current;
    current.on('connect', () => void join(current));
    current.on('disconnect', (reason) => {
      if (!stillMine()) return;
      store.setState({ connection: 'reconnecting' });
      // The server dropped us on purpose (a restart, a revoked sign-in): try again; the handshake decides.
      if (reason === 'io server disconnect') setTimeout(() => stillMine() && current.connect(), RETRY_MS);
    });
    current.on('connect_error', (error) => {
      if (!stillMine()) return;
      if (store.getState().connection === 'connected') store.setState({ connection: 'reconnecting' });
      // Still active: Socket.IO retries by itself. Inactive: the server refused the handshake.
      if (current.active) return;
      const refusal = refusalOf(error);
      if (FATAL_CODES.has(refusal.code)) store.setState({ fatal: refusal.message });
      else setTimeout(() => stillMine() && current.connect(), RETRY_MS);
    });
    // A change made from a version this screen missed: join again, which brings the whole state
    // (one join for a burst of them).
    let resyncing = false;
    current.on('session:patch', (patch) => {
      if (applyPatch(store, patch) !== 'missed' || resyncing || store.getState().connection !== 'connected') return;
      resyncing = true;
      void join(current).finally(() => (resyncing = false));
    });
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      ticker?.tick();
      void syncClock();
    };
    document.addEventListener('visibilitychange', onVisible);
    const resync = setInterval(() => void syncClock(), CLOCK_RESYNC_MS);

    return () => {
      socket = null;
      ticker?.stop();
      ticker = null;
      clearTimeout(noticeTimer);
      clearInterval(resync);
      document.removeEventListener('visibilitychange', onVisible);
      current.removeAllListeners();
      current.disconnect();
      store.setState({ connection: 'connecting' });
    };
  }

  return { store, start, send, notify };
}
