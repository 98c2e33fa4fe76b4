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
  /** Its stopwatch is stopped: the session or the turn is paused. */
  paused: boolean;
}

/** The stopwatch behind a timer, if it is running or paused (not before it starts). */
function watchOf(state: LiveState, which: Which) {
  const ctx = state.update?.state.context;
  if (!ctx) return null;
  if (which === 'session') return ctx.clock;
  if (which === 'phase') return ctx.phase?.watch ?? null;
  return ctx.floor?.watch ?? null;
}

/** Every timer of the session at the last tick: server time = this device's clock + offset. */
export function timersNow(state: LiveState): SessionTimers | null {
  const ctx = state.update?.state.context;
  return ctx ? timersAt(ctx, state.now as Instant) : null;
}

function shownTimer(state: LiveState, which: Which): Shown {
  const reading = timersNow(state)?.[which] ?? null;
  if (!reading) return { text: '–:––', planned: '', tone: 'idle', paused: false };
  return {
    text: formatClock(reading.elapsedMs),
    planned: reading.plannedMs === null ? '' : formatClock(reading.plannedMs),
    tone: reading.over ? 'over' : reading.warning ? 'warning' : 'normal',
    paused: (watchOf(state, which)?.pausedAt ?? null) !== null,
  };
}

/**
 * One timer (role "timer", named Session time / Phase time / Turn time). It alone subscribes to
 * the tick, through a selector that yields the digits, so a tick re-renders these few elements
 * and nothing else. Warning and overtime are a quiet underline plus a word, never an alarm
 * colour; a stopped timer looks stopped and says "paused". No sound, no vibration.
 */
export function Timer({ which, size = 'medium' }: { which: Which; size?: 'medium' | 'large' }) {
  const shown = useLive((state) => shownTimer(state, which), sameFields);
  return (
    <div className={`timer timer-${size} tone-${shown.tone}${shown.paused ? ' paused' : ''}`}>
      <span className="timer-caption" aria-hidden="true">
        {NAMES[which].replace(' time', '')}
      </span>
      <span role="timer" aria-label={NAMES[which]} className="timer-digits">
        {shown.text}
      </span>
      <span className="timer-plan">
        {shown.planned && `of ${shown.planned}`}
        {shown.paused ? (
          <strong className="timer-flag"> paused</strong>
        ) : (
          <>
            {shown.tone === 'over' && <strong className="timer-flag"> over</strong>}
            {shown.tone === 'warning' && <strong className="timer-flag"> soon</strong>}
          </>
        )}
      </span>
    </div>
  );
}
