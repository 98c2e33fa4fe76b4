import { PHASES, PHASE_LABELS, type Phase } from '../../../../shared/phases.js';
import { CommandButton } from '../CommandButton.js';
import { useLive, useView } from '../liveContext.js';
import { phaseTabWords } from '../../../../shared/session/timing.js';
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
          <PhaseMinutes phase={phase} />
        </li>
      ))}
    </ol>
  );
}

/**
 * Whole minutes used against planned, and "over" in words, from the very reading the Phase timer
 * shows (P47), so the two always agree. Re-renders once a minute, or when it goes over.
 */
function PhaseMinutes({ phase }: { phase: Phase }) {
  // A string, so a tick that changes neither the minutes nor "over" re-renders nothing.
  const shown = useLive((s) => {
    const r = timersNow(s)?.phaseReadings[phase];
    if (!r) return '';
    const { used, over } = phaseTabWords(r);
    return `${used}|${over ? 'over' : ''}`;
  });
  const [used, over] = shown.split('|');
  return (
    <span id={`phase-minutes-${phase}`} className={over ? 'phase-jump-minutes over' : 'phase-jump-minutes'}>
      {used}
      {over && <strong className="timer-flag"> over</strong>}
    </span>
  );
}
