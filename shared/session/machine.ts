import { assign, setup } from 'xstate';
import { PHASES, nextPhaseAfter, type Phase } from '../phases.js';
import type { SessionContext, SessionInput } from './context.js';
import type { SessionEvent } from './events.js';
import { initialContext, reduce } from './reduce.js';
import { reasonAgainst } from './rules.js';

/**
 * Bump when a change to the machine or its context would make an old persisted snapshot wrong.
 * The server refuses to restore a snapshot of another version and replays the log instead.
 */
export const MACHINE_VERSION = 'session-1';

/**
 * The session machine. Its structure says which events fit which state (lobby, a live phase,
 * paused, ended); one guard asks the rules whether the context allows the event; one action
 * applies the pure reducer. No `after`, no clock: time arrives on each event as `at`.
 */
export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  guards: {
    allowed: ({ context, event }) => reasonAgainst(context, event) === null,
    goesTo: ({ context, event }, params: { phase: Phase }) =>
      reasonAgainst(context, event) === null &&
      (event.type === 'phase.goto' ? event.phase === params.phase : nextPhaseAfter(context.phase!.name) === params.phase),
  },
  actions: {
    apply: assign(({ context, event }) => reduce(context, event)),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => initialContext(input),
  initial: 'lobby',
  states: {
    lobby: {
      on: { ...beforeTheEnd(), 'session.start': { target: 'live', guard: 'allowed', actions: 'apply' } },
    },
    live: {
      initial: 'introduction',
      states: {
        ...Object.fromEntries(PHASES.map((phase) => [phase, {}])),
        // Where a resumed session returns to.
        hist: { type: 'history' },
      },
      on: {
        ...beforeTheEnd(),
        'phase.next': phaseTargets(),
        'phase.goto': phaseTargets(),
        'session.pause': { target: 'paused', actions: 'apply' },
        'session.end': { target: 'ended', actions: 'apply' },
        'agreements.reviewed': allowed(),
        'floor.give': allowed(),
        'floor.next': allowed(),
        'turn.end': allowed(),
        'turn.pause': allowed(),
        'turn.resume': allowed(),
        'queue.add': allowed(),
        'queue.remove': allowed(),
        'queue.move': allowed(),
        'round.start': allowed(),
        'round.pass': allowed(),
        'round.end': allowed(),
        'member.stepOut': allowed(),
        'member.return': allowed(),
      },
    },
    paused: {
      on: {
        ...beforeTheEnd(),
        'session.resume': { target: 'live.hist', actions: 'apply' },
        'session.end': { target: 'ended', actions: 'apply' },
        'queue.add': allowed(),
        'queue.remove': allowed(),
        'queue.move': allowed(),
        'member.stepOut': allowed(),
        'member.return': allowed(),
      },
    },
    // Final: the record is closed; nothing more is accepted.
    ended: { type: 'final' },
  },
});

/** Accepted in the lobby, live and paused alike: attendance, flags, notes, signals. */
function beforeTheEnd() {
  return {
    'attendance.mark': allowed(),
    'flag.raise': allowed(),
    'note.add': allowed(),
    'signal.send': allowed(),
    'signal.ack': allowed(),
  };
}

function allowed() {
  return { guard: 'allowed', actions: 'apply' } as const;
}

/** One transition per phase; the guard picks the one the event leads to. */
function phaseTargets() {
  return PHASES.map((phase) => ({
    target: `.${phase}`,
    guard: { type: 'goesTo', params: { phase } },
    actions: 'apply',
  })) as never;
}

export type SessionMachine = typeof sessionMachine;
