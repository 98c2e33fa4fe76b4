import { Router, type Request } from 'express';
import type { z } from 'zod';
import { contract } from '../../../shared/rest/contract.js';
import { toCsv } from '../../../shared/review/csv.js';
import { isAuditDay, type auditRangeSchema } from '../../../shared/schemas/privacy.js';
import { instant, type Instant } from '../../../shared/time.js';
import type { Clock } from '../../clock.js';
import { AUDIT_READ_LIMIT, type Audit } from '../../privacy/audit.js';
import type { AuditEntry, Store } from '../../store/types.js';
import { adminRefusal } from '../../access/policy.js';
import { refuse } from '../reach.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * `from` and `to` are dates (UTC, `to` inclusive) or ISO instants (`to` exclusive). Without them:
 * the last 30 days. One function, so the audit reads and the CSV agree on what a range means.
 */
function auditRange(query: z.output<typeof auditRangeSchema>, now: Instant): { from: Instant; to: Instant } {
  const at = (value: string, endOfDay: boolean) =>
    isAuditDay(value) ? Date.parse(`${value}T00:00:00Z`) + (endOfDay ? DAY_MS : 0) : Date.parse(value);
  const to = query.to ? at(query.to, true) : now + 1;
  const from = query.from ? at(query.from, false) : to - 30 * DAY_MS;
  if (from >= to) throw new HttpError('BAD_REQUEST', '"from" must come before "to".');
  return { from: instant(from), to: instant(to) };
}

/** Admin-only reads of the audit log (docs/privacy.md D5): JSON, and CSV for a compliance officer. */
export function auditRoutes(store: Store, audit: Audit, clock: Clock): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  const read = async (req: Request, query: z.output<typeof auditRangeSchema>) => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'audit'));
    const range = auditRange(query, clock.now());
    const listed = await audit.list(range.from, range.to);
    // The name stored with the entry; only entries older than that column fall back to today's
    // name, each such account looked up once.
    const unnamed = [...new Set(listed.filter((e) => e.actorName === null).map((e) => e.actorId))];
    const users = await Promise.all(unnamed.map((id) => store.users.get(id)));
    const names = new Map(unnamed.map((id, i) => [id, users[i]?.name ?? null]));
    const entries = listed.map((e: AuditEntry) => ({ ...e, at: iso(e.at), actorName: e.actorName ?? names.get(e.actorId) ?? null }));
    return { me, range, entries, truncated: entries.length === AUDIT_READ_LIMIT };
  };

  on(contract.getAudit, async ({ query }, req, res) => {
    const { range, entries, truncated } = await read(req, query);
    res.setHeader('Cache-Control', 'no-store');
    return { from: iso(range.from), to: iso(range.to), entries, truncated };
  });

  on(contract.auditCsv, async ({ query }, req, res) => {
    const { me, range, entries } = await read(req, query);
    const from = iso(range.from);
    const to = iso(range.to);
    await audit.record({
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
