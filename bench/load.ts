import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../shared/protocol.js';
import type { Command } from '../shared/schemas/commands.js';
import { createOutbox, type Outbox } from '../shared/sync/outbox.js';
import { globalTimers } from '../shared/sync/socket.js';
import { abuse } from '../test/faults/support/abuser.js';
import { nextCommand, type CycleState } from './commands.js';
import { announceReady, processStats, serveRequests } from './ipc.js';
import type { BenchSession } from './seed.js';
import { Samples, type Summary } from './stats.js';

/**
 * The load generator: its own process, real socket.io-client sockets to 127.0.0.1 only, three per
 * session (lead, co-facilitator, the lead's second screen), every one joined. It measures
 * command → ack on the sender and command → the new version on all three screens of the session.
 * Commands go through the shipped command path (shared/sync/outbox.ts: commandIds, retries and the
 * error policy); screens count versions rather than apply patches, since the bare server's
 * broadcasts carry no patch and applying one would put the generator's own work into the figures.
 */
const SCREENS = 3;

type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface LiveLoad {
  session: BenchSession;
  sockets: BenchSocket[];
  /** One outbox per screen, over its socket. */
  outboxes: Outbox[];
  cycle: CycleState;
  /** Versions acknowledged but not yet seen on every screen: version → send time. */
  awaiting: Map<number, number>;
  /** Versions seen on some screens: version → [screens so far, time of the latest]. */
  arrivals: Map<number, [number, number]>;
}

export interface ConnectPlan {
  url: string;
  /** Sign-in cookies by account index (Holdspace); empty for the baseline. */
  leadCookies: string[];
  coCookies: string[];
  sessions: BenchSession[];
}

export interface RunPlan {
  /** The first `sessions` connected sessions send; the rest stay connected and quiet. */
  sessions: number;
  /** Open loop: one command per session every `periodMs`, at a random phase. */
  periodMs?: number;
  /** Closed loop: each session sends its next command as soon as the last is acked. */
  closedLoop?: boolean;
  durationMs: number;
  /** Return every sample too (`RunResult.samples`), for runs to be pooled. */
  samples?: boolean;
}

export interface RunResult {
  ack: Summary;
  all: Summary;
  sent: number;
  ok: number;
  rejected: Record<string, number>;
  /** Sent but never acked within the grace period. */
  lost: number;
  /** Acked but not seen on every screen within the grace period. */
  incomplete: number;
  elapsedMs: number;
  /** Share of the generator's own time spent busy (if near 1, the generator is the limit). */
  generatorBusy: number;
  /** Mean size of a state message received, in bytes. */
  stateBytes: number;
  /** Screens that lost their connection during the run (none should). */
  disconnects: number;
  /** The generator's own event-loop delay during the run: its share of any latency. */
  generatorLoopDelay: { p99: number; max: number };
  /** Every latency in ms, when the plan asked for them. */
  samples?: { ack: number[]; all: number[] };
  /** Filled in by the orchestrator from the server's own figures over the same run. */
  server?: {
    busy: number;
    cpuMs: number;
    /** Bytes the server wrote to the disk during the run (`/proc/self/io` write_bytes; bench/ipc.ts). */
    writeBytes: number;
    loopDelay: { p99: number; max: number };
    gc: { count: number; totalMs: number; maxMs: number };
  };
}

const loads: LiveLoad[] = [];
let recording: { ack: Samples; all: Samples } | null = null;
let stateBytes = { total: 0, n: 0 };
let commandSeq = 0;
const nextCommandId = () => `bench-${(commandSeq++).toString(36).padStart(8, '0')}`;
let disconnects = 0;

