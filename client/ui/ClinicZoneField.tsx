import { useId, useMemo } from 'react';

/** This browser's own zone and language: what the setup screen offers first (R26). */
export const browserPlace = () => ({
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  locale: navigator.language,
});

/**
 * The clinic's time zone, chosen from the zones the browser knows (IANA names); `current` is
 * kept even when the list lacks it (an older alias some browsers report, e.g. Asia/Calcutta).
 */
export function ClinicZoneField({ current, name = 'clinicTimeZone' }: { current: string; name?: string }) {
  const id = useId();
  const zones = useMemo(() => {
    const known = Intl.supportedValuesOf('timeZone');
    return known.includes(current) ? known : [current, ...known];
  }, [current]);
  return (
    <div className="field">
      <label htmlFor={id}>Clinic time zone</label>
      <select id={id} name={name} defaultValue={current} aria-describedby={`${id}-hint`}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        Reviews, prints and exports write times in this zone.
      </p>
    </div>
  );
}
