import { createHash, randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { acrossSessions } from '../../../shared/review/across.js';
import { exportJson, forRecord, logCsv, membersCsv } from '../../../shared/review/exports.js';
import { computeReview } from '../../../shared/review/figures.js';
import type { ReviewRecord } from '../../../shared/review/record.js';
import { contract } from '../../../shared/rest/contract.js';
import type { Review } from '../../../shared/review/types.js';
import { zonedDate } from '../../../shared/review/zone.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { loadNames, type SessionNames } from '../../live/names.js';
import type { AuditInput } from '../../privacy/audit.js';
import { part2Notice } from '../../privacy/part2.js';
import type { LogEntry, SessionRow, Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';
import { FACILITATORS, READERS, sessionRole } from '../../access/policy.js';
import { groupFor, recordFor, sessionFor } from '../reach.js';
import { reachRecord, refused } from '../../access/reach.js';
import type { RecordView } from '../../access/record.js';

export interface ReviewDeps {
  store: Store;
  clock: Clock;
  config: Pick<Config, 'clinicTimeZone'>;
  /** Views, exports and signatures are audited when given (docs/privacy.md D2). */
  audit?: { record(entry: AuditInput): void };
}

/**
 * The post-session review (docs/review.md): figures, exports, sign and lock, and the group's
 * sessions side by side. What each caller may read is `recordAccess` (../../access/record.ts): a
 * session's facilitators all of it, its group's reviewers an ended session without private notes;
 * to anyone else the session does not exist (404, the same body as for a wrong id).
 */
export function reviewRoutes({ store, clock, config, audit }: ReviewDeps): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  const timeZone = config.clinicTimeZone;

  const ended = new EndedReviews(4);

  /** The session, its figures and its log, and what of them this caller may have. */
  const load = (sessionId: string, userId: string, view: RecordView) => {
    if (!store.sessions.get(sessionId)) ended.forget(sessionId); // purged: nothing of it stays in memory
    const { row, role, grant } = recordFor(store, sessionId, userId, view);
    const names = loadNames(store, row);
    const key = `${row.version}\n${JSON.stringify(names)}`;
    const cached = row.status === 'ended' ? ended.get(row.id, key) : undefined;
    if (cached) return { row, role, grant, ...cached };
    const log = store.sessions.log(row.id);
    const review = reviewOf(row, names, log, clock.now());
    if (row.status === 'ended') ended.set(row.id, key, { log, review });
    return { row, role, grant, log, review };
  };
  const audited = (userId: string, action: AuditInput['action'], sessionId: string, detail: AuditInput['detail'] = {}) =>
    audit?.record({ actorId: userId, action, subjectType: 'session', subjectId: sessionId, detail });

  on(contract.getReview, ({ params }, req, res) => {
    const me = currentUser(req);
    const { row, role, grant, review } = load(params.sessionId, me.id, 'review');
    audited(me.id, 'review.view', row.id);
    // A reviewer's read takes the session off their list of what is new to read (R28, D31).
    if (role === 'reviewer') store.reviews.markRead(row.id, me.id, clock.now());
    noStore(res);
    return {
      // Private notes are the session's facilitators' alone, on the server, not only on the page.
      review: grant.privateNotes ? review : forRecord(review),
      timeZone,
      record: recordOf(store, row),
      myRole: role,
      notice: grant.notice,
      billingCode: store.groups.get(row.groupId)?.billingCode ?? null,
    };
  });

  /** Every export, as `recordAccess` allows it (the lead alone for a Part 2 group); audited. */
  const exporting = (
    r: typeof contract.exportJson | typeof contract.exportCsv | typeof contract.exportMembersCsv,
    send: (res: Response, ctx: ReturnType<typeof load> & { notice: string | null }) => void,
  ) =>
    on(r, ({ params }, req, res) => {
      const format = r.path.slice(r.path.lastIndexOf('/') + 1);
      const me = currentUser(req);
      const ctx = load(params.sessionId, me.id, 'export');
      audited(me.id, 'review.export', ctx.row.id, { format });
      send(noStore(res), { ...ctx, notice: ctx.grant.notice });
    });

  exporting(contract.exportJson, (res, { row, log, review, notice }) => {
    const body = exportJson({ review, log, record: recordOf(store, row), timeZone, exportedAt: clock.now(), notice });
    attachment(res, fileName(row, review, timeZone, 'json'), 'application/json', JSON.stringify(body));
  });
  exporting(contract.exportCsv, (res, { row, review, notice }) => {
    attachment(res, fileName(row, review, timeZone, 'csv'), 'text/csv', withNotice(logCsv(review, timeZone), notice));
  });
  exporting(contract.exportMembersCsv, (res, { row, review, notice }) => {
    attachment(res, fileName(row, review, timeZone, 'members.csv'), 'text/csv', withNotice(membersCsv(review, timeZone), notice));
  });

  on(contract.signReview, ({ params }, req, res) => {
    const me = currentUser(req);
    const row = sessionFor(store, params.sessionId, me.id, FACILITATORS);
    if (row.status !== 'ended') throw new HttpError('WRONG_STATE', 'A review is signed once the session has ended.');
    const log = store.sessions.log(row.id);
    const now = clock.now();
    const role = sessionRole(store, row, me.id) === 'lead' ? 'lead' : 'co';
    const signed = store.reviews.sign(
      { sessionId: row.id, userId: me.id, role, signedAt: now },
      { sessionId: row.id, lockedAt: now, logVersion: log.at(-1)?.version ?? 0, logDigest: digestOf(log) },
    );
    if (!signed) throw new HttpError('NOT_ALLOWED', 'You have already signed this review.');
    audited(me.id, 'session.sign', row.id, { role });
    noStore(res);
    return { record: recordOf(store, row) };
  });

  on(contract.addAddendum, ({ params, body: { text } }, req, res) => {
    const me = currentUser(req);
    const row = sessionFor(store, params.sessionId, me.id, FACILITATORS);
    if (!store.reviews.lock(row.id)) {
      throw new HttpError('NOT_ALLOWED', 'Addenda follow a signature: until the review is signed, there is nothing locked to add to.');
    }
    store.reviews.addAddendum({ id: randomUUID(), sessionId: row.id, authorId: me.id, at: clock.now(), text });
    noStore(res);
    return { record: recordOf(store, row) };
  });

  on(contract.getGroupReview, ({ params }, req, res) => {
    const me = currentUser(req);
    const group = groupFor(store, params.groupId, me.id, READERS);
    const now = clock.now();
    // The sessions this account may read the review of, by the same rule as one session's review:
    // those it facilitated (a group's co may not have run every one), or as a reviewer the ended ones.
    const readable = (row: SessionRow) => !refused(reachRecord(store, row, me.id, 'review'));
    const reviews = store.sessions
      .listForGroup(group.id)
      .filter((row) => row.startedAt !== null && readable(row))
      .map((row) => reviewOf(row, loadNames(store, row), store.sessions.log(row.id), now));
    const roster = store.groups.members(group.id).map(({ id, name, seat }) => ({ id, name, seat }));
    noStore(res);
    return {
      groupId: group.id,
      groupName: group.name,
      timeZone,
      across: acrossSessions(reviews, roster),
      notice: part2Notice(group),
    };
  });

  return router;
}

export function reviewOf(row: SessionRow, names: SessionNames, log: readonly LogEntry[], now: number): Review {
  return computeReview({
    sessionId: row.id,
    groupId: row.groupId,
    groupName: names.groupName,
    plan: row.plan,
    seats: row.seats,
    members: names.members,
    facilitators: names.facilitators,
    log,
    asOf: now as Review['session']['asOf'],
  });
}

/**
 * The figures of the last few ended sessions read. An ended session's log never changes, so its
 * review is fixed by its version and its names (a rename or an erasure changes the key): the
 * review page, then its downloads, compute it once. Callers only read what they get.
 */
class EndedReviews {
  private readonly entries = new Map<string, { key: string; value: { log: LogEntry[]; review: Review } }>();

  constructor(private readonly size: number) {}

  get(sessionId: string, key: string): { log: LogEntry[]; review: Review } | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry || entry.key !== key) return undefined;
    this.entries.delete(sessionId); // most recently used last
    this.entries.set(sessionId, entry);
    return entry.value;
  }

  set(sessionId: string, key: string, value: { log: LogEntry[]; review: Review }): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { key, value });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }
}

