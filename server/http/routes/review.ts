import { createHash, randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { acrossSessions } from '../../../shared/review/across.js';
import { exportJson, forRecord, logCsv, membersCsv } from '../../../shared/review/exports.js';
import { ratingsCsv } from '../../../shared/review/rating-exports.js';
import { clinicTime, type ClinicPlace } from '../../../shared/review/clinic-time.js';
import type { ReviewRecord } from '../../../shared/review/record.js';
import { contract } from '../../../shared/rest/contract.js';
import type { Review } from '../../../shared/review/types.js';
import { zonedDate } from '../../../shared/review/zone.js';
import type { Clock } from '../../clock.js';
import { authorNames, loadNames } from '../../live/names.js';
import type { AuditInput } from '../../privacy/audit.js';
import { part2Notice } from '../../privacy/part2.js';
import type { LogEntry, SessionRow, Store } from '../../store/types.js';
import { clinicPlace, type PlaceConfig } from '../clinic-place.js';
import { reviewOf, type ReviewCache } from '../review-cache.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';
import { FACILITATORS, READERS, facilitatorRole } from '../../access/policy.js';
import { groupFor, recordFor, sessionFor } from '../reach.js';
import { reachRecord, refused } from '../../access/reach.js';
import type { RecordView } from '../../access/record.js';

export interface ReviewDeps {
  store: Store;
  clock: Clock;
  config: PlaceConfig;
  /** The figures of the sessions read lately, shared by the review and the progress notes (R27). */
  reviews: ReviewCache;
  /** Views, exports and signatures are audited when given (docs/privacy.md D2). */
  audit?: { record(entry: AuditInput): Promise<void> };
}

/**
 * The post-session review (docs/review.md): figures, exports, sign and lock, and the group's
 * sessions side by side. What each caller may read is `recordAccess` (../../access/record.ts): a
 * session's facilitators all of it, its group's reviewers an ended session without private notes;
 * to anyone else the session does not exist (404, the same body as for a wrong id).
 */
export function reviewRoutes({ store, clock, config, audit, reviews }: ReviewDeps): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');

  /** The session, its figures and its log, and what of them this caller may have. */
  const load = async (sessionId: string, userId: string, view: RecordView) => {
    if (!(await store.sessions.get(sessionId))) reviews.forget(sessionId); // purged: nothing of it stays in memory
    const { row, role, grant } = await recordFor(store, sessionId, userId, view);
    return { row, role, grant, ...(await reviews.figures(row)) };
  };
  const audited = async (userId: string, action: AuditInput['action'], sessionId: string, detail: AuditInput['detail'] = {}) =>
    audit?.record({ actorId: userId, action, subjectType: 'session', subjectId: sessionId, detail });

  on(contract.getReview, async ({ params }, req, res) => {
    const me = currentUser(req);
    const { row, role, grant, review, ratings } = await load(params.sessionId, me.id, 'review');
    await audited(me.id, 'review.view', row.id);
    // A reviewer's read takes the session off their list of what is new to read (R28, D31).
    if (role === 'reviewer') await store.reviews.markRead(row.id, me.id, clock.now());
    noStore(res);
    const { timeZone, locale } = await clinicPlace(store, config);
    return {
      // Private notes are the session's facilitators' alone, on the server, not only on the page.
      review: grant.privateNotes ? review : forRecord(review),
      timeZone,
      locale,
      record: await recordOf(store, row),
      myRole: role,
      notice: grant.notice,
      billingCode: (await store.groups.get(row.groupId))?.billingCode ?? null,
      ratings,
    };
  });

  /** Every export, as `recordAccess` allows it (the lead alone for a Part 2 group); audited. */
  const exporting = (
    r: typeof contract.exportJson | typeof contract.exportCsv | typeof contract.exportMembersCsv | typeof contract.exportRatingsCsv,
    send: (res: Response, ctx: Awaited<ReturnType<typeof load>> & { notice: string | null; place: ClinicPlace }) => void | Promise<void>,
  ) =>
    on(r, async ({ params }, req, res) => {
      const format = r.path.slice(r.path.lastIndexOf('/') + 1);
      const me = currentUser(req);
      const ctx = await load(params.sessionId, me.id, 'export');
      await audited(me.id, 'review.export', ctx.row.id, { format });
      await send(noStore(res), { ...ctx, notice: ctx.grant.notice, place: await clinicPlace(store, config) });
    });

  exporting(contract.exportJson, async (res, { row, log, review, ratings, notice, place: { timeZone } }) => {
    const body = exportJson({ review, log, record: await recordOf(store, row), timeZone, exportedAt: clock.now(), notice, ratings });
    attachment(res, fileName(row, review, timeZone, 'json'), 'application/json', JSON.stringify(body));
  });
  exporting(contract.exportCsv, (res, { row, review, notice, place: { timeZone } }) => {
    attachment(res, fileName(row, review, timeZone, 'csv'), 'text/csv', withNotice(logCsv(review, timeZone), notice));
  });
  exporting(contract.exportMembersCsv, (res, { row, review, notice, place }) => {
    const csv = membersCsv(review, place.timeZone, clinicTime(place).clock);
    attachment(res, fileName(row, review, place.timeZone, 'members.csv'), 'text/csv', withNotice(csv, notice));
  });
  exporting(contract.exportRatingsCsv, (res, { row, review, ratings, notice, place: { timeZone } }) => {
    const csv = ratingsCsv(ratings, timeZone);
    attachment(res, fileName(row, review, timeZone, 'ratings.csv'), 'text/csv', withNotice(csv, notice));
  });

  on(contract.signReview, async ({ params }, req, res) => {
    const me = currentUser(req);
    const row = await sessionFor(store, params.sessionId, me.id, FACILITATORS);
    if (row.status !== 'ended') throw new HttpError('WRONG_STATE', 'A review is signed once the session has ended.');
    const log = await store.sessions.log(row.id);
    const now = clock.now();
    const role = facilitatorRole(row, me.id) === 'lead' ? 'lead' : 'co';
    const signed = await store.reviews.sign(
      { sessionId: row.id, userId: me.id, role, signedAt: now },
      { sessionId: row.id, lockedAt: now, logVersion: log.at(-1)?.version ?? 0, logDigest: digestOf(log) },
    );
    if (!signed) throw new HttpError('NOT_ALLOWED', 'You have already signed this review.');
    await audited(me.id, 'session.sign', row.id, { role });
    noStore(res);
    return { record: await recordOf(store, row) };
  });

  on(contract.addAddendum, async ({ params, body: { text } }, req, res) => {
    const me = currentUser(req);
    const row = await sessionFor(store, params.sessionId, me.id, FACILITATORS);
    if (!(await store.reviews.lock(row.id))) {
      throw new HttpError('NOT_ALLOWED', 'Addenda follow a signature: until the review is signed, there is nothing locked to add to.');
    }
    await store.reviews.addAddendum({ id: randomUUID(), sessionId: row.id, authorId: me.id, at: clock.now(), text });
    noStore(res);
    return { record: await recordOf(store, row) };
  });

  on(contract.getGroupReview, async ({ params }, req, res) => {
    const me = currentUser(req);
    const group = await groupFor(store, params.groupId, me.id, READERS);
    const now = clock.now();
    // The sessions this account may read the review of, by the same rule as one session's review:
    // those it facilitated (a group's co may not have run every one), or as a reviewer the ended ones.
    const readable = async (row: SessionRow) => row.startedAt !== null && !refused(await reachRecord(store, row, me.id, 'review'));
    const rows = await store.sessions.listForGroup(group.id);
    const kept = await Promise.all(rows.map(readable));
    const shown = rows.filter((_row, i) => kept[i]);
    const reviews = await Promise.all(
      shown.map(async (row) => reviewOf(row, await loadNames(store, row), await store.sessions.log(row.id), now)),
    );
    const roster = (await store.groups.members(group.id)).map(({ id, name, seat }) => ({ id, name, seat }));
    noStore(res);
    return {
      groupId: group.id,
      groupName: group.name,
      timeZone: (await clinicPlace(store, config)).timeZone,
      across: acrossSessions(reviews, roster),
      notice: part2Notice(group),
    };
  });

  return router;
}

