import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE, tighten } from '../store/private-files.js';

/**
 * The cookie-signing secret: from the environment, or made once and kept beside the database so
 * that sign-ins survive a restart without any set-up step. Readable by the server's account only
 * (docs/privacy.md D22); it is not in backups and should not be stored with them (D23).
 */
export function loadSecret(dataDir: string, fromEnv: string | null): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'auth-secret');
  try {
    const secret = fs.readFileSync(file, 'utf8').trim();
    tighten(file, PRIVATE_FILE);
    return secret;
  } catch {
    const secret = randomBytes(32).toString('base64url');
    makePrivateDir(dataDir);
    // 0600 from the first byte: writeFile's mode is only ever narrowed by the umask.
    fs.writeFileSync(file, secret, { mode: PRIVATE_FILE, flag: 'wx' });
    return secret;
  }
}
