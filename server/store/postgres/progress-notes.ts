import type pg from 'pg';
import { toNoteAddendum, toNoteVersion, type NoteAddendumRecord, type NoteVersionRecord } from '../record-rows.js';
import type { ProgressNoteStore } from '../types.js';

const VERSION_COLUMNS = 'session_id, member_id, version, fields, author_id, saved_at::float8 AS saved_at';

/**
 * Progress notes over PostgreSQL, with the contract of SQLite's (../sqlite/progress-notes.ts):
 * versions and addenda, both append-only by trigger, and no new version once the review is
 * signed (./migrations.ts, step 5).
 */
export function postgresProgressNotes(pool: pg.Pool): ProgressNoteStore {
  const newest = async (sessionId: string, memberId: string) => {
    const { rows } = await pool.query<NoteVersionRecord>(
      `SELECT ${VERSION_COLUMNS} FROM progress_note_versions WHERE session_id = $1 AND member_id = $2 ORDER BY version DESC LIMIT 1`,
      [sessionId, memberId],
    );
    return rows[0] ? toNoteVersion(rows[0]) : null;
  };

  return {
    latest: async (sessionId) =>
      (
        await pool.query<NoteVersionRecord>(
          `SELECT DISTINCT ON (member_id) ${VERSION_COLUMNS} FROM progress_note_versions
            WHERE session_id = $1 ORDER BY member_id, version DESC`,
          [sessionId],
        )
      ).rows.map(toNoteVersion),
    save: async (row) => {
      // Compare and insert in one statement. Two saves from the same version both find it the
      // newest and insert the same next one: the key makes the second wait for the first, and
      // skip its row once the first committed. The loser reads the winner's version afterwards.
      const inserted = await pool.query(
        `INSERT INTO progress_note_versions (session_id, member_id, version, fields, author_id, saved_at)
           SELECT $1::text, $2::text, $3::integer, $4::text, $5::text, $6::bigint
            WHERE (SELECT coalesce(max(version), 0) FROM progress_note_versions WHERE session_id = $1 AND member_id = $2) = $3 - 1
         ON CONFLICT DO NOTHING`,
        [row.sessionId, row.memberId, row.version, JSON.stringify(row.fields), row.authorId, row.savedAt],
      );
      if (inserted.rowCount === 1) return { saved: true as const };
      return { saved: false as const, current: await newest(row.sessionId, row.memberId) };
    },
    addenda: async (sessionId) =>
      (
        await pool.query<NoteAddendumRecord>(
          `SELECT id, session_id, member_id, author_id, at::float8 AS at, text FROM progress_note_addenda
            WHERE session_id = $1 ORDER BY at, seq`,
          [sessionId],
        )
      ).rows.map(toNoteAddendum),
    addAddendum: async (row) => {
      await pool.query(
        'INSERT INTO progress_note_addenda (id, session_id, member_id, author_id, at, text) VALUES ($1, $2, $3, $4, $5, $6)',
        [row.id, row.sessionId, row.memberId, row.authorId, row.at, row.text],
      );
    },
  };
}
