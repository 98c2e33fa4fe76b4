import { transition } from 'xstate';
import { initialSnapshot, savedSnapshot } from '../../server/live/snapshot.js';
import { sqliteSessions } from '../../server/store/sqlite/sessions.js';
import { DEFAULT_PHASE_MINUTES, type Phase } from '../../shared/phases.js';
import { FLAG_KINDS, SIGNAL_KINDS, type Command } from '../../shared/schemas/commands.js';
import type { Plan, SessionContext } from '../../shared/session/context.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { sessionMachine } from '../../shared/session/machine.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { isInRoom } from '../../shared/session/roster.js';
import { instant } from '../../shared/time.js';
import { seeded } from '../support/seeded.js';
import type { TestServer } from '../support/server.js';

/**
 * A long, busy, plausible session for the review's performance checks: go-rounds in Sharing and
 * Feedback, a queue in Facilitation and Skill development, paused turns, a break, steps-out,
 * flags, notes and signals — every event accepted by the real machine, seeded by a fixed PRNG.
 */
export interface LongSessionOptions {
  seats: readonly string[];
  lead: string;
  co: string;
  entries: number;
  minutes: number;
  start: number;
  seed?: number;
}

export const LONG_PLAN: Plan = {
  phaseMinutes: { ...DEFAULT_PHASE_MINUTES, sharing: 25, facilitation: 25, skillDevelopment: 20 },
  turnAllotmentSeconds: 120,
  skill: 'Box breathing',
};

export function longSession({ seats, lead, co, entries, minutes, start, seed = 7 }: LongSessionOptions): SessionEvent[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let snap = initialSnapshot({ plan: LONG_PLAN, seats: [...seats] });
  const events: SessionEvent[] = [];
  let now = start;
  const apply = (command: Command, actor = random() < 0.7 ? lead : co): boolean => {
    const event = { ...command, at: instant(now), actor, id: `r${events.length}` } as SessionEvent;
    if (reasonAgainst(snap.context, event) !== null || !snap.can(event)) return false;
    snap = transition(sessionMachine, snap, event)[0];
    events.push(event);
    return true;
  };

  // The last seat arrives late; everyone else is there at the start.
  for (const id of seats.slice(0, -1)) apply({ type: 'attendance.mark', memberId: id, mark: 'present' }, lead);
  apply({ type: 'session.start' }, lead);
  apply({ type: 'agreements.reviewed' }, co);
  const end = start + minutes * 60_000;
  // Each phase ends when its share of the planned time has passed.
  const planned = Object.values(LONG_PLAN.phaseMinutes).reduce((x, y) => x + y, 0);
  let cumulative = 0;
  const phaseEnds = (Object.entries(LONG_PLAN.phaseMinutes) as [Phase, number][]).map(([phase, m]): [Phase, number] => {
    cumulative += m;
    return [phase, start + (cumulative / planned) * minutes * 60_000];
  });
  let paused = false;

  while (events.length < entries - 1) {
    // Spread what is left of the entries over what is left of the time; the break takes minutes.
    const gap = paused ? 60_000 : (end - now) / (entries - events.length);
    now += Math.max(0, Math.round(gap * (0.5 + random())));
    const ctx: SessionContext = snap.context;
    const inRoom = ctx.seats.filter((id) => isInRoom(ctx, id));
    if (paused) {
      if (random() < 0.2) paused = !apply({ type: 'session.resume' });
      else apply({ type: 'note.add', text: 'During the break.', memberId: null, private: false });
      continue;
    }
    const phase = ctx.phase?.name ?? 'introduction';
    const due = phaseEnds.find(([p]) => p === phase)![1];
    if (now >= due && phase !== 'feedback') {
      apply({ type: 'phase.next' });
      if (phase === 'facilitation' || phase === 'introduction') apply({ type: 'round.start' });
      continue;
    }
    if (events.length === Math.floor(entries / 2)) {
      paused = apply({ type: 'session.pause' });
      continue;
    }
    const r = random();
    const member = pick(ctx.seats);
    if (r < 0.04) apply({ type: 'attendance.mark', memberId: seats.at(-1)!, mark: 'late' });
    else if (r < 0.07) apply({ type: 'note.add', text: 'Seemed more settled than last week.', memberId: member, private: random() < 0.2 });
    else if (r < 0.09)
      apply({
        type: 'flag.raise',
        kind: pick(FLAG_KINDS),
        memberId: random() < 0.8 ? member : null,
        text: random() < 0.5 ? 'Watch this.' : null,
      });
    else if (r < 0.11) apply({ type: 'signal.send', kind: pick(SIGNAL_KINDS) });
    else if (r < 0.14 && ctx.signals.some((s) => s.ackedAt === null)) {
      const s = ctx.signals.find((x) => x.ackedAt === null)!;
      apply({ type: 'signal.ack', signalId: s.id }, s.from === lead ? co : lead);
    } else if (r < 0.16) apply({ type: 'member.stepOut', memberId: member });
    else if (r < 0.19)
      apply({ type: 'member.return', memberId: pick(ctx.seats.filter((id) => ctx.attendance[id]?.steppedOutAt != null).concat(member)) });
    else if (r < 0.24 && ctx.floor) apply({ type: ctx.floor.held ? 'turn.resume' : 'turn.pause' });
    else if (ctx.round) apply(random() < 0.15 ? { type: 'round.pass' } : { type: 'floor.next' });
    else if (phase === 'sharing' || phase === 'feedback') apply({ type: 'round.start' });
    else if (r < 0.5 && inRoom.length > 0) apply({ type: 'queue.add', memberId: pick(inRoom) });
    else if (r < 0.55 && ctx.queue.length > 1) apply({ type: 'queue.move', memberId: ctx.queue.at(-1)!, toIndex: 0 });
    else if (r < 0.58 && ctx.queue.length > 0) apply({ type: 'queue.remove', memberId: pick(ctx.queue) });
    else if (r < 0.8) apply({ type: 'floor.next' });
    else if (ctx.floor) apply({ type: 'turn.end' });
    else if (inRoom.length > 0) apply({ type: 'floor.give', memberId: pick(inRoom) });
  }
  now = Math.max(now, end);
  apply({ type: 'session.end' }, lead);
  return events;
}

/**
 * Writes a session's events through SQLite's synchronous session store, one commit per entry,
 * each with its snapshot (the command pipeline saves it less often; either restores the same), all
 * in one transaction. The session row must exist and be at version 0.
 */
export function seedLog(
  server: TestServer,
  sessionId: string,
  plan: Plan,
  seats: readonly string[],
  events: readonly SessionEvent[],
): void {
  const sessions = sqliteSessions(server.db);
  let snap = initialSnapshot({ plan, seats: [...seats] });
  server.db.transaction(() => {
    events.forEach((event, i) => {
      snap = transition(sessionMachine, snap, event)[0];
      sessions.commit({
        entry: { sessionId, version: i + 1, at: event.at, actorId: event.actor, commandId: `seed-${i + 1}`, event },
        saved: savedSnapshot(snap),
      });
    });
  })();
}
