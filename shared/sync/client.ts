import type { Failure, StateUpdate } from '../protocol.js';
import { VERSIONED_COMMANDS, type Command } from '../schemas/commands.js';
import { CLOCK_RESYNC_MS, estimateOffset } from './clock.js';
import { newCommandId } from './commandId.js';
import { afterPatch, newer } from './held.js';
import { createOutbox, type Outcome, type Sent } from './outbox.js';
import { backoffMs, ERROR_POLICY, policyOf, refusalOf } from './policy.js';
import { REACTION_MS, shownAfter, versionMeant, type Shown } from './reaction.js';
import { globalTimers, type SyncSocket, type Timers } from './socket.js';
import { createStore, type Store } from './store.js';

/** The longest wait between joins a passing refusal (`soon`, e.g. MOVING) asks for: a takeover is seen within a second. */
const SOON_MAX_MS = 1_000;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** What the sync client keeps for a screen; a screen's own store may hold more beside it. */
export interface SyncState {
  sessionId: string;
  /** The newest state of the session this screen holds. */
  update: StateUpdate | null;
  /** 'connected' only once joined: until the join's ack, controls stay disabled (§9 step 4). */
  connection: ConnectionStatus;
  /** Server clock minus this device's clock, from the best ping. */
  offsetMs: number;
  /** A problem no retry fixes (no access, an out-of-date screen): shown instead of the console. */
  fatal: string | null;
}

function initialSyncState(sessionId: string): SyncState {
  return { sessionId, update: null, connection: 'connecting', offsetMs: 0, fatal: null };
}

export interface SyncClientOptions {
  sessionId: string;
  socket: SyncSocket;
  /** Where the state goes; a screen's own store with more fields fits (default: a store of its own). */
  store?: Store<SyncState>;
  readClock: () => number;
  timers?: Timers;
  newId?: () => string;
  /** Wait for a command's ack before sending it again (default 5 s). */
  ackTimeoutMs?: number;
  joinTimeoutMs?: number;
  /** Wait before reconnecting after the server dropped or refused us for a passing reason. */
  retryMs?: number;
  /** How long a state must have been on screen before a press is meant for it (P45, default 300 ms). */
  reactionMs?: number;
  /** Estimate the clock offset after each join and every minute (default on). */
  clock?: boolean;
  /** The first time a command had no answer in time and is being sent again. */
  onSlow?: (sent: Sent) => void;
  /** Every answer to every attempt of a command. */
  onAnswer?: Parameters<typeof createOutbox>[0]['onAnswer'];
}

export interface SyncCounts {
  /** Joins that were answered (the first and every rejoin). */
  joins: number;
  disconnects: number;
  /** Joins made because a broadcast came from a version this screen had missed. */
  resyncs: number;
}

export interface SyncClient {
  readonly store: Store<SyncState>;
  readonly counts: Readonly<SyncCounts>;
  /** True while connected and joined: commands go on the wire at once. */
  readonly ready: boolean;
  readonly unanswered: number;
  /** One press: sent with a fresh commandId (or the given one) and retried with it until it settles. */
  send(command: Command, options?: { expectedVersion?: number; commandId?: string }): Sent;
  /**
   * One press by a person at `at` (this screen's clock; default now). A versioned command carries
   * the version that had been on screen long enough to be the one pressed for (P45), so a press
   * made just after the screen changed acts on what the person saw or is refused STALE.
   */
  press(command: Command, options?: { at?: number }): Sent;
  /** Re-estimates the clock offset (say, when the page wakes). */
  syncClock(): Promise<void>;
  /** Stops for good: unanswered commands settle as CLOSED, the socket is disconnected. */
  close(): void;
}

