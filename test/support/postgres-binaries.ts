import fs from 'node:fs';
import path from 'node:path';

/** The oldest PostgreSQL the scale-out design rests on (docs/decisions/013-scale-out.md). */
const OLDEST_MAJOR = 15;

/**
 * The folder holding `initdb` and `postgres` of the newest PostgreSQL ≥ 15 installed the Debian
 * way (`/usr/lib/postgresql/<major>/bin`, which is not on PATH), or null. The pretest installs
 * Debian's `postgresql` when none is found (ensure-tools.ts); the Postgres tests then start a
 * throwaway server from it (postgres.ts).
 */
export function postgresBinDir(root = '/usr/lib/postgresql'): string | null {
  if (!fs.existsSync(root)) return null;
  const majors = fs
    .readdirSync(root)
    .map(Number)
    .filter((major) => Number.isInteger(major) && major >= OLDEST_MAJOR)
    .sort((a, b) => b - a);
  const dir = majors.map((major) => path.join(root, String(major), 'bin')).find((bin) => fs.existsSync(path.join(bin, 'initdb')));
  return dir ?? null;
}
