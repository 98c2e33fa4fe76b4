import { PHASES, type Phase } from '../../../shared/phases.js';

/** Groups run 60–90 minutes (BRIEF §1): the total is shown against that, as advice, not a rule. */
const USUAL = { min: 60, max: 90 } as const;

export function PlanTotal({ minutes }: { minutes: Record<Phase, string> }) {
  const total = PHASES.reduce((sum, p) => sum + (Number(minutes[p]) || 0), 0);
  const advice =
    total < USUAL.min
      ? `shorter than the usual ${USUAL.min}–${USUAL.max}`
      : total > USUAL.max
        ? `longer than the usual ${USUAL.min}–${USUAL.max}`
        : `within the usual ${USUAL.min}–${USUAL.max}`;
  const outside = total < USUAL.min || total > USUAL.max;
  return (
    <p className={outside ? 'plan-total outside' : 'plan-total'} aria-live="polite">
      Total: <strong>{total} minutes</strong>, {advice}.
    </p>
  );
}