/** SHA-256 of the log as stored: what a signature vouches for. */
function digestOf(log: readonly LogEntry[]): string {
  const canonical = JSON.stringify(log.map((e) => [e.version, e.at, e.actorId, e.commandId, e.event]));
  return createHash('sha256').update(canonical).digest('hex');
}

/** Signatures, lock and addenda; a locked log is read afresh (never from a cache) to check it. */
function recordOf(store: Store, row: SessionRow): ReviewRecord {
  const names = loadNames(store, row);
  const nameOf = (id: string) => names.facilitators.find((f) => f.id === id)?.name ?? store.users.get(id)?.name ?? 'A facilitator';
  const lock = store.reviews.lock(row.id);
  const log = lock ? store.sessions.log(row.id) : [];
  return {
    lock: lock && { lockedAt: lock.lockedAt, logVersion: lock.logVersion, logDigest: lock.logDigest },
    intact: lock
      ? digestOf(log.filter((e) => e.version <= lock.logVersion)) === lock.logDigest && (log.at(-1)?.version ?? 0) === lock.logVersion
      : null,
    signatures: store.reviews
      .signatures(row.id)
      .map((s) => ({ userId: s.userId, name: nameOf(s.userId), role: s.role, signedAt: s.signedAt })),
    addenda: store.reviews
      .addenda(row.id)
      .map((a) => ({ id: a.id, authorId: a.authorId, authorName: nameOf(a.authorId), at: a.at, text: a.text })),
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
