import { DEFAULT_TREND_SETTINGS, type TrendSettings } from '../../../shared/schemas/trends.js';
import { Field } from '../../ui/Field.js';

/**
 * The thresholds' fields in the order a supervisor reads the list (review.md R29–R33, R37–R38).
 * Every setting has its field: the form sends them all, so one left out would be reset to its
 * default on each save.
 */
const FIELDS: { key: keyof TrendSettings; label: string; min: number; max: number }[] = [
  { key: 'window', label: 'Sessions to look across', min: 3, max: 26 },
  { key: 'silentRun', label: 'Silent for this many sessions running', min: 2, max: 10 },
  { key: 'lateCount', label: 'Late in this many sessions', min: 1, max: 10 },
  { key: 'lateOf', label: '… of the last sessions', min: 2, max: 10 },
  { key: 'talkSharePercent', label: 'Talk share above (%)', min: 10, max: 90 },
  { key: 'attendancePercent', label: 'Attendance under (%)', min: 0, max: 100 },
  { key: 'flaggedSessions', label: 'Flagged in this many sessions', min: 1, max: 10 },
  // Member voice (docs/ratings.md): a member's own ratings across sessions.
  { key: 'ratingDrop', label: 'Overall rating dropped by at least (points)', min: 1, max: 10 },
  { key: 'ratingLow', label: 'A statement rated below', min: 1, max: 10 },
  { key: 'ratingLowRun', label: '… in this many rated sessions running', min: 1, max: 10 },
  { key: 'planOffPercent', label: 'Session off its plan by more than (%)', min: 5, max: 100 },
];

/** Reads the thresholds back from the form; a field left empty takes its default. */
export function trendSettingsFrom(form: FormData): TrendSettings {
  const entries = FIELDS.map(({ key }) => {
    const raw = form.get(`trend-${key}`);
    return [key, typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : DEFAULT_TREND_SETTINGS[key]];
  });
  return Object.fromEntries(entries) as TrendSettings;
}

/** Group settings: when a member or a session goes on the group page's "worth a look" list. */
export function TrendSettingsFields({ settings }: { settings: TrendSettings }) {
  return (
    <fieldset className="field trend-settings">
      <legend>Worth a look: thresholds</legend>
      <p className="hint">When a member or a session goes on the group page’s “Worth a look” list.</p>
      {FIELDS.map(({ key, label, min, max }) => (
        <Field key={key} label={label} name={`trend-${key}`} type="number" min={min} max={max} step={1} defaultValue={settings[key]} />
      ))}
    </fieldset>
  );
}
