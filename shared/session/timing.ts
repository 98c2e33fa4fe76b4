import { PHASES, type Phase } from '../phases.js';
import { duration, elapsedOf, minutes, type Duration, type Instant } from '../time.js';
import type { SessionContext } from './context.js';

/** One timer as a screen shows it: how long, against what plan, and how close to or past it. */
export interface TimerReading {
  elapsedMs: Duration;
  plannedMs: Duration | null;
  /** Planned minus elapsed; negative in overtime. */
  remainingMs: Duration | null;
  /** Within the warning window before the planned end. */
  warning: boolean;
  over: boolean;
}

export interface SessionTimers {
  session: TimerReading | null;
  phase: TimerReading | null;
  turn: TimerReading | null;
  /** Elapsed active time per phase, closed visits plus the current one. */
  phases: Record<Phase, Duration>;
  /**
   * Each phase's time (all its visits) against its plan (P47). The Phase timer is the current
   * phase's reading and every phase tab reads its own, so a tab never says "2 / 2 min" while the
   * timer says over.
   */
  phaseReadings: Record<Phase, TimerReading>;
}

/** The warning window: the last fifth of the plan, but never more than two minutes. */
export function warningWindow(planned: Duration): Duration {
  return duration(Math.min(planned * 0.2, 120_000));
}

export function reading(elapsedMs: Duration, plannedMs: Duration | null): TimerReading {
  if (plannedMs === null) return { elapsedMs, plannedMs, remainingMs: null, warning: false, over: false };
  const remainingMs = duration(plannedMs - elapsedMs);
  const over = remainingMs < 0;
  return { elapsedMs, plannedMs, remainingMs, over, warning: !over && remainingMs <= warningWindow(plannedMs) };
}

export function plannedSessionMs(ctx: SessionContext): Duration {
  return minutes(PHASES.reduce((sum, p) => sum + ctx.plan.phaseMinutes[p], 0));
}

/**
 * Every timer of a session at `now` (server time). Pure: the server and both screens call it
 * with the same snapshot and the same server instant and get the same digits.
 */
export function timersAt(ctx: SessionContext, now: Instant): SessionTimers {
  const phases = { ...ctx.phaseMs };
  if (ctx.phase) phases[ctx.phase.name] = duration(phases[ctx.phase.name] + elapsedOf(ctx.phase.watch, now));
  const phaseReadings = Object.fromEntries(PHASES.map((p) => [p, reading(phases[p], minutes(ctx.plan.phaseMinutes[p]))])) as Record<
    Phase,
    TimerReading
  >;
  return {
    session: ctx.clock ? reading(elapsedOf(ctx.clock, now), plannedSessionMs(ctx)) : null,
    // The phase's whole time against its plan, as the review counts it: a phase gone back to
    // carries on from where its earlier visits left it.
    phase: ctx.phase ? phaseReadings[ctx.phase.name] : null,
    turn: ctx.floor ? reading(elapsedOf(ctx.floor.watch, now), ctx.floor.allotmentMs) : null,
    phases,
    phaseReadings,
  };
}

/**
 * What a phase tab says beneath the phase's name (P47): whole minutes used of the planned ones,
 * and "over" in words from the same reading as the Phase timer, at the same instant.
 */
export function phaseTabWords(r: TimerReading): { used: string; over: boolean } {
  const planned = r.plannedMs === null ? '' : ` / ${r.plannedMs / 60_000}`;
  return { used: `${Math.floor(r.elapsedMs / 60_000)}${planned} min`, over: r.over };
}
