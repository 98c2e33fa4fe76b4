import { toNoteAddendum, toNoteVersion, type NoteAddendumRecord, type NoteVersionRecord } from '../record-rows.js';
import type { ProgressNoteAddendumRow, ProgressNoteStore, ProgressNoteVersionRow } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/** Progress notes: versions and addenda, both append-only by trigger (migration step 10). */
export function sqliteProgressNotes(db: Db): Synced<ProgressNoteStore> {
  const latestOf = db.prepare<[string], NoteVersionRecord>(
    `SELECT v.* FROM progress_note_versions v
       WHERE v.session_id = ? AND v.version = (
         SELECT max(version) FROM progress_note_versions w WHERE w.session_id = v.session_id AND w.member_id = v.member_id)
     ORDER BY v.member_id`,
  );
  const newest = db.prepare<[string, string], NoteVersionRecord>(
    'SELECT * FROM progress_note_versions WHERE session_id = ? AND member_id = ? ORDER BY version DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO progress_note_versions (session_id, member_id, version, fields, author_id, saved_at)
       VALUES (@sessionId, @memberId, @version, @fields, @authorId, @savedAt)`,
  );
  const addendaOf = db.prepare<[string], NoteAddendumRecord>('SELECT * FROM progress_note_addenda WHERE session_id = ? ORDER BY at, rowid');
  const insertAddendum = db.prepare(
    `INSERT INTO progress_note_addenda (id, session_id, member_id, author_id, at, text)
       VALUES (@id, @sessionId, @memberId, @authorId, @at, @text)`,
  );

  // The check and the insert in one transaction: two saves from the same version, one wins.
  const save = db.transaction((row: ProgressNoteVersionRow) => {
    const current = newest.get(row.sessionId, row.memberId);
    if ((current?.version ?? 0) !== row.version - 1) return { saved: false as const, current: current ? toNoteVersion(current) : null };
    insert.run({ ...row, fields: JSON.stringify(row.fields) });
    return { saved: true as const };
  });

  return {
    latest: (sessionId) => latestOf.all(sessionId).map(toNoteVersion),
    save,
    addenda: (sessionId) => addendaOf.all(sessionId).map(toNoteAddendum),
    addAddendum: (row: ProgressNoteAddendumRow) => {
      insertAddendum.run(row);
    },
  };
}
