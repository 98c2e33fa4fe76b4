import fs from 'node:fs';
import path from 'node:path';
import type { Pem } from './authority.js';

/**
 * Where the CA and the server certificate live: `DATA_DIR/tls/`, a directory only the server's
 * user may enter (0700), private keys readable by it alone (0600). The CA key is what a thief would
 * want: with it they could pose as this server to every tablet that trusts it.
 */
export function tlsDir(dataDir: string): string {
  const dir = path.join(dataDir, 'tls');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  return dir;
}

/** The pair saved as `NAME.crt` and `NAME.key`, or null when either is missing. */
export function readPair(dir: string, name: 'ca' | 'server'): Pem | null {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  if (!fs.existsSync(cert) || !fs.existsSync(key)) return null;
  return { certPem: fs.readFileSync(cert, 'utf8'), keyPem: fs.readFileSync(key, 'utf8') };
}

/**
 * Writes the key first, through a temporary file renamed into place, so a crash never leaves a
 * certificate beside a key that is not its own, nor a key readable by others for a moment.
 */
export function writePair(dir: string, name: 'ca' | 'server', pair: Pem): void {
  writeAtomically(path.join(dir, `${name}.key`), pair.keyPem, 0o600);
  writeAtomically(path.join(dir, `${name}.crt`), pair.certPem, 0o644);
}

function writeAtomically(file: string, text: string, mode: number): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode });
  fs.chmodSync(temp, mode);
  fs.renameSync(temp, file);
}
