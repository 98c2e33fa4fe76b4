import fs from 'node:fs';
import path from 'node:path';

/** Debian's libfaketime (package `faketime`, installed by the pretest): its path on this machine. */
export function libfaketime(): string | null {
  const lib = '/usr/lib';
  if (!fs.existsSync(lib)) return null;
  for (const dir of fs.readdirSync(lib)) {
    const file = path.join(lib, dir, 'faketime', 'libfaketime.so.1');
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/**
 * The environment that runs a node process with its wall clock `seconds` behind the machine's
 * (libfaketime, preloaded), its monotonic clock untouched: a server whose clock is off, as the
 * issue's clock-skew case asks, not a test double of one.
 */
export function clockBehind(seconds: number): Record<string, string> {
  const preload = libfaketime();
  if (!preload) throw new Error("libfaketime is missing: run `npm test` (its pretest installs Debian's faketime).");
  return { LD_PRELOAD: preload, FAKETIME: `-${seconds}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}
