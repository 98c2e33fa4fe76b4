/**
 * Times of day and dates as the clinic reads them (docs/review.md R23): in the clinic's locale and
 * time zone (server settings), whatever the reading device's own. `hour: 'numeric'` lets the
 * locale decide on a leading zero: en-US "9:05 AM", en-GB and de-DE "9:05" and "14:39". The page,
 * the print and the member CSV all format through here, so they write the same time.
 */

/** Where the clinic is: a BCP 47 locale (`en-GB`) and an IANA time zone (`Europe/London`). */
export interface ClinicPlace {
  locale: string;
  timeZone: string;
}

export interface ClinicTime extends ClinicPlace {
  /** `9:05 AM` (en-US), `9:05` (en-GB) */
  clock: (ms: number) => string;
  /** `9:05:30 AM` */
  clockSeconds: (ms: number) => string;
  /** `Friday, 27 November 2026` */
  date: (ms: number) => string;
  /** `27 Nov 2026` */
  shortDate: (ms: number) => string;
}

/** The formatters of one place. Make it once per page or file: it remembers what it formatted. */
export function clinicTime({ locale, timeZone }: ClinicPlace): ClinicTime {
  const clock = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
  const clockSeconds = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', second: '2-digit' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' });
  const shortDate = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  return {
    locale,
    timeZone,
    // A long session formats thousands of times that share a few hundred minutes: remember them.
    // Zones change offset on a minute boundary, so a minute's text never changes within it.
    clock: cachedBy(60_000, (ms) => clock.format(ms)),
    clockSeconds: cachedBy(1000, (ms) => clockSeconds.format(ms)),
    date: (ms) => date.format(ms),
    shortDate: (ms) => shortDate.format(ms),
  };
}

function cachedBy(unitMs: number, format: (ms: number) => string): (ms: number) => string {
  const cache = new Map<number, string>();
  return (ms) => {
    const key = Math.floor(ms / unitMs);
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = format(key * unitMs)));
    return text;
  };
}
