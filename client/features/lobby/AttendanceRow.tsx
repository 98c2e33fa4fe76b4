import { useState } from 'react';
import type { AttendanceMark } from '../../../shared/schemas/commands.js';
import { useLiveSession, useView } from '../live/liveContext.js';

type Shown = 'expected' | 'present' | 'late' | 'absent' | 'left';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * One member's attendance: Present (a checkbox), Late, Absent. The mark shows at once and
 * holds until the server's state confirms it, so nothing flickers back.
 */
export function AttendanceRow({ memberId, name }: { memberId: string; name: string }) {
  const live = useLiveSession();
  const view = useView();
  const attendance = view.context.attendance[memberId];
  const [pending, setPending] = useState<AttendanceMark | null>(null);
  const shown: Shown = pending ?? attendance?.status ?? 'expected';

  async function mark(next: AttendanceMark) {
    if (next === shown) return; // already so: nothing to send
    setPending(next);
    await live.send({ type: 'attendance.mark', memberId, mark: next });
    setPending(null);
  }

  const here = shown === 'present' || shown === 'late';
  return (
    <li className={`attendance-row mark-${shown}`}>
      <label className="attendance-present">
        <input type="checkbox" checked={here} onChange={() => void mark(here ? 'absent' : 'present')} />
        <span className="visually-hidden">Present: </span>
        <span className="attendance-name">{name}</span>
      </label>
      <span className="attendance-note muted">
        {shown === 'late' && attendance?.arrivedAt
          ? `late, ${timeFormat.format(attendance.arrivedAt)}`
          : shown === 'absent'
            ? 'absent'
            : ''}
      </span>
      <button
        type="button"
        className="button small"
        aria-label={`Late: ${name}`}
        aria-pressed={shown === 'late'}
        onClick={() => void mark('late')}
      >
        Late
      </button>
      <button
        type="button"
        className="button small"
        aria-label={`Absent: ${name}`}
        aria-pressed={shown === 'absent'}
        onClick={() => void mark('absent')}
      >
        Absent
      </button>
    </li>
  );
}
