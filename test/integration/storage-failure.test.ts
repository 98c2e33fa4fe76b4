import { afterEach, describe, expect, it } from 'vitest';
import { nextUpdate } from '../support/sockets.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx.close());

describe('[P14] a failed write', () => {
  it('refuses the command, changes nothing, broadcasts nothing, and a retry succeeds once the disk is back', async () => {
    fx = await sessionFixture();
    const { lead, co, sessionId, member, server } = fx;
    // The disk "fills": every append to the log now fails inside the transaction.
    server.db.exec(`CREATE TEMP TRIGGER disk_full BEFORE INSERT ON session_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const failed = await send(
      lead.socket,
      sessionId,
      { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' },
      { commandId: 'mark-sam-01' },
    );
    expect(failed).toMatchObject({ ok: false, code: 'STORAGE_FAILED' });
    expect(!failed.ok && failed.message).toMatch(/could not be saved/);
    const row = server.db.prepare('SELECT snapshot_version AS version, snapshot FROM sessions WHERE id = ?').get(sessionId) as {
      version: number;
      snapshot: string;
    };
    expect(row.version).toBe(0);
    expect(JSON.parse(row.snapshot).context.attendance[member.Sam!].status).toBe('expected');

    server.db.exec('DROP TRIGGER temp.disk_full');
    const retried = await send(
      lead.socket,
      sessionId,
      { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' },
      { commandId: 'mark-sam-01' },
    );
    expect(retried).toEqual({ ok: true, version: 1, duplicate: false });
    expect((await nextUpdate(co.socket, 1)).state.context.attendance[member.Sam!]!.status).toBe('present');
    // The retry's broadcast is the first the other screen was sent (broadcasts arrive in version
    // order): the failed attempt sent none.
    expect(co.socket.updates.map((u) => u.version)).toEqual([1]);
    expect(co.socket.missed).toEqual([]);
  });
});
