import { z } from 'zod';

/**
 * The clinic's place (docs/review.md R26): the time zone and locale the review, the print and the
 * CSVs write times in. Chosen on the first-account screen, changed by an admin.
 */

/** True for a zone `Intl` knows (an IANA name such as `Europe/Berlin`, or `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** True for a locale `Intl` accepts (`en-US`, `de-DE`, `fr`). */
export function isLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

/**
 * An IANA zone name `Intl` knows: `Europe/Berlin`, `America/Argentina/Buenos_Aires`, `UTC`. Offsets
 * such as `+01:00`, which `Intl` also takes, are refused: they keep no summer time.
 */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => /^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+)$/.test(zone) && isTimeZone(zone), {
    message: 'must be an IANA time zone such as Europe/Berlin',
  });

/** A BCP 47 locale `Intl` knows: `en-US`, `en-GB`, `de-DE`. */
export const localeSchema = z.string().max(35).refine(isLocale, { message: 'must be a locale such as en-GB or de-DE' });
