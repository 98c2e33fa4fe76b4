import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { apiClient, signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { enableTwoFactor, passwordStep, raw, totpNow } from '../security/support.js';
import { connectSocket } from '../support/sockets.js';
import { join, LEAD, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

const run = promisify(execFile);
let fx: SessionFixture | undefined;
let restored: TestServer | undefined;
let plain: TestServer | undefined;
afterEach(async () => {
  await restored?.close();
  await plain?.close();
  await fx?.close();
  restored = plain = fx = undefined;
});

/** `npm run backup` exactly as an operator types it, against the running server's DATA_DIR. */
const backup = (dataDir: string, ...args: string[]) =>
  run('npm', ['run', '--silent', 'backup', '--', ...args], { env: { ...process.env, DATA_DIR: dataDir } });

/** `npm run backup` with something typed on standard input (a passphrase), as `echo … | npm run …` would. */
function backupWithInput(
  dataDir: string,
  input: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const proc = spawn('npm', ['run', '--silent', 'backup', '--', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  proc.stdin.end(input);
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A restore as docs/operations.md says: the copy becomes holdspace.db of a new data directory. */
function restoreInto(copy: string): string {
  const dataDir = tmp('holdspace-restored-');
  fs.copyFileSync(copy, path.join(dataDir, 'holdspace.db'));
  return dataDir;
}

const PASSPHRASE = 'seven lanterns under the quay';

describe('backups', () => {
  it('[D15][D16] npm run backup copies a running server with live sessions; a fresh server on the copy carries the session on', async () => {
    fx = await sessionFixture();
    const { lead, sessionId, member, server } = fx;
    for (const command of [{ type: 'attendance.mark', memberId: member.Sam!, mark: 'present' }, { type: 'session.start' }] as const) {
      expect((await send(lead.socket, sessionId, command)).ok).toBe(true);
    }
    // Keep writing while the copy is made: it must still be one consistent state. Paced under the
    // per-socket limit (P13): a screen that floods past it is refused and then disconnected (P22).
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await send(lead.socket, sessionId, { type: 'note.add', text: `note ${i}`, memberId: null, private: false });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-backup-')), 'copy.db');
    const { stdout } = await backup(server.dataDir, target);
    writing = false;
    await writer;
    expect(stdout).toMatch(/^Backed up \d+ pages \(schema \d+\) to .*copy\.db/);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    await expect(backup(server.dataDir, target)).rejects.toMatchObject({ stderr: expect.stringMatching(/already exists/) });
    const audited = server.db.prepare("SELECT actor_id FROM audit_log WHERE action = 'backup.create'").all();
    expect(audited).toEqual([{ actor_id: 'cli' }]);

    // Restore as docs/operations.md says: the copy becomes holdspace.db of a (new) data directory.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-restored-'));
    fs.copyFileSync(target, path.join(dataDir, 'holdspace.db'));
    restored = await startTestServer({ dataDir });
    const copy = restored.db.prepare('SELECT snapshot_version AS version, status FROM sessions WHERE id = ?').get(sessionId) as {
      version: number;
      status: string;
    };
    const logged = restored.db
      .prepare('SELECT count(*) AS n, max(version) AS top FROM session_log WHERE session_id = ?')
      .get(sessionId) as { n: number; top: number };
    expect(logged.n).toBe(logged.top);
    expect(logged.top).toBeGreaterThanOrEqual(2);
    expect(copy).toMatchObject({ status: 'live' });
    expect(copy.version).toBeLessThanOrEqual(logged.top); // the snapshot is saved every few entries

    const api = await signIn(restored, LEAD.email, LEAD.password);
    const read = await api.get(`/api/sessions/${sessionId}`);
    expect(read.body.session).toMatchObject({ status: 'live', version: logged.top });
    expect(read.body.update.state.members.map((m: { name: string }) => m.name)).toEqual(['Sam', 'Ana', 'Kit', 'Jo']);
    const socket = await connectSocket(restored, api.cookie);
    await join(socket, sessionId);
    expect(await send(socket, sessionId, { type: 'session.end' })).toMatchObject({ ok: true, version: logged.top + 1 });
    socket.disconnect();
  }, 90_000); // two runs of `npm run backup` (a process each) on a machine that may be busy

  it('[D15] with no path, the copy goes to DATA_DIR/backups/holdspace-<time>.db', async () => {
    fx = await sessionFixture();
    await backup(fx.server.dataDir);
    const made = fs.readdirSync(path.join(fx.server.dataDir, 'backups'));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^holdspace-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.db$/);
  });

  it('[D23] a backup holds no usable sign-in: a cookie from before it is refused by a server restored with the same secret, and no token is left in the file', async () => {
    fx = await sessionFixture();
    const tokens = (fx.server.db.prepare('SELECT token FROM "session"').all() as { token: string }[]).map((r) => r.token);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const target = path.join(tmp('holdspace-backup-'), 'copy.db');
    await backup(fx.server.dataDir, target);
    // Not in a row, a free page or anywhere else in the file.
    const bytes = fs.readFileSync(target);
    for (const token of tokens) expect(bytes.includes(token)).toBe(false);
    const copy = new Database(target, { readonly: true });
    expect(
      copy
        .prepare('SELECT (SELECT count(*) FROM "session") + (SELECT count(*) FROM verification) + (SELECT count(*) FROM screen_locks) AS n')
        .get(),
    ).toEqual({ n: 0 });
    expect((copy.prepare('SELECT count(*) AS n FROM "user"').get() as { n: number }).n).toBe(2);
    copy.close();

    // The attack: the admin's cookie, replayed against the restored copy under the same secret.
    restored = await startTestServer({ dataDir: restoreInto(target) });
    const replayed = apiClient(restored, fx.lead.api.cookie);
    expect((await replayed.get('/api/me')).status).toBe(401);
    expect((await replayed.get('/api/audit')).status).toBe(401);
    // Accounts and passwords came through: signing in afresh works.
    const api = await signIn(restored, LEAD.email, LEAD.password);
    expect((await api.get('/api/me')).body).toMatchObject({ user: { email: LEAD.email } });
  }, 90_000);

  it('[D24] --encrypt → --decrypt: the passphrase from stdin or the environment; a wrong one or a changed byte writes nothing; the restored server has the data and no old sign-in', async () => {
    fx = await sessionFixture();
    const note = 'a note only this backup would contain';
    expect((await send(fx.lead.socket, fx.sessionId, { type: 'note.add', text: note, memberId: null, private: false })).ok).toBe(true);
    const dir = tmp('holdspace-backup-');
    const encrypted = path.join(dir, 'copy.db.enc');
    const made = await backupWithInput(fx.server.dataDir, `${PASSPHRASE}\n`, ['--encrypt', encrypted]);
    expect(made).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Backed up \d+ pages \(schema \d+\) to .*copy\.db\.enc, encrypted/),
    });
    const bytes = fs.readFileSync(encrypted);
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('HSBACKUP\x01');
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(bytes.includes(note)).toBe(false);
    expect(fs.statSync(encrypted).mode & 0o777).toBe(0o600);
    // The plain copy it was made from is gone: neither beside it nor in DATA_DIR.
    expect(fs.readdirSync(dir)).toEqual(['copy.db.enc']);
    expect(fs.readdirSync(fx.server.dataDir).filter((name) => name.startsWith('.backup-'))).toEqual([]);
    expect(fx.server.db.prepare("SELECT detail FROM audit_log WHERE action = 'backup.create'").all()).toEqual([
      { detail: expect.stringContaining('"encrypted":true') },
    ]);

    const out = path.join(dir, 'restored.db');
    const wrong = await backupWithInput(fx.server.dataDir, 'not the passphrase at all\n', ['--decrypt', encrypted, out]);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringMatching(/passphrase is wrong/) });
    const tampered = path.join(dir, 'tampered.db.enc');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 1;
    fs.writeFileSync(tampered, flipped);
    expect(await backupWithInput(fx.server.dataDir, `${PASSPHRASE}\n`, ['--decrypt', tampered, out])).toMatchObject({ code: 1 });
    expect(fs.readdirSync(dir).sort()).toEqual(['copy.db.enc', 'tampered.db.enc']);
    // Too short a passphrase is refused before anything is copied.
    expect(await backupWithInput(fx.server.dataDir, 'short\n', ['--encrypt', path.join(dir, 'short.enc')])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/at least 12/),
    });

    const opened = await backupWithInput(fx.server.dataDir, '', ['--decrypt', encrypted, out], { HOLDSPACE_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(opened).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Decrypted to .*restored\.db/) });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);

    restored = await startTestServer({ dataDir: restoreInto(out) });
    expect((await apiClient(restored, fx.lead.api.cookie).get('/api/me')).status).toBe(401);
    expect((await apiClient(restored, fx.co.api.cookie).get('/api/me')).status).toBe(401);
    const api = await signIn(restored, LEAD.email, LEAD.password);
    const read = await api.get(`/api/sessions/${fx.sessionId}/log`);
    expect(read.body.entries.map((e: { event: { text?: string } }) => e.event.text)).toContain(note);
  }, 120_000);

  it('[D23] restored without its secret, an account with two-factor passes the password step but cannot finish: its TOTP secret and backup codes cannot be decrypted', async () => {
    plain = await startTestServer();
    await createAccount(plain, { ...LEAD, admin: true });
    const { totpURI, backupCodes } = await enableTwoFactor(plain, await signIn(plain, LEAD.email, LEAD.password), LEAD.password);
    const target = path.join(tmp('holdspace-backup-'), 'copy.db');
    await backup(plain.dataDir, target);

    const finish = async (server: TestServer, path: string, code: string) => {
      const step = await passwordStep(server, LEAD.email, LEAD.password);
      expect(step.body).toMatchObject({ twoFactorRedirect: true });
      return (await raw(server, 'POST', path, { code }, { cookie: step.cookie, origin: server.url })).status;
    };
    // With the secret it was made under, a backup code still finishes the sign-in …
    restored = await startTestServer({ dataDir: restoreInto(target) });
    expect(await finish(restored, '/api/auth/two-factor/verify-backup-code', backupCodes[0]!)).toBe(200);
    await restored.close();
    // … with another secret neither a backup code nor the authenticator's code does.
    restored = await startTestServer({
      dataDir: restoreInto(target),
      config: { authSecret: 'another-secret-that-is-long-enough-for-better-auth' },
    });
    expect(await finish(restored, '/api/auth/two-factor/verify-backup-code', backupCodes[1]!)).not.toBe(200);
    expect(await finish(restored, '/api/auth/two-factor/verify-totp', await totpNow(totpURI))).not.toBe(200);
  }, 90_000);
});
