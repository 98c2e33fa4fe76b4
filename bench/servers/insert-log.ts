import pg from 'pg';
import type { DurableLog, BareRecord } from './append-log.js';

/**
 * The least a server can do to have a command in PostgreSQL before it answers: the commands of one
 * event-loop turn go in as one multi-row `INSERT` (one statement, one transaction, one WAL flush,
 * answered when the commit has returned), into a table keyed as Holdspace's log is, by session and
 * version. One group is out at a time and what arrives meanwhile forms the next, as Holdspace's
 * group commit does (server/store/postgres/group-commit.ts); unlike Holdspace there is no function,
 * no trigger, no JSON column, no snapshot and no command-id key. Bench only: a failed write ends
 * the process.
 */
export async function insertLog(url: string): Promise<DurableLog> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', (error) => {
    throw error;
  });
  await pool.query(`CREATE TABLE IF NOT EXISTS bare_log (
    session_id text NOT NULL, version integer NOT NULL, line text NOT NULL, PRIMARY KEY (session_id, version))`);
  let pending: { record: BareRecord; done: () => void }[] = [];
  let writing: Promise<void> | null = null;
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const group = pending;
    pending = [];
    await pool.query('INSERT INTO bare_log SELECT * FROM unnest($1::text[], $2::integer[], $3::text[])', [
      group.map((g) => g.record.sessionId),
      group.map((g) => g.record.version),
      group.map((g) => g.record.line),
    ]);
    for (const g of group) g.done();
  };
  const schedule = () => {
    if (scheduled || writing || pending.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      writing = flush().finally(() => {
        writing = null;
        schedule();
      });
    });
  };

  return {
    append(record, done) {
      pending.push({ record, done });
      schedule();
    },
    close: async () => {
      while (writing || pending.length) await (writing ?? new Promise((resolve) => setImmediate(resolve)));
      await pool.end();
    },
  };
}
