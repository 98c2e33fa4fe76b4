import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectSocket } from '../support/sockets.js';
import { join, LEAD, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

const run = promisify(execFile);
let fx: SessionFixture;
let restored: TestServer | undefined;
afterEach(async () => {
  await restored?.close();
  restored = undefined;
  await fx?.close();
});

/** `npm run backup` exactly as an operator types it, against the running server's DATA_DIR. */
const backup = (dataDir: string, ...args: string[]) =>
  run('npm', ['run', '--silent', 'backup', '--', ...args], { env: { ...process.env, DATA_DIR: dataDir } });

describe('backups', () => {
  it('[D15][D16] npm run backup copies a running server with live sessions; a fresh server on the copy carries the session on', async () => {
    fx = await sessionFixture();
    const { lead, sessionId, member, server } = fx;
    for (const command of [{ type: 'attendance.mark', memberId: member.Sam!, mark: 'present' }, { type: 'session.start' }] as const) {
      expect((await send(lead.socket, sessionId, command)).ok).toBe(true);
    }
    // Keep writing while the copy is made: it must still be one consistent state.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) await send(lead.socket, sessionId, { type: 'note.add', text: `note ${i}`, memberId: null, private: false });
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
    const copy = restored.db.prepare('SELECT snapshot_version AS version, status FROM sessions WHERE id = ?').get(sessionId) as { version: number; status: string };
    const logged = restored.db.prepare('SELECT count(*) AS n, max(version) AS top FROM session_log WHERE session_id = ?').get(sessionId) as { n: number; top: number };
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
  });

  it('[D15] with no path, the copy goes to DATA_DIR/backups/holdspace-<time>.db', async () => {
    fx = await sessionFixture();
    await backup(fx.server.dataDir);
    const made = fs.readdirSync(path.join(fx.server.dataDir, 'backups'));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^holdspace-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.db$/);
  });
});
