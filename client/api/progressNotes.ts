import type { NoteFields, ProgressNote, ProgressNotesResponse } from '../../shared/review/progress-notes.js';
import { request } from './http.js';

/** The progress-note REST calls (docs/review.md §Progress notes). */
const notes = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/progress-notes`;
const note = (sessionId: string, memberId: string) => `${notes(sessionId)}/${encodeURIComponent(memberId)}`;

export const getProgressNotes = (sessionId: string) => request<ProgressNotesResponse>('GET', notes(sessionId));

/** Saves the whole narrative over `baseVersion`; a stale one fails with code `STALE` (R17). */
export const saveProgressNote = (sessionId: string, memberId: string, baseVersion: number, fields: NoteFields) =>
  request<{ note: ProgressNote }>('PUT', note(sessionId, memberId), { baseVersion, fields });

export const addProgressNoteAddendum = (sessionId: string, memberId: string, text: string) =>
  request<{ note: ProgressNote }>('POST', `${note(sessionId, memberId)}/addenda`, { text });
