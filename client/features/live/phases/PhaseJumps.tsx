import { PHASES, PHASE_LABELS, type Phase } from '../../../../shared/phases.js';
import { CommandButton } from '../CommandButton.js';
import { useLive, useView } from '../liveContext.js';
import { timersNow } from '../Timer.js';

/** The five phases in order, each a jump, each with minutes used against planned beneath it. */
export function PhaseJumps() {
  const view = useView();
  const current = view.phase;
  return (
    <ol className="phase-jumps">
      {PHASES.map((phase) => (
        <li
          key={phase}
          className={phase === current ? 'phase-jump current' : 'phase-jump'}
          aria-current={phase === current ? 'step' : undefined}
        >
          {/* The button shows only the phase's name, which its accessible name contains (WCAG
              2.5.3: a voice command says what it sees); the minutes are its description. */}
          <CommandButton
            command={{ type: 'phase.goto', phase }}
            label={`Go to ${PHASE_LABELS[phase]}`}
            describedBy={`phase-minutes-${phase}`}
          >
            <span className="phase-jump-name">{PHASE_LABELS[phase]}</span>
          </CommandButton>
          <PhaseMinutes phase={phase} planned={view.context.plan.phaseMinutes[phase]} />
        </li>
      ))}
    </ol>
  );
}

/**
 * Whole minutes used, marked over by the same reading the phase timer uses, so a tab never
 * reads "2 / 2 min" while the timer says over. Re-renders once a minute, or when it goes over.
 */
function PhaseMinutes({ phase, planned }: { phase: Phase; planned: number }) {
  const shown = useLive((s) => {
    const usedMs = timersNow(s)?.phases[phase] ?? 0;
    return `${Math.floor(usedMs / 60_000)}|${usedMs > planned * 60_000}`;
  });
  const [used, over] = shown.split('|');
  return (
    <span id={`phase-minutes-${phase}`} className={over === 'true' ? 'phase-jump-minutes over' : 'phase-jump-minutes'}>
      {used} / {planned} min{over === 'true' && <span className="visually-hidden">, over</span>}
    </span>
  );
}
