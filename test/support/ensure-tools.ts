import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { postgresBinDir } from './postgres-binaries.js';
import { libfaketime } from '../cluster/support/skew.js';

/**
 * Runs before `npm test`, after ensure-chromium.ts: command-line tools some tests use, each from a
 * Debian package. Missing ones are installed with apt-get from a root shell; otherwise the run
 * stops with how to install them. The tests that need them never skip.
 */
const TOOLS: { command: string; pkg: string; why: string; found?: () => boolean }[] = [
  // The HTTPS end-to-end test makes Chromium trust Holdspace's local CA the way Chromium on Linux
  // reads it: an NSS database written with certutil.
  { command: 'certutil', pkg: 'libnss3-tools', why: 'the HTTPS end-to-end test' },
  // The printed report is checked as a PDF: its text extracted, its pages rendered to PNG.
  { command: 'pdftotext', pkg: 'poppler-utils', why: 'the printed-report test' },
  { command: 'pdftoppm', pkg: 'poppler-utils', why: 'the printed-report test' },
  // The Postgres store's tests start a throwaway server of their own (postgres.ts); Debian keeps
  // its binaries off PATH. A server of the caller's (HOLDSPACE_TEST_DATABASE_URL) makes them unneeded.
  {
    command: 'initdb',
    pkg: 'postgresql',
    why: 'the PostgreSQL store tests',
    found: () => Boolean(process.env.HOLDSPACE_TEST_DATABASE_URL) || postgresBinDir() !== null,
  },
  // The cluster tests run one process with its clock 2 s behind the others' (libfaketime).
  { command: 'faketime', pkg: 'faketime', why: 'the cluster test of a skewed clock', found: () => libfaketime() !== null },
  // The cluster tests run three Holdspace processes behind the nginx config Holdspace ships
  // (deploy/nginx/holdspace.conf). Debian installs it in /usr/sbin.
  {
    command: 'nginx',
    pkg: 'nginx',
    why: 'the cluster test through a real proxy',
    found: () => onPath('nginx') || fs.existsSync('/usr/sbin/nginx'),
  },
];

const onPath = (command: string) =>
  (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
const missing = TOOLS.filter((tool) => !(tool.found ? tool.found() : onPath(tool.command)));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((tool) => tool.pkg))];
const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(
    [
      ...missing.map((tool) => `${tool.why} needs ${tool.command} (Debian's ${tool.pkg}) and none was found.`),
      `Install: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
    ].join('\n'),
  );
  process.exit(1);
}

console.log(`Installing Debian's ${packages.join(', ')} for ${[...new Set(missing.map((tool) => tool.why))].join(' and ')}…`);
const apt = (args: string[]) =>
  execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
apt(['update', '-qq']);
apt(['install', '-y', '-qq', ...packages]);
