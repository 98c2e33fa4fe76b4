import { formatClock, type Instant } from '../../../shared/time.js';
import { timersAt, type SessionTimers } from '../../../shared/session/timing.js';
import type { LiveState } from '../../api/liveSession.js';
import { sameFields } from '../../api/store.js';
import { useLive } from './liveContext.js';

type Which = 'session' | 'phase' | 'turn';

const NAMES: Record<Which, string> = { session: 'Session time', phase: 'Phase time', turn: 'Turn time' };

interface Shown {
  text: string;
  planned: string;
  tone: 'idle' | 'normal' | 'warning' | 'over';
}

/** Every timer of the session at the last tick: server time = this device's clock + offset. */
export function timersNow(state: LiveState): SessionTimers | null {
  const ctx = state.update?.state.context;
  return ctx ? timersAt(ctx, state.now as Instant) : null;
}

function shownTimer(state: LiveState, which: Which): Shown {
  const reading = timersNow(state)?.[which] ?? null;
  if (!reading) return { text: '–:––', planned: '', tone: 'idle' };
  return {
    text: formatClock(reading.elapsedMs),
    planned: reading.plannedMs === null ? '' : formatClock(reading.plannedMs),
    tone: reading.over ? 'over' : reading.warning ? 'warning' : 'normal',
  };
}

/**
 * One timer (role "timer", named Session time / Phase time / Turn time). It alone subscribes to
 * the tick, through a selector that yields the digits, so a tick re-renders these few elements
 * and nothing else. Warning and overtime are colours plus a word: no sound, no vibration.
 */
export function Timer({ which, size = 'medium' }: { which: Which; size?: 'medium' | 'large' }) {
  const shown = useLive((state) => shownTimer(state, which), sameFields);
  return (
    <div className={`timer timer-${size} tone-${shown.tone}`}>
      <span className="timer-caption" aria-hidden="true">
        {NAMES[which].replace(' time', '')}
      </span>
      <span role="timer" aria-label={NAMES[which]} className="timer-digits">
        {shown.text}
      </span>
      <span className="timer-plan">
        {shown.planned && `of ${shown.planned}`}
        {shown.tone === 'over' && <strong className="timer-flag"> over</strong>}
        {shown.tone === 'warning' && <strong className="timer-flag"> soon</strong>}
      </span>
    </div>
  );
}
