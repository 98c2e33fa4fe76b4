import { useCallback, useEffect, useRef, useState } from 'react';
import type { NoteFields, ProgressNote } from '../../../shared/review/progress-notes.js';
import { HttpError } from '../../api/http.js';
import { getProgressNotes, saveProgressNote } from '../../api/progressNotes.js';

/** How long after the last keystroke a note is saved. */
const SAVE_AFTER_MS = 1000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/**
 * A note's fields saved as one types (R17): each save carries the version it edits, one save at a
 * time. When another screen saved first, the server refuses (STALE): the note shows that screen's
 * text, and the words not saved here are kept in `conflict` for the writer to keep or drop.
 */
export function useNoteAutosave(sessionId: string, initial: ProgressNote) {
  const [note, setNote] = useState(initial);
  const [fields, setFields] = useState(initial.fields);
  const [state, setState] = useState<SaveState>('saved');
  const [conflict, setConflict] = useState<NoteFields | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = useRef(initial.version);
  // The fields as last typed, for the save that runs after a pause (and for a save in flight
  // to know whether typing went on meanwhile). Written with the state, never during render.
  const latest = useRef(fields);
  const show = useCallback((next: NoteFields) => {
    latest.current = next;
    setFields(next);
  }, []);

  /** After a stale save: the other screen's version on screen, this screen's words kept aside. */
  const showNewer = useCallback(async () => {
    try {
      const current = (await getProgressNotes(sessionId)).notes.find((n) => n.memberId === initial.memberId);
      if (!current) return false;
      base.current = current.version;
      setNote(current);
      setConflict(latest.current);
      show(current.fields);
      setState('saved');
      return true;
    } catch {
      return false;
    }
  }, [sessionId, initial.memberId, show]);

  const save = useCallback(
    async (toSave: NoteFields) => {
      setState('saving');
      try {
        const saved = (await saveProgressNote(sessionId, initial.memberId, base.current, toSave)).note;
        base.current = saved.version;
        setNote(saved);
        setError(null);
        // Typed on while it was saving: save again after the next pause.
        setState(latest.current === toSave ? 'saved' : 'pending');
      } catch (e) {
        if (e instanceof HttpError && e.code === 'STALE' && (await showNewer())) return;
        setError(e instanceof HttpError ? e.message : 'The note could not be saved; type again to retry.');
        setState('failed');
      }
    },
    [sessionId, initial.memberId, showNewer],
  );

  useEffect(() => {
    if (state !== 'pending') return;
    const timer = setTimeout(() => void save(latest.current), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state, fields, save]);

  const edit = useCallback(
    (next: NoteFields) => {
      show(next);
      setState((s) => (s === 'saving' ? s : 'pending'));
    },
    [show],
  );
  /** Saves the words this screen had over the other screen's newer version, on purpose. */
  const keepMine = useCallback(() => {
    if (conflict) edit(conflict);
    setConflict(null);
  }, [conflict, edit]);
  const dropMine = useCallback(() => setConflict(null), []);

  return { note, setNote, fields, edit, state, conflict, keepMine, dropMine, error };
}
