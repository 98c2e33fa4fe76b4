import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Runs before `npm test`: the end-to-end tests need a real Chromium. Debian's is used (a browser
 * download cannot work here). Where it is missing and this is a root shell with apt-get, it is
 * installed; otherwise the run stops with how to install one. It never lets the browser tests skip.
 */
const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
const found = candidates.find((p) => fs.existsSync(p));

if (found) {
  process.exit(0);
}

const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(
    [
      'The end-to-end tests need Chromium and none was found.',
      "Install Debian's: sudo apt-get update && sudo apt-get install -y chromium",
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}

console.log("Chromium is missing: installing Debian's chromium package for the end-to-end tests…");
const apt = (args: string[]) =>
  execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
apt(['update', '-qq']);
apt(['install', '-y', '-qq', 'chromium']);
