import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A fresh HOME whose NSS database (what Chromium on Linux trusts, `~/.pki/nssdb`) holds `caPem`
 * as a trusted CA: what a person does once per device, done here with Debian's certutil
 * (libnss3-tools, installed by `npm test`'s pretest). Returns the HOME; the caller removes it.
 */
export function homeTrustingCa(caPem: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-nss-'));
  const db = path.join(home, '.pki', 'nssdb');
  fs.mkdirSync(db, { recursive: true, mode: 0o700 });
  const caFile = path.join(home, 'holdspace-ca.crt');
  fs.writeFileSync(caFile, caPem);
  const certutil = (args: string[]) => execFileSync('certutil', ['-d', `sql:${db}`, ...args], { stdio: 'pipe' });
  certutil(['-N', '--empty-password']);
  certutil(['-A', '-t', 'C,,', '-n', 'holdspace', '-i', caFile]);
  return home;
}
