/**
 * Times in the clinic's time zone (the settings, else `CLINIC_TIME_ZONE`: R26). Exports carry ISO 8601
 * with the zone's offset at that instant, e.g. `2026-11-27T10:00:00+01:00`, so a spreadsheet in
 * another zone still reads the right moment. Only `Intl`, which browsers and Node share.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(ms: number, timeZone: string): WallTime {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out as unknown as WallTime;
}

/**
 * The zone's offset from UTC at `ms`, in whole minutes (east positive). `Intl` is slow enough to
 * matter over a long log, so offsets are cached per zone and minute: zones change their offset
 * only on a minute boundary, and a session spans a few hundred minutes at most.
 */
const offsets = new Map<string, Map<number, number>>();

export function offsetMinutes(ms: number, timeZone: string): number {
  let byMinute = offsets.get(timeZone);
  if (!byMinute) offsets.set(timeZone, (byMinute = new Map<number, number>()));
  const minute = Math.floor(ms / 60_000);
  let offset = byMinute.get(minute);
  if (offset === undefined) {
    if (byMinute.size > 10_000) byMinute.clear();
    const w = wallTime(minute * 60_000, timeZone);
    offset = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - minute * 60_000) / 60_000);
    byMinute.set(minute, offset);
  }
  return offset;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Per zone and minute: the ISO text up to the minute, and the offset suffix. Exports format thousands. */
const minutePrefixes = new Map<string, Map<number, [string, string]>>();

function minuteParts(minute: number, timeZone: string): [string, string] {
  let byMinute = minutePrefixes.get(timeZone);
  if (!byMinute) minutePrefixes.set(timeZone, (byMinute = new Map<number, [string, string]>()));
  let parts = byMinute.get(minute);
  if (!parts) {
    if (byMinute.size > 10_000) byMinute.clear();
    const offset = offsetMinutes(minute * 60_000, timeZone);
    // The wall time is the instant moved by the offset, read as if it were UTC.
    const wall = new Date((minute + offset) * 60_000).toISOString(); // yyyy-mm-ddThh:mm:00.000Z
    const abs = Math.abs(offset);
    parts = [wall.slice(0, 17), `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`];
    byMinute.set(minute, parts);
  }
  return parts;
}

/**
 * ISO 8601 with the zone's offset: `2026-11-27T10:00:00+01:00`, or with `millis`
 * `2026-11-27T10:00:00.250+01:00` (the JSON export keeps the log's full precision).
 */
export function zonedIso(ms: number, timeZone: string, millis = false): string {
  const minute = Math.floor(ms / 60_000);
  const [prefix, suffix] = minuteParts(minute, timeZone);
  const within = ms - minute * 60_000;
  const seconds = pad(Math.floor(within / 1000));
  return millis ? `${prefix}${seconds}.${pad(within % 1000, 3)}${suffix}` : `${prefix}${seconds}${suffix}`;
}

/** The calendar date in the zone, `2026-11-27` (file names, the across-sessions grid). */
export function zonedDate(ms: number, timeZone: string): string {
  return zonedIso(ms, timeZone).slice(0, 10);
}
