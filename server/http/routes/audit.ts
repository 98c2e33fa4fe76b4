import { Router, type Request } from 'express';
import { z } from 'zod';
import { toCsv } from '../../../shared/review/csv.js';
import { instant, type Instant } from '../../../shared/time.js';
import type { Clock } from '../../clock.js';
import { AUDIT_READ_LIMIT, type Audit } from '../../privacy/audit.js';
import type { AuditEntry, Store } from '../../store/types.js';
import { adminRefusal } from '../../access/policy.js';
import { refuse } from '../reach.js';
import { HttpError, invalid } from '../errors.js';
import { currentUser } from '../require-user.js';

const DAY_MS = 24 * 60 * 60_000;
const day = z.iso.date();
const moment = z.union([day, z.iso.datetime({ offset: true })]);
const rangeSchema = z.strictObject({ from: moment.optional(), to: moment.optional() });

/**
 * `from` and `to` are dates (UTC, `to` inclusive) or ISO instants (`to` exclusive). Without them:
 * the last 30 days. Exported so the audit reads and the CSV agree on what a range means.
 */
export function auditRange(query: unknown, now: Instant): { from: Instant; to: Instant } {
  const parsed = rangeSchema.safeParse(query);
  if (!parsed.success) throw invalid(parsed.error);
  const at = (value: string, endOfDay: boolean) =>
    day.safeParse(value).success ? Date.parse(`${value}T00:00:00Z`) + (endOfDay ? DAY_MS : 0) : Date.parse(value);
  const to = parsed.data.to ? at(parsed.data.to, true) : now + 1;
  const from = parsed.data.from ? at(parsed.data.from, false) : to - 30 * DAY_MS;
  if (from >= to) throw new HttpError('BAD_REQUEST', '"from" must come before "to".');
  return { from: instant(from), to: instant(to) };
}

/** Admin-only reads of the audit log (docs/privacy.md D5): JSON, and CSV for a compliance officer. */
export function auditRoutes(store: Store, audit: Audit, clock: Clock): Router {
  const router = Router();
  const read = (req: Request) => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'audit'));
    const range = auditRange(req.query, clock.now());
    const names = new Map<string, string | null>();
    const actorName = (id: string) => {
      if (!names.has(id)) names.set(id, store.users.get(id)?.name ?? null);
      return names.get(id)!;
    };
    // The name stored with the entry; only entries older than that column fall back to today's name.
    const entries = audit
      .list(range.from, range.to)
      .map((e: AuditEntry) => ({ ...e, at: iso(e.at), actorName: e.actorName ?? actorName(e.actorId) }));
    return { me, range, entries, truncated: entries.length === AUDIT_READ_LIMIT };
  };

  router.get('/audit', (req, res) => {
    const { range, entries, truncated } = read(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ from: iso(range.from), to: iso(range.to), entries, truncated });
  });

  router.get('/audit.csv', (req, res) => {
    const { me, range, entries } = read(req);
    const from = iso(range.from);
    const to = iso(range.to);
    audit.record({
      actorId: me.id,
      action: 'audit.export',
      subjectType: 'audit',
      subjectId: null,
      detail: { from, to, entries: entries.length },
    });
    // `address` last: columns are only ever added at the end, so older readers of the file keep working.
    const header = ['seq', 'at', 'actorId', 'actorName', 'action', 'subjectType', 'subjectId', 'detail', 'address'];
    const rows = entries.map((e) => [
      e.seq,
      e.at,
      e.actorId,
      e.actorName,
      e.action,
      e.subjectType,
      e.subjectId,
      JSON.stringify(e.detail),
      e.address,
    ]);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="holdspace-audit-${from.slice(0, 10)}-${to.slice(0, 10)}.csv"`);
    res.send(toCsv(header, rows));
  });

  return router;
}

const iso = (ms: number) => new Date(ms).toISOString();
