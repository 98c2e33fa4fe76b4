import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../faults/support/child-server.js';
import { signIn } from '../support/http.js';
import type { TestServer } from '../support/server.js';
import { LEAD } from '../support/session-fixture.js';

const run = promisify(execFile);
let child: ChildProcess | null = null;
afterEach(async () => {
  await stop();
});

/**
 * `npm run serve` as an operator starts it, under the loosest umask there is (000), with no
 * BETTER_AUTH_SECRET, so the server makes its secret itself. Resolves with everything it logged
 * so far once it is listening.
 */
function serve(dataDir: string, port: number): Promise<() => string> {
  const proc = spawn('sh', ['-c', 'umask 000 && exec "$0" --import tsx server/index.ts', process.execPath], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', BETTER_AUTH_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const ready = setInterval(() => {
      if (output.includes('Holdspace is running')) {
        clearInterval(ready);
        resolve(() => output);
      }
    }, 20);
    proc.once('exit', (code) => {
      clearInterval(ready);
      reject(new Error(`server exited (${code}):\n${output.slice(-2000)}`));
    });
  });
}

async function stop() {
  const proc = child;
  child = null;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await gone;
}

/** Every folder and file under `dir` with its permission bits, e.g. `['backups', '700']`. */
function modes(dir: string): [string, string][] {
  const found: [string, string][] = [['.', (fs.statSync(dir).mode & 0o777).toString(8)]];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    found.push([path.relative(dir, full), (fs.statSync(full).mode & 0o777).toString(8)]);
  }
  return found.sort();
}

const loose = (found: [string, string][]) => found.filter(([name, mode]) => mode !== (name === '.' || name === 'backups' ? '700' : '600'));

/** Writes that reach the database and its log: the first account, a group, a planned session. */
async function write(url: string) {
  const server = { url } as TestServer;
  const setup = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(LEAD),
  });
  expect([201, 409]).toContain(setup.status);
  const api = await signIn(server, LEAD.email, LEAD.password);
  const group = await api.post('/api/groups', { name: 'Thursday group', members: [{ name: 'Sam' }, { name: 'Ana' }] });
  expect(group.status).toBe(201);
  expect((await api.post(`/api/groups/${group.body.group.id}/sessions`, {})).status).toBe(201);
}

describe('the data directory is private to the server account', () => {
  it('[D22] under umask 000 the folder is 0700 and the database, -wal, -shm, secret and backup 0600; modes loosened while stopped are tightened at the next start and reported by path only', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-modes-')), 'data');
    const port = await freePort();
    await serve(dataDir, port);
    await write(`http://127.0.0.1:${port}`);
    await run('sh', ['-c', 'umask 000 && npm run --silent backup'], { env: { ...process.env, DATA_DIR: dataDir } });
    const found = modes(dataDir);
    // The server is still running: its log and shared-memory index are there to be judged too.
    expect(found.map(([name]) => name)).toEqual(
      expect.arrayContaining(['auth-secret', 'backups', 'holdspace.db', 'holdspace.db-shm', 'holdspace.db-wal']),
    );
    expect(found.filter(([name]) => name.startsWith('backups/'))).toHaveLength(1);
    expect(loose(found)).toEqual([]);

    await stop();
    // As a careless `cp -r`, `chmod -R a+r` or an older build would leave them.
    if (!fs.existsSync(path.join(dataDir, 'holdspace.db-wal'))) fs.writeFileSync(path.join(dataDir, 'holdspace.db-wal'), '');
    for (const [name] of modes(dataDir)) fs.chmodSync(path.join(dataDir, name), name === '.' || name === 'backups' ? 0o755 : 0o644);
    const loosened = modes(dataDir).map(([name]) => name);
    expect(loose(modes(dataDir))).toHaveLength(loosened.length);

    const output = await serve(dataDir, port);
    await write(`http://127.0.0.1:${port}`);
    expect(loose(modes(dataDir))).toEqual([]);
    const warnings = output()
      .split('\n')
      .filter((line) => line.includes('made private'))
      .map((line) => JSON.parse(line) as { path: string; was: string; level: number });
    expect(warnings.map((w) => path.relative(dataDir, w.path) || '.').sort()).toEqual(loosened.sort());
    expect(warnings.every((w) => w.level === 40 && ['755', '644'].includes(w.was))).toBe(true);
    // The path, never what is in the file.
    const secret = fs.readFileSync(path.join(dataDir, 'auth-secret'), 'utf8').trim();
    expect(output()).not.toContain(secret);
  }, 180_000);
});
