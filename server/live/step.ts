import { createActor, type AnyActorScope } from 'xstate';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { sessionMachine } from '../../shared/session/machine.js';
import type { SessionSnapshot } from './restore.js';

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
  } as unknown as AnyActorScope;
  return scope;
}

/** The next snapshot, as `transition(sessionMachine, snapshot, event)[0]` computes it. */
export function step(snapshot: SessionSnapshot, event: SessionEvent): SessionSnapshot {
  return sessionMachine.transition(snapshot, event, inertScope() as never) as SessionSnapshot;
}
