import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

/**
 * [S56] The sweep is the backstop for a control message a process never heard: here nothing is
 * sent at all — the changes are made in the database behind the process's back, as a message
 * lost with a dropped LISTEN connection would leave them — and the sweep alone must catch them.
 */
const SWEEP_MS = 900;

let fx: SessionFixture | null = null;
let database: TestDatabase | null = null;
let pool: pg.Pool | null = null;
afterEach(async () => {
  await fx?.close();
  await pool?.end();
  await database?.drop();
  fx = pool = database = null;
});

async function processOnPostgres() {
  database = await freshDatabase();
  fx = await sessionFixture({ databaseUrl: database.url, config: { socketSweepMs: SWEEP_MS } });
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
  return { fx, pool };
}

describe('[S56] the sweep catches what no message said', () => {
  it('a sign-in ended in the database closes its socket within one sweep', async () => {
    const { fx, pool } = await processOnPostgres();
    const closed = new Promise<number>((resolve) => fx.lead.socket.once('disconnect', () => resolve(performance.now())));
    const started = performance.now();
    await pool.query('DELETE FROM "session" WHERE "userId" = $1', [fx.lead.id]);
    const ms = (await closed) - started;
    expect(ms).toBeLessThan(SWEEP_MS * 3);
    expect(fx.co.socket.connected).toBe(true);
  });

  it('[S17] a co-facilitator replaced in the database is refused once the sweep has looked at the session', async () => {
    const { fx, pool } = await processOnPostgres();
    const { co, sessionId, member } = fx;
    const mark = (name: string) => send(co.socket, sessionId, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    expect(await mark('Sam')).toMatchObject({ ok: true });
    await pool.query('UPDATE sessions SET co_id = NULL WHERE id = $1', [sessionId]);
    await new Promise((r) => setTimeout(r, SWEEP_MS * 2));
    const refused = await mark('Ana');
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