/**
 * One screen's sync with one session, over any SyncSocket (docs/protocol.md §1, §9): joins with
 * the version it holds on every (re)connect, never trusting the transport's recovery; applies
 * each broadcast change to the state held and joins again after a gap; keeps the clock offset;
 * sends commands through the shared outbox; and acts on every error code by ERROR_POLICY.
 */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { sessionId, socket, readClock } = options;
  const timers = options.timers ?? globalTimers;
  const store = options.store ?? createStore(initialSyncState(sessionId));
  const retryMs = options.retryMs ?? 2_000;
  const reactionMs = options.reactionMs ?? REACTION_MS;
  /** The versions this screen showed lately, with when (P45). */
  let shown: Shown[] = [];
  const counts: SyncCounts = { joins: 0, disconnects: 0, resyncs: 0 };
  const handles = new Set<unknown>();
  let joinedHere = false;
  let joining: Promise<void> | null = null;
  let joinRefusals = 0;
  let offsetKnown = false;
  let clockTimer: unknown;
  let stoppedWith: Failure | null = null;
  let closed = false;

  const live = () => !closed && stoppedWith === null;
  const ready = () => live() && joinedHere && socket.connected;
  const held = () => store.getState().update;

  function later(run: () => void, ms: number) {
    const handle = timers.setTimeout(() => {
      handles.delete(handle);
      if (live()) run();
    }, ms);
    handles.add(handle);
  }

  function take(update: StateUpdate | null | undefined) {
    const next = newer(held(), sessionId, update);
    if (next) show(next);
  }

  function show(update: StateUpdate) {
    shown = shownAfter(shown, update, readClock(), reactionMs);
    store.setState({ update });
  }

  const outbox = createOutbox({
    sessionId,
    socket,
    ready,
    ackTimeoutMs: options.ackTimeoutMs ?? 5_000,
    timers,
    newId: options.newId ?? newCommandId,
    onAnswer: options.onAnswer,
    onSlow: options.onSlow,
    onRefused(_sent, failure, policy) {
      if (policy.do === 'stop') stop(failure);
      else if (policy.do === 'resync') take(failure.state);
      else if (policy.do === 'retry' && policy.rejoin && ready()) void join();
    },
  });

  /** A refusal no retry fixes: say so, settle everything, and stop reconnecting. */
  function stop(failure: Failure) {
    if (!live()) return;
    stoppedWith = failure;
    store.setState({ fatal: failure.message });
    outbox.settleAll(failure);
    socket.disconnect();
  }

  function join(): Promise<void> {
    joining ??= askToJoin().finally(() => (joining = null));
    return joining;
  }

  async function askToJoin() {
    const knownVersion = held()?.version ?? -1;
    let ack;
    try {
      ack = await socket.timeout(options.joinTimeoutMs ?? 10_000).emitWithAck('session:join', { sessionId, knownVersion });
    } catch {
      // No answer: if still connected, ask again; if not, the next connect joins.
      if (socket.connected) later(() => void join(), retryMs);
      return;
    }
    if (!live() || !socket.connected) return;
    if (!ack.ok) {
      // A passing refusal (storage busy, a server hiccup): stay "Reconnecting…" and ask again.
      const policy = policyOf(ack.code);
      if (policy.do !== 'retry') stop(ack);
      else
        later(
          () => void join(),
          policy.soon ? Math.min(SOON_MAX_MS, backoffMs(++joinRefusals)) : Math.max(retryMs, backoffMs(++joinRefusals)),
        );
      return;
    }
    joinRefusals = 0;
    const firstOnThisConnection = !joinedHere;
    take(ack.update);
    // A rough offset at once (half a round trip off at worst); the pings refine it.
    if (!offsetKnown) setOffset(ack.serverNow - readClock());
    joinedHere = true;
    counts.joins++;
    store.setState({ connection: 'connected' });
    // Whatever had no answer goes again with its commandId (P7, P23); a rejoin after a gap on the
    // same connection leaves commands in flight alone.
    if (firstOnThisConnection) outbox.flush();
    void syncClock();
  }

  function setOffset(offsetMs: number) {
    offsetKnown = true;
    store.setState({ offsetMs });
  }

  async function syncClock() {
    if (options.clock === false || !ready()) return;
    timers.clearTimeout(clockTimer);
    clockTimer = timers.setTimeout(() => void syncClock(), CLOCK_RESYNC_MS);
    const offset = await estimateOffset((clientSentAt) => socket.timeout(3_000).emitWithAck('clock:ping', { clientSentAt }), readClock);
    if (offset !== null && live()) setOffset(offset);
  }

  socket.on('connect', () => {
    if (live()) void join();
  });
  socket.on('disconnect', (reason) => {
    joinedHere = false;
    counts.disconnects++;
    if (!live()) return;
    store.setState({ connection: 'reconnecting' });
    // The server dropped us on purpose (a restart, a revoked sign-in): the transport does not
    // retry that by itself. Try again; the handshake decides.
    if (reason === 'io server disconnect') later(() => socket.connect(), retryMs);
  });
  socket.on('connect_error', (error) => {
    if (!live()) return;
    if (store.getState().connection === 'connected') store.setState({ connection: 'reconnecting' });
    if (socket.active) return; // a network error: the transport retries by itself
    const refusal = refusalOf(error);
    const policy = refusal.code === null ? ERROR_POLICY.INTERNAL : policyOf(refusal.code);
    if (policy.do === 'retry') later(() => socket.connect(), retryMs);
    // A code this client does not know (a newer server's) is carried as it came, with its message.
    else stop({ ok: false, code: refusal.code as Failure['code'], message: refusal.message });
  });
  socket.on('session:patch', (patch) => {
    if (!live()) return;
    const result = afterPatch(held(), sessionId, patch);
    if (result.kind === 'applied') show(result.update);
    // A change made from a version this screen missed: join again, which brings the whole state
    // (one join for a burst of them). Before the join's ack, the join brings it anyway.
    else if (result.kind === 'missed' && ready() && joining === null) {
      counts.resyncs++;
      void join();
    }
  });
  if (socket.connected) void join();

  function send(command: Command, sendOptions?: { expectedVersion?: number; commandId?: string }): Sent {
    if (live()) return outbox.send(command, sendOptions);
    const outcome: Outcome = stoppedWith ?? CLOSED;
    return { commandId: sendOptions?.commandId ?? '', command, answers: [], attempts: 0, settled: Promise.resolve(outcome) };
  }

  return {
    store,
    counts,
    get ready() {
      return ready();
    },
    get unanswered() {
      return outbox.unanswered;
    },
    send,
    press(command, pressOptions) {
      if (!VERSIONED_COMMANDS.has(command.type)) return send(command);
      const expectedVersion = versionMeant(shown, pressOptions?.at ?? readClock(), reactionMs);
      return send(command, expectedVersion === undefined ? {} : { expectedVersion });
    },
    syncClock,
    close() {
      if (closed) return;
      closed = true;
      for (const handle of handles) timers.clearTimeout(handle);
      timers.clearTimeout(clockTimer);
      outbox.settleAll(CLOSED);
      socket.off();
      socket.disconnect();
    },
  };
}

const CLOSED = { ok: false, code: 'CLOSED', message: 'The screen was closed before the server answered.' } as const;
