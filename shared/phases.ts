/** The five phases of a session, in their default order (BRIEF §2). */
export const PHASES = ['introduction', 'sharing', 'facilitation', 'skillDevelopment', 'feedback'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  introduction: 'Introduction',
  sharing: 'Sharing',
  facilitation: 'Facilitation',
  skillDevelopment: 'Skill development',
  feedback: 'Feedback',
};

/** Planned minutes per phase when a plan names none (10 / 20 / 20 / 15 / 10). */
export const DEFAULT_PHASE_MINUTES: Record<Phase, number> = {
  introduction: 10,
  sharing: 20,
  facilitation: 20,
  skillDevelopment: 15,
  feedback: 10,
};

export function nextPhaseAfter(phase: Phase): Phase | null {
  return PHASES[PHASES.indexOf(phase) + 1] ?? null;
}
