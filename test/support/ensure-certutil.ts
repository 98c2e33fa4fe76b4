import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs before `npm test`, after ensure-chromium.ts: the HTTPS end-to-end test makes Chromium trust
 * Holdspace's local CA the way Chromium on Linux reads it, an NSS database written with `certutil`
 * (Debian's libnss3-tools). Installed with apt-get from a root shell when missing; otherwise the
 * run stops with how to install it. The test never skips.
 */
const onPath = (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, 'certutil')));
if (onPath) process.exit(0);

const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(
    [
      'The HTTPS end-to-end test needs certutil (NSS tools) and none was found.',
      'Install it: sudo apt-get update && sudo apt-get install -y libnss3-tools',
    ].join('\n'),
  );
  process.exit(1);
}

console.log("certutil is missing: installing Debian's libnss3-tools for the HTTPS end-to-end test…");
const apt = (args: string[]) =>
  execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
apt(['update', '-qq']);
apt(['install', '-y', '-qq', 'libnss3-tools']);
