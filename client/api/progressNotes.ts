import type { NoteFields } from '../../shared/review/progress-notes.js';
import { contract } from '../../shared/rest/contract.js';
import { call } from './http.js';

/** The progress-note REST calls (docs/review.md §Progress notes). */
export const getProgressNotes = (sessionId: string) => call(contract.getProgressNotes, { params: { sessionId } });

/** Saves the whole narrative over `baseVersion`; a stale one fails with code `STALE` (R17). */
export const saveProgressNote = (sessionId: string, memberId: string, baseVersion: number, fields: NoteFields) =>
  call(contract.saveProgressNote, { params: { sessionId, memberId }, body: { baseVersion, fields } });

export const addProgressNoteAddendum = (sessionId: string, memberId: string, text: string) =>
  call(contract.addProgressNoteAddendum, { params: { sessionId, memberId }, body: { text } });
