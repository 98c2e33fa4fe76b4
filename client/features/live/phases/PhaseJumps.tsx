import { PHASES, PHASE_LABELS, type Phase } from '../../../../shared/phases.js';
import { CommandButton } from '../CommandButton.js';
import { useLive, useView } from '../liveContext.js';
import { timersNow } from '../Timer.js';

/** The five phases in order, each with minutes used against planned, each a jump. */
export function PhaseJumps() {
  const view = useView();
  const current = view.phase;
  return (
    <ol className="phase-jumps">
      {PHASES.map((phase) => (
        <li key={phase} className={phase === current ? 'phase-jump current' : 'phase-jump'} aria-current={phase === current ? 'step' : undefined}>
          <CommandButton command={{ type: 'phase.goto', phase }} label={`Go to ${PHASE_LABELS[phase]}`}>
            <span className="phase-jump-name">{PHASE_LABELS[phase]}</span>
            <PhaseMinutes phase={phase} planned={view.context.plan.phaseMinutes[phase]} />
          </CommandButton>
        </li>
      ))}
    </ol>
  );
}

/** Whole minutes used: re-renders once a minute at most, not every tick. */
function PhaseMinutes({ phase, planned }: { phase: Phase; planned: number }) {
  const used = useLive((s) => Math.floor((timersNow(s)?.phases[phase] ?? 0) / 60_000));
  return (
    <span className={used > planned ? 'phase-jump-minutes over' : 'phase-jump-minutes'}>
      {used} / {planned} min
    </span>
  );
}