/** SHA-256 of the log as stored: what a signature vouches for. */
function digestOf(log: readonly LogEntry[]): string {
  const canonical = JSON.stringify(log.map((e) => [e.version, e.at, e.actorId, e.commandId, e.event]));
  return createHash('sha256').update(canonical).digest('hex');
}

/** Signatures, lock and addenda; a locked log is read afresh (never from a cache) to check it. */
async function recordOf(store: Store, row: SessionRow): Promise<ReviewRecord> {
  const [names, lock, signatures, addenda] = await Promise.all([
    loadNames(store, row),
    store.reviews.lock(row.id),
    store.reviews.signatures(row.id),
    store.reviews.addenda(row.id),
  ]);
  const log = lock ? await store.sessions.log(row.id) : [];
  const nameOf = await authorNames(store, names, [...signatures.map((s) => s.userId), ...addenda.map((a) => a.authorId)]);
  return {
    lock: lock && { lockedAt: lock.lockedAt, logVersion: lock.logVersion, logDigest: lock.logDigest },
    intact: lock
      ? digestOf(log.filter((e) => e.version <= lock.logVersion)) === lock.logDigest && (log.at(-1)?.version ?? 0) === lock.logVersion
      : null,
    signatures: signatures.map((s) => ({ userId: s.userId, name: nameOf(s.userId), role: s.role, signedAt: s.signedAt })),
    addenda: addenda.map((a) => ({ id: a.id, authorId: a.authorId, authorName: nameOf(a.authorId), at: a.at, text: a.text })),
  };
}

/** A Part 2 notice goes first in a CSV, on a line of its own above the header. */
function withNotice(csv: string, notice: string | null): string {
  if (!notice) return csv;
  return csv.replace(/^\uFEFF/, `\uFEFF"${notice.replace(/"/g, '""')}"\r\n`);
}

/** File names carry a date and a short id, never a group's or a member's name. */
function fileName(row: SessionRow, review: Review, timeZone: string, ext: string): string {
  const date = zonedDate(review.session.startedAt ?? row.createdAt, timeZone);
  return `holdspace-session-${date}-${row.id.slice(0, 8)}.${ext}`;
}

/**
 * Sends a file to save. Written with `end`, not `send`: a no-store download has no use for the
 * ETag `send` would hash a megabyte for.
 */
function attachment(res: Response, name: string, type: string, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.type(`${type}; charset=utf-8`).attachment(name).set('Content-Length', String(body.length)).end(body);
}

function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}
