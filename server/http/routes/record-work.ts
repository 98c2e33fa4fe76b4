import { Router } from 'express';
import {
  facilitatorWork,
  recordState,
  reviewerWork,
  type RecordFacts,
  type RecordState,
  type WorkItem,
  type WorkReason,
} from '../../../shared/review/record-state.js';
import { contract } from '../../../shared/rest/contract.js';
import type { Clock } from '../../clock.js';
import { FACILITATORS } from '../../access/policy.js';
import { reachRecord, refused } from '../../access/reach.js';
import { loadNames } from '../../live/names.js';
import type { SessionRow, Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { currentUser } from '../require-user.js';
import { reviewOf } from '../review-cache.js';

/** What the store holds of a session's record: its lock and every addendum to it or to its notes. */
export async function recordFacts(store: Store, row: SessionRow): Promise<RecordFacts> {
  const [reviewAddenda, noteAddenda, lock] = await Promise.all([
    store.reviews.addenda(row.id),
    store.progressNotes.addenda(row.id),
    store.reviews.lock(row.id),
  ]);
  const addenda = [...reviewAddenda, ...noteAddenda];
  return { status: row.status, lockedAt: lock?.lockedAt ?? null, addendaAt: addenda.map((a) => a.at) };
}

export const recordStateOf = async (store: Store, row: SessionRow): Promise<RecordState> => recordState(await recordFacts(store, row));

/** How many ended sessions' attendees are kept: member ids only, never names or figures. */
const KEPT_ATTENDEES = 2_000;

/**
 * Members who attended have a note due; it is written once saved at least once (R28). Who
 * attended is the review's own rule over the whole log (about 60 ms for a 90-minute session), and
 * an ended session's log never changes, so it is worked out once per session and version and kept
 * (ids only), oldest dropped first: the home page asks on every visit.
 */
function notesDue(store: Store) {
  const attendees = new Map<string, { version: number; ids: ReadonlySet<string> }>();
  const attendeesOf = async (row: SessionRow, now: number): Promise<ReadonlySet<string>> => {
    const kept = attendees.get(row.id);
    if (kept?.version === row.version) return kept.ids;
    const [names, log] = await Promise.all([loadNames(store, row), store.sessions.log(row.id)]);
    const review = reviewOf(row, names, log, now);
    const ids = new Set(review.attendance.filter((a) => a.attended).map((a) => a.memberId));
    attendees.delete(row.id);
    attendees.set(row.id, { version: row.version, ids });
    if (attendees.size > KEPT_ATTENDEES) attendees.delete(attendees.keys().next().value!);
    return ids;
  };
  return async (row: SessionRow, now: number): Promise<{ written: number; due: number }> => {
    const due = await attendeesOf(row, now);
    const written = (await store.progressNotes.latest(row.id)).filter((n) => due.has(n.memberId)).length;
    return { written, due: due.size };
  };
}

/**
 * `GET /api/me/worklist` (docs/review.md §What needs doing, R28): the ended sessions waiting for
 * the caller. Each session is reached through the access layer (`reachRecord`, the review's own
 * rule): as one of its facilitators, their notes and signature; as a reviewer of its group, a
 * signed record not read since it was signed or amended. Nobody sees another's work.
 */
export function recordWorkRoutes(store: Store, clock: Clock): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  const notesOf = notesDue(store);

  on(contract.getWorklist, async (_input, req) => {
    const me = currentUser(req);
    const items: WorkItem[] = [];
    const add = async (row: SessionRow, facts: RecordFacts, reason: WorkReason, notes: WorkItem['notes']) =>
      items.push({
        sessionId: row.id,
        groupId: row.groupId,
        groupName: (await store.groups.get(row.groupId))?.name ?? '',
        startedAt: row.startedAt === null ? null : new Date(row.startedAt).toISOString(),
        state: recordState(facts),
        reason,
        notes,
      });
    const rows = new Map<string, SessionRow>();
    for (const row of await store.sessions.listFor(me.id)) rows.set(row.id, row);
    for (const groupId of await store.reviewers.groupsOf(me.id)) {
      for (const row of await store.sessions.listForGroup(groupId)) rows.set(row.id, row);
    }

    // One after another: the order items are found in does not matter (they are sorted below),
    // but a long list of sessions is not turned into as many reads at once.
    for (const row of rows.values()) {
      if (row.status !== 'ended') continue;
      const reach = await reachRecord(store, row, me.id, 'review');
      if (refused(reach)) continue;
      const facts = await recordFacts(store, row);
      if (FACILITATORS.includes(reach.role)) {
        if (facts.lockedAt !== null) continue; // signed: nothing left but addenda, which nobody owes
        const notes = await notesOf(row, clock.now());
        const reason = facilitatorWork(facts, notes);
        if (reason) await add(row, facts, reason, notes);
      } else {
        const reason = reviewerWork(facts, await store.reviews.readAt(row.id, me.id));
        if (reason) await add(row, facts, reason, null);
      }
    }
    // Oldest first: what has waited longest comes first.
    items.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
    return { items };
  });

  return router;
}
