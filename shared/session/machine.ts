import { assign, setup } from 'xstate';
import { PHASES, nextPhaseAfter, type Phase } from '../phases.js';
import type { SessionContext, SessionInput } from './context.js';
import type { SessionEvent } from './events.js';
import { initialContext, reduce } from './reduce.js';
import { reasonAgainst } from './rules.js';
import { ACCEPTED } from './acceptance.js';

/**
 * Bump when a change to the machine or its context would make an old persisted snapshot wrong.
 * The server refuses to restore a snapshot of another version and replays the log instead.
 */
export const MACHINE_VERSION = 'session-2';

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
      on: transitions('lobby', {
        'session.start': { target: 'live', guard: 'allowed', actions: 'apply' },
        // A planned session that does not take place is ended from the lobby: nothing stays open.
        'session.end': { target: 'ended', actions: 'apply' },
      }),
    },
    live: {
      initial: 'introduction',
      states: {
        ...Object.fromEntries(PHASES.map((phase) => [phase, {}])),
        // Where a resumed session returns to.
        hist: { type: 'history' },
      },
      on: transitions('live', {
        'phase.next': phaseTargets(),
        'phase.goto': phaseTargets(),
        'session.pause': { target: 'paused', actions: 'apply' },
        // A crisis pause pauses too; while paused it takes the rest of its effect in place.
        'crisis.pause': { target: 'paused', guard: 'allowed', actions: 'apply' },
        'session.end': { target: 'ended', actions: 'apply' },
      }),
    },
    paused: {
      on: transitions('paused', {
        'session.resume': { target: 'live.hist', actions: 'apply' },
        'session.end': { target: 'ended', actions: 'apply' },
      }),
    },
    // Final: the record is closed; nothing more is accepted.
    ended: { type: 'final' },
  },
});

/**
 * A state's transitions: every command ACCEPTED there, guarded by the rules and applied by the
 * reducer, except those given here because they also move the machine.
 */
function transitions(status: 'lobby' | 'live' | 'paused', moves: Record<string, unknown>) {
  const on: Record<string, unknown> = {};
  for (const type of ACCEPTED[status]) on[type] = moves[type] ?? { guard: 'allowed', actions: 'apply' };
  return on as never; // xstate cannot type a map built at run time; the legality tests check it
}

/** One transition per phase; the guard picks the one the event leads to. */
function phaseTargets() {
  return PHASES.map((phase) => ({
    target: `.${phase}`,
    guard: { type: 'goesTo', params: { phase } },
    actions: 'apply',
  }));
}
