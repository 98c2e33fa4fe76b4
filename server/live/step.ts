import { createActor, type AnyActorScope } from 'xstate';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { sessionMachine } from '../../shared/session/machine.js';
import type { SessionSnapshot } from './snapshot.js';

/**
 * xstate's pure `transition()` builds a throwaway actor on every call, and that actor computes the
 * machine's initial context from no input — a TypeError thrown and caught each time. Profiled
 * under load it was more than half the CPU of a command (docs/performance.md). This machine
 * spawns no children, has no delays and no effects to collect (its one action is `assign`), so
 * one inert scope, made once the way xstate makes its own, serves every call. The result is the
 * same snapshot `transition()` returns; test/faults/fuzz.test.ts checks that on every step.
 */
let scope: AnyActorScope | null = null;

/** Made on first use, not at import: importing this module starts nothing. Stateless once made. */
function inertScope(): AnyActorScope {
  if (scope) return scope;
  const self = createActor(sessionMachine, {
    input: { plan: { phaseMinutes: DEFAULT_PHASE_MINUTES, turnAllotmentSeconds: 120, skill: null }, seats: [] },
  });
  scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: () => {},
  };
  return scope;
}

/**
 * The next snapshot, as `transition(sessionMachine, snapshot, event)[0]` computes it: the very
 * same snapshot when the machine refuses the event (no transition enabled — what `can()` asks,
 * computed once instead of twice; every transition of this machine has a target or an action).
 */
export function step(snapshot: SessionSnapshot, event: SessionEvent): SessionSnapshot {
  return sessionMachine.transition(snapshot, event, inertScope() as never);
}

/**
 * Whether `next` would be saved exactly as `prev` is — the same state and an equal context — so
 * that the command changed nothing (BRIEF §6: no new version). The reducer spreads the old
 * context, so an unchanged field is the same object in both and only the others are compared as
 * JSON: a few fields, where persisting both whole was about 6 % of the server's time under load
 * (docs/performance.md). test/machine/unchanged.test.ts checks it against persisting both.
 */
export function unchanged(prev: SessionSnapshot, next: SessionSnapshot): boolean {
  if (next === prev) return true;
  if (next.status !== prev.status || !sameJson(next.value, prev.value)) return false;
  const before = prev.context;
  const after = next.context;
  if (after === before) return true;
  const keys = Object.keys(after) as (keyof typeof after)[];
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((key) => after[key] === before[key] || sameJson(after[key], before[key]));
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
