import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { forRecord } from '../../../shared/review/exports.js';
import { memberFacts, type MemberFacts, type ProgressNote, type ProgressNotesResponse } from '../../../shared/review/progress-notes.js';
import { progressNoteAddendumSchema, progressNoteSaveSchema } from '../../../shared/schemas/progress-notes.js';
import { authorNames, loadNames } from '../../live/names.js';
import type { SessionRow, Store } from '../../store/types.js';
import { HttpError, parseBody } from '../errors.js';
import { recordFor } from '../reach.js';
import { currentUser } from '../require-user.js';
import { clinicTime } from '../../../shared/review/clinic-time.js';
import { clinicPlace } from '../clinic-place.js';
import type { ReviewDeps } from './review.js';

/**
 * A progress note per member (docs/review.md §Progress notes, R15–R18). Who reads is the review's
 * rule (`recordAccess`: facilitators, and reviewers once the session ended; 404 to anyone else);
 * only the session's lead and co write, after the end and until it is signed, then addenda only.
 * Note text is clinician-only: never logged, never audited (ids and versions only).
 */
export function progressNoteRoutes({ store, clock, config, audit, reviews }: ReviewDeps): Router {
  const router = Router();
  /** Every seated member's facts, from the figures the review computed (R27), in the clinic's time. */
  const factsOf = async (row: SessionRow) => {
    const place = await clinicPlace(store, config);
    return { facts: memberFacts(forRecord((await reviews.figures(row)).review), clinicTime(place).clock), timeZone: place.timeZone };
  };
  const audited = async (
    userId: string,
    action: 'progress-note.view' | 'progress-note.save' | 'progress-note.addendum',
    sessionId: string,
    detail = {},
  ) => audit?.record({ actorId: userId, action, subjectType: 'session', subjectId: sessionId, detail });

  /** The session of an ended review the caller reads, and whether they may write to it. */
  const reach = async (req: Request<{ sessionId: string }>) => {
    const me = currentUser(req);
    const { row, role } = await recordFor(store, req.params.sessionId, me.id, 'review');
    if (row.status !== 'ended') throw new HttpError('WRONG_STATE', 'Progress notes are written once the session has ended.');
    return { me, row, canEdit: role === 'lead' || role === 'co' };
  };
  /** A writer's member note, refused to a reviewer (R16) and for a member not seated. */
  const writable = async (req: Request<{ sessionId: string; memberId: string }>) => {
    const { me, row, canEdit } = await reach(req);
    if (!canEdit) throw new HttpError('FORBIDDEN', 'A reviewer reads the progress notes; only the session’s facilitators write them.');
    const note = (await factsOf(row)).facts.find((n) => n.memberId === req.params.memberId);
    if (!note) throw new HttpError('NOT_FOUND', 'There is no such member in this session.');
    return { me, row, note, locked: (await store.reviews.lock(row.id)) !== null };
  };

  router.get('/sessions/:sessionId/progress-notes', async (req, res) => {
    const { me, row, canEdit } = await reach(req);
    await audited(me.id, 'progress-note.view', row.id);
    const { facts, timeZone } = await factsOf(row);
    const body: ProgressNotesResponse = {
      notes: await withRecord(store, row, facts),
      signed: (await store.reviews.lock(row.id)) !== null,
      canEdit,
      timeZone,
    };
    noStore(res).json(body);
  });

  router.put('/sessions/:sessionId/progress-notes/:memberId', async (req, res) => {
    const { me, row, note, locked } = await writable(req);
    const { baseVersion, fields } = parseBody(progressNoteSaveSchema, req.body);
    if (note.kind === 'attendance') throw new HttpError('NOT_ALLOWED', 'An absent member’s note holds their attendance only.');
    if (locked) throw new HttpError('NOT_ALLOWED', 'The session is signed: the note takes addenda only.');
    const version = baseVersion + 1;
    const outcome = await store.progressNotes.save({
      sessionId: row.id,
      memberId: note.memberId,
      version,
      fields,
      authorId: me.id,
      savedAt: clock.now(),
    });
    if (!outcome.saved) {
      // Another screen saved first (R17): nothing is overwritten; the caller gets the text as it is now.
      noStore(res)
        .status(409)
        .json({
          code: 'STALE',
          message: 'This note was changed on another screen: here is its current text.',
          note: (await withRecord(store, row, [note]))[0]!,
        });
      return;
    }
    await audited(me.id, 'progress-note.save', row.id, { memberId: note.memberId, version });
    noStore(res).json({ note: (await withRecord(store, row, [note]))[0]! });
  });

  router.post('/sessions/:sessionId/progress-notes/:memberId/addenda', async (req, res) => {
    const { me, row, note, locked } = await writable(req);
    const { text } = parseBody(progressNoteAddendumSchema, req.body);
    if (!locked) throw new HttpError('NOT_ALLOWED', 'Until the session is signed, edit the note itself: addenda follow a signature.');
    const id = randomUUID();
    await store.progressNotes.addAddendum({ id, sessionId: row.id, memberId: note.memberId, authorId: me.id, at: clock.now(), text });
    await audited(me.id, 'progress-note.addendum', row.id, { memberId: note.memberId, addendumId: id });
    noStore(res)
      .status(201)
      .json({ note: (await withRecord(store, row, [note]))[0]! });
  });

  return router;
}

/**
 * The notes of these members: their facts with the newest saved version (or else the prefilled
 * draft, version 0) and their addenda. Cheap: a save answers with it without computing the
 * figures again.
 */
async function withRecord(store: Store, row: SessionRow, members: readonly MemberFacts[]): Promise<ProgressNote[]> {
  const [names, versions, addenda] = await Promise.all([
    loadNames(store, row),
    store.progressNotes.latest(row.id),
    store.progressNotes.addenda(row.id),
  ]);
  const latest = new Map(versions.map((v) => [v.memberId, v]));
  const nameOf = await authorNames(store, names, [...versions.map((v) => v.authorId), ...addenda.map((a) => a.authorId)]);
  return members.map((facts): ProgressNote => {
    const saved = latest.get(facts.memberId);
    return {
      ...facts,
      version: saved?.version ?? 0,
      fields: saved?.fields ?? facts.prefill,
      savedAt: saved?.savedAt ?? null,
      savedBy: saved ? nameOf(saved.authorId) : null,
      addenda: addenda
        .filter((a) => a.memberId === facts.memberId)
        .map((a) => ({ id: a.id, authorName: nameOf(a.authorId), at: a.at, text: a.text })),
    };
  });
}

function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}
