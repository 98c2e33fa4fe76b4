import { createActor, initialTransition, transition, type SnapshotFrom } from 'xstate';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import type { Command } from '../../shared/schemas/commands.js';
import type { Plan } from '../../shared/session/context.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { sessionMachine } from '../../shared/session/machine.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { instant, type Instant } from '../../shared/time.js';

/** Fixtures and a tiny driver for the session machine: pure `transition`, no actor, no clock. */

export type Snap = SnapshotFrom<typeof sessionMachine>;

/** Four members in seat order. */
export const [ANA, BEN, CLEO, DEV] = ['ana', 'ben', 'cleo', 'dev'] as const;
export const MEMBERS: readonly string[] = [ANA, BEN, CLEO, DEV];
/** Not in the group. */
export const STRANGER = 'zed';
export const LEAD = 'lead-1';
export const CO = 'co-1';

/** 10 / 20 / 20 / 15 / 10 minutes, 2-minute turns, box breathing 4-4-4-4 for 4 minutes. */
export const PLAN: Plan = {
  phaseMinutes: { ...DEFAULT_PHASE_MINUTES },
  turnAllotmentSeconds: 120,
  skill: 'box breathing',
  exercise: { kind: 'paced', seconds: 240, pattern: [4, 4, 4, 4] },
};

/** Session time zero; tests speak in seconds after it. */
export const T0 = 1_750_000_000_000;
export const at = (sec: number): Instant => instant(T0 + sec * 1000);

/** The stamp the server puts on a command. */
export const stamp = (sec: number, actor = LEAD, id?: string) => ({ at: at(sec), actor, ...(id === undefined ? {} : { id }) });

let records = 0;
/** A command stamped at `sec`; commands that create a record get a fresh id. */
export function ev(command: Command, sec = 0, actor = LEAD): SessionEvent {
  const needsId = command.type === 'flag.raise' || command.type === 'note.add' || command.type === 'signal.send';
  return { ...command, ...stamp(sec, actor, needsId ? `${command.type}-${++records}` : undefined) };
}

export function begin(seats: readonly string[] = MEMBERS, plan: Plan = PLAN): Snap {
  return initialTransition(sessionMachine, { plan, seats: [...seats] })[0];
}

/** One event; the same snapshot back when it is refused. */
export const send = (snap: Snap, event: SessionEvent): Snap => transition(sessionMachine, snap, event)[0];

/**
 * Folds events through the machine, failing loudly (with the rule's reason) on any refusal.
 * A refusal is seen as the server sees it: the very same snapshot comes back.
 */
export function run(events: readonly SessionEvent[], from: Snap = begin()): Snap {
  return events.reduce((snap, event) => {
    const next = send(snap, event);
    if (next === snap) {
      const why = reasonAgainst(snap.context, event) ?? `not accepted in ${JSON.stringify(snap.value)}`;
      throw new Error(`${event.type} refused: ${why}`);
    }
    return next;
  }, from);
}

export const markPresent = (ids: readonly string[], sec = 0): SessionEvent[] =>
  ids.map((memberId) => ev({ type: 'attendance.mark', memberId, mark: 'present' }, sec));

/** The lobby with `present` marked present, then the session started at time zero. */
export const opening = (present: readonly string[] = MEMBERS): SessionEvent[] => [
  ...markPresent(present),
  ev({ type: 'session.start' }, 0),
];

/** A session live in the introduction since time zero; `then` runs after the start. */
export const liveSession = (then: readonly SessionEvent[] = [], present: readonly string[] = MEMBERS): Snap =>
  run([...opening(present), ...then]);

/** What the server stores: the persisted snapshot as JSON text. */
export const persist = (snap: Snap): string => JSON.stringify(sessionMachine.getPersistedSnapshot(snap));

/** What the server does on start: an actor from the stored JSON (the input is only a type's demand). */
export const restore = (json: string, seats: readonly string[] = MEMBERS): Snap =>
  createActor(sessionMachine, { snapshot: JSON.parse(json) as Snap, input: { plan: PLAN, seats: [...seats] } }).getSnapshot();
