import type { ClinicPlace } from '../../shared/review/clinic-time.js';
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';

export type PlaceConfig = Pick<Config, 'clinicTimeZone' | 'clinicLocale'>;

/**
 * The clinic's time zone and locale as in effect now (docs/review.md R26, docs/operations.md): the
 * settings' choice (the setup screen's, or an admin's since), else CLINIC_TIME_ZONE / CLINIC_LOCALE,
 * else the server's own. Read per request: a single settings row, and an admin's change shows at once.
 */
export async function clinicPlace(store: Store, config: PlaceConfig): Promise<ClinicPlace> {
  const settings = await store.settings.get();
  return { timeZone: settings.clinicTimeZone ?? config.clinicTimeZone, locale: settings.clinicLocale ?? config.clinicLocale };
}