function connectOne(url: string, cookie: string | null): Promise<BenchSocket> {
  const socket: BenchSocket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true, // one connection per screen, as real screens have
    timeout: 60_000,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: cookie ? { cookie } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

function onState(load: LiveLoad, version: number): void {
  const now = performance.now();
  const seen = load.arrivals.get(version);
  const count = (seen?.[0] ?? 0) + 1;
  if (count < SCREENS) {
    load.arrivals.set(version, [count, now]);
    return;
  }
  load.arrivals.delete(version);
  const sentAt = load.awaiting.get(version);
  if (sentAt === undefined) {
    load.arrivals.set(version, [count, now]); // the ack is still on its way
    return;
  }
  load.awaiting.delete(version);
  recording?.all.push(now - sentAt);
}

async function connect(plan: ConnectPlan): Promise<{ connected: number; ms: number }> {
  const started = performance.now();
  const batch = 50;
  for (let i = 0; i < plan.sessions.length; i += batch) {
    await Promise.all(
      plan.sessions.slice(i, i + batch).map(async (session) => {
        const lead = plan.leadCookies[session.lead] ?? null;
        const co = plan.coCookies[session.co] ?? null;
        const sockets = await Promise.all([connectOne(plan.url, lead), connectOne(plan.url, co), connectOne(plan.url, lead)]);
        const outboxes = sockets.map((socket) =>
          createOutbox({
            sessionId: session.id,
            socket,
            ready: () => socket.connected,
            ackTimeoutMs: 60_000,
            timers: globalTimers,
            newId: nextCommandId,
          }),
        );
        const load: LiveLoad = { session, sockets, outboxes, cycle: { step: 0, toggle: false }, awaiting: new Map(), arrivals: new Map() };
        sockets.forEach((socket, i) => {
          socket.on('disconnect', () => disconnects++);
          socket.on('session:patch', (change: { version: number }) => onState(load, change.version));
          if (i === 0) {
            socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
              if (packet.type === 'message' && typeof packet.data === 'string' && packet.data.includes('"session:patch"')) {
                stateBytes.total += Buffer.byteLength(packet.data);
                stateBytes.n++;
              }
            });
          }
        });
        for (const socket of sockets) {
          const ack = await socket.timeout(60_000).emitWithAck('session:join', { sessionId: session.id, knownVersion: -1 });
          if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
        }
        loads.push(load);
      }),
    );
  }
  return { connected: loads.length, ms: performance.now() - started };
}

async function run(plan: RunPlan): Promise<RunResult> {
  const active = loads.slice(0, plan.sessions);
  if (active.length < plan.sessions) throw new Error(`only ${active.length} sessions connected`);
  recording = { ack: new Samples(), all: new Samples() };
  stateBytes = { total: 0, n: 0 };
  disconnects = 0;
  const rejected: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let ok = 0;
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];
  const elu0 = performance.eventLoopUtilization();
  processStats(false); // resets the loop-delay histogram
  const started = performance.now();

  const fire = (load: LiveLoad, then?: () => void) => {
    const command = nextCommand(load.session.members, load.cycle) as Command;
    const outbox = load.outboxes[load.cycle.step % SCREENS]!;
    sent++;
    const sentAt = performance.now();
    void outbox.send(command).settled.then((result) => {
      const now = performance.now();
      acked++;
      recording?.ack.push(now - sentAt);
      if (result.ok) {
        ok++;
        const version = result.version;
        const seen = load.arrivals.get(version);
        if (seen && seen[0] >= SCREENS) {
          load.arrivals.delete(version);
          recording?.all.push(seen[1] - sentAt);
        } else {
          load.awaiting.set(version, sentAt);
        }
      } else {
        rejected[result.code] = (rejected[result.code] ?? 0) + 1;
      }
      then?.();
    });
  };

  if (plan.closedLoop) {
    const loop = (load: LiveLoad) => () => {
      if (!stopping) fire(load, loop(load));
    };
    for (const load of active) loop(load)();
  } else {
    const period = plan.periodMs!;
    for (const load of active) {
      let k = 0;
      const phase = Math.random() * period;
      const tick = () => {
        if (stopping) return;
        fire(load);
        k++;
        timers.push(setTimeout(tick, Math.max(0, started + phase + k * period - performance.now())));
      };
      timers.push(setTimeout(tick, phase));
    }
  }

  await new Promise((r) => setTimeout(r, plan.durationMs));
  stopping = true;
  for (const t of timers) clearTimeout(t);
  const elapsedMs = performance.now() - started;
  const elu = performance.eventLoopUtilization(elu0);
  const generatorLoopDelay = processStats(false).loopDelay;
  // Grace: let the last commands finish.
  const graceUntil = performance.now() + 5000;
  const outstanding = () => sent - acked + active.reduce((n, l) => n + l.awaiting.size, 0);
  while (outstanding() > 0 && performance.now() < graceUntil) await new Promise((r) => setTimeout(r, 50));
  const incomplete = active.reduce((n, l) => n + l.awaiting.size, 0);
  for (const load of active) {
    load.awaiting.clear();
    load.arrivals.clear();
  }
  const result: RunResult = {
    ack: recording.ack.summary(),
    all: recording.all.summary(),
    sent,
    ok,
    rejected,
    lost: sent - acked,
    incomplete,
    elapsedMs,
    generatorBusy: elu.utilization,
    stateBytes: stateBytes.n ? Math.round(stateBytes.total / stateBytes.n) : 0,
    disconnects,
    generatorLoopDelay,
    ...(plan.samples ? { samples: { ack: recording.ack.values(), all: recording.all.values() } } : {}),
  };
  recording = null;
  return result;
}

serveRequests(
  {
    connect,
    run,
    // The abuse run's second generator (bench/abuse.ts): one account flooding from its own address.
    abuse,
    count: () => loads.length,
  },
  () => {
    for (const load of loads) for (const s of load.sockets) s.disconnect();
  },
);
announceReady({ pid: process.pid });
