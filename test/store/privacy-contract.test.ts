import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditWrite, PurgeCount } from '../../server/store/types.js';
import { instant } from '../../shared/time.js';
import { planSession, RECORD_ENGINES, runSession, type RecordEngine } from './record-engines.js';

/**
 * One contract, two stores: the retention purge and member erasure (docs/privacy.md D8–D11, D33)
 * over SQLite and PostgreSQL, on real databases; each case on a fresh one, as a purge reaches
 * every group. Each deletion lands with its audit entry or not at all (D4): the audit insert is
 * made to fail by moving the audit table aside, and nothing of the deletion may remain.
 */
const DAY = 86_400_000;
const DAY0 = 1_765_000_000_000;
const CUTOFF = instant(DAY0 + 5 * DAY);
const NOW = instant(DAY0 + 20 * DAY);
const LEAD = 'lead-1';
/** A table a later feature adds, hanging off sessions: the purge must find it without being told. */
const NOTES = 'CREATE TABLE purge_contract_notes (session_id text NOT NULL REFERENCES sessions (id), note text NOT NULL)';
/** Member voice's table (docs/ratings.md) as SQLite has it; PostgreSQL gets it with a later step, until then this stand-in. */
const RATINGS = `CREATE TABLE IF NOT EXISTS ratings (session_id text NOT NULL REFERENCES sessions (id), member_id text NOT NULL,
  scores text NOT NULL, comment text NOT NULL, submitted_at bigint NOT NULL, submissions integer NOT NULL, via text NOT NULL,
  PRIMARY KEY (session_id, member_id))`;

const purgeAudit = (count: PurgeCount): AuditWrite => ({
  at: NOW,
  actorId: 'system',
  action: 'purge.run',
  subjectType: 'database',
  subjectId: null,
  detail: { sessionIds: [...count.sessionIds].sort(), logEntries: count.logEntries },
  address: null,
});
const eraseAudit = (memberId: string): AuditWrite => ({
  at: NOW,
  actorId: LEAD,
  action: 'member.erase',
  subjectType: 'member',
  subjectId: memberId,
  detail: {},
  address: '127.0.0.1',
});
const sorted = (ids: string[]) => [...ids].sort();

describe.each(RECORD_ENGINES)('the $name privacy store', ({ open }) => {
  let engine: RecordEngine;
  beforeEach(async () => {
    engine = await open();
  }, 120_000);
  afterEach(() => engine?.close());

  /** Runs `work`, which must fail, while the audit table is away: no entry can be written. */
  const withoutAudit = async (work: () => Promise<unknown>) => {
    await engine.rows('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      await expect(work()).rejects.toThrow(/audit_log/);
    } finally {
      await engine.rows('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
  };
  const audited = (action: string) =>
    engine.audit.list(instant(0), instant(NOW + 1), 100).then((all) => all.filter((e) => e.action === action));
  const member = async (memberId: string) => {
    const [row] = await engine.groups.membersById([memberId]);
    const [{ erasedAt } = { erasedAt: null }] = await engine.rows<{ erasedAt: string | null }>(
      'SELECT CAST(erased_at AS text) AS "erasedAt" FROM group_members WHERE id = $1',
      [memberId],
    );
    return { name: row!.name, seat: row!.seat, erasedAt: erasedAt === null ? null : Number(erasedAt) };
  };
  const logLength = async (sessionId: string) => (await engine.sessions.log(sessionId)).length;
  const notes = async () =>
    (await engine.rows<{ session_id: string }>('SELECT session_id FROM purge_contract_notes')).map((r) => r.session_id);

  /**
   * A group whose roster is now Sam alone, and four sessions: two that ended before the cutoff
   * (the first seats everyone, the second Kit alone), one that ended after it seating Sam and Ana,
   * and one still live. Each has a row in a table a later feature added.
   */
  const scene = async () => {
    const groupId = randomUUID();
    await engine.groups.create(groupId, LEAD, roster(['Sam', 'Ana', 'Kit']), instant(DAY0));
    const id = Object.fromEntries((await engine.groups.members(groupId)).map((m) => [m.name, m.id])) as Record<string, string>;
    const plan = (seats: string[], day: number) => planSession(groupId, LEAD, seats, instant(DAY0 + day * DAY));
    const sessions = {
      old: plan([id.Sam!, id.Ana!, id.Kit!], 0),
      older: plan([id.Kit!], 1),
      recent: plan([id.Sam!, id.Ana!], 10),
      live: plan([id.Sam!], 2),
    };
    const entries = {
      old: await runSession(engine.sessions, sessions.old, DAY0),
      older: await runSession(engine.sessions, sessions.older, DAY0 + DAY),
      recent: await runSession(engine.sessions, sessions.recent, DAY0 + 10 * DAY),
      live: await runSession(engine.sessions, sessions.live, DAY0 + 2 * DAY, false),
    };
    await engine.groups.update(groupId, roster(['Sam'], [id.Sam!]));
    await engine.rows(NOTES);
    for (const row of Object.values(sessions)) await engine.rows('INSERT INTO purge_contract_notes VALUES ($1, $2)', [row.id, 'a note']);
    return { groupId, id, sessions, entries };
  };

  it('[D8] the purge deletes the sessions that ended before the cutoff — log, row, every table that references them — and nothing else', async () => {
    const { groupId, id, sessions, entries } = await scene();
    const count = await engine.privacy.purgeEndedBefore(CUTOFF, NOW, purgeAudit);
    const purged = sorted([sessions.old.id, sessions.older.id]);
    expect({ ...count, sessionIds: sorted(count.sessionIds) }).toEqual({ sessionIds: purged, logEntries: entries.old + entries.older });

    for (const { id: sessionId } of [sessions.old, sessions.older]) {
      expect(await engine.sessions.get(sessionId)).toBeNull();
      expect(await logLength(sessionId)).toBe(0);
    }
    expect(sorted(await notes())).toEqual(sorted([sessions.recent.id, sessions.live.id]));
    expect(await engine.sessions.get(sessions.recent.id)).toMatchObject({ status: 'ended' });
    expect(await engine.sessions.get(sessions.live.id)).toMatchObject({ status: 'live' });
    expect([await logLength(sessions.recent.id), await logLength(sessions.live.id)]).toEqual([entries.recent, entries.live]);
    const marks = await engine.rows<{ session_id: string }>('SELECT session_id FROM session_purges');
    expect(sorted(marks.map((r) => r.session_id))).toEqual(purged);
    expect(await engine.groups.get(groupId)).not.toBeNull();

    // Off the roster and seated by no remaining session: only Kit's name goes.
    expect(await member(id.Sam!)).toEqual({ name: 'Sam', seat: 0, erasedAt: null });
    expect(await member(id.Ana!)).toEqual({ name: 'Ana', seat: null, erasedAt: null });
    expect(await member(id.Kit!)).toEqual({ name: `Erased ${id.Kit!.slice(0, 6)}`, seat: null, erasedAt: NOW });
    expect(await audited('purge.run')).toMatchObject([{ actorId: 'system', detail: { sessionIds: purged, logEntries: count.logEntries } }]);

    // Nothing more is due: the next purge deletes nothing, and is recorded as such.
    expect(await engine.privacy.purgeEndedBefore(CUTOFF, NOW, purgeAudit)).toEqual({ sessionIds: [], logEntries: 0 });
    expect(await audited('purge.run')).toHaveLength(2);
  });

  it('[D8] two nodes purging at once purge each session once, and neither fails', async () => {
    const { sessions, entries } = await scene();
    const other = await engine.otherNode();
    const counts = await Promise.all([
      engine.privacy.purgeEndedBefore(CUTOFF, NOW, purgeAudit),
      other.purgeEndedBefore(CUTOFF, NOW, purgeAudit),
    ]);
    expect(sorted(counts.flatMap((c) => c.sessionIds))).toEqual(sorted([sessions.old.id, sessions.older.id]));
    expect(counts.reduce((sum, c) => sum + c.logEntries, 0)).toBe(entries.old + entries.older);
    expect(await audited('purge.run')).toHaveLength(2);
  });

  it('[D9] a purged session takes no entry again, its marker is permanent, and the log refuses every other edit', async () => {
    const { sessions } = await scene();
    const [first] = await engine.sessions.log(sessions.old.id);
    await engine.privacy.purgeEndedBefore(CUTOFF, NOW, purgeAudit);
    await expect(engine.sessions.commit({ entry: first!, saved: null })).rejects.toThrow(/this session was purged/);
    expect(await logLength(sessions.old.id)).toBe(0);

    await expect(engine.rows('DELETE FROM session_purges')).rejects.toThrow(/purge markers are permanent/);
    await expect(engine.rows('UPDATE session_purges SET purged_at = 0')).rejects.toThrow(/purge markers are permanent/);
    await expect(engine.rows('INSERT INTO session_purges VALUES ($1, $2)', [sessions.live.id, NOW])).rejects.toThrow(
      /only an ended session can be purged/,
    );
    await expect(engine.rows('DELETE FROM session_log WHERE session_id = $1', [sessions.recent.id])).rejects.toThrow(/append-only/);
    await expect(engine.rows("UPDATE session_log SET event = '{}' WHERE session_id = $1", [sessions.live.id])).rejects.toThrow(
      /append-only/,
    );
    expect([await logLength(sessions.recent.id), await logLength(sessions.live.id)]).toEqual([4, 2]);
  });

  it('[D4] a purge whose audit entry cannot be written deletes nothing', async () => {
    const { id, sessions, entries } = await scene();
    await withoutAudit(() => engine.privacy.purgeEndedBefore(CUTOFF, NOW, purgeAudit));
    for (const [name, row] of Object.entries(sessions)) {
      expect(await engine.sessions.get(row.id)).not.toBeNull();
      expect(await logLength(row.id)).toBe(entries[name as keyof typeof entries]);
    }
    expect(await notes()).toHaveLength(4);
    expect(await engine.rows('SELECT session_id FROM session_purges')).toEqual([]);
    expect(await member(id.Kit!)).toEqual({ name: 'Kit', seat: null, erasedAt: null });
    expect(await audited('purge.run')).toEqual([]);
    // With its audit back, the same purge goes through.
    expect((await engine.privacy.purgeEndedBefore(CUTOFF, NOW, purgeAudit)).sessionIds).toHaveLength(2);
  });

  it('[D11] erasure tombstones the member and takes them off the roster, once, and only in their group', async () => {
    const { groupId, id, sessions } = await scene();
    expect(await engine.privacy.eraseMember(randomUUID(), id.Ana!, NOW, eraseAudit(id.Ana!))).toBe(false);
    expect(await engine.privacy.eraseMember(groupId, id.Ana!, NOW, eraseAudit(id.Ana!))).toBe(true);
    expect(await engine.privacy.eraseMember(groupId, id.Ana!, NOW, eraseAudit(id.Ana!))).toBe(false);
    expect(await engine.privacy.eraseMember(groupId, randomUUID(), NOW, eraseAudit(id.Ana!))).toBe(false);
    expect(await member(id.Ana!)).toEqual({ name: `Erased ${id.Ana!.slice(0, 6)}`, seat: null, erasedAt: NOW });
    // Sam is on the roster: erasing takes them off it.
    expect(await engine.privacy.eraseMember(groupId, id.Sam!, NOW, eraseAudit(id.Sam!))).toBe(true);
    expect(await engine.groups.members(groupId)).toEqual([]);
    // The sessions still seat the same rows: they read the tombstones.
    expect((await engine.sessions.get(sessions.recent.id))?.seats).toEqual([id.Sam, id.Ana]);
    expect(await audited('member.erase')).toMatchObject([
      { actorId: LEAD, subjectType: 'member', subjectId: id.Ana, address: '127.0.0.1' },
      { actorId: LEAD, subjectType: 'member', subjectId: id.Sam },
    ]);
  });

  it("[D33] erasure deletes the member's ratings, and no one else's", async () => {
    const { groupId, id, sessions } = await scene();
    await engine.rows(RATINGS);
    const rate = (sessionId: string, memberId: string) =>
      engine.rows("INSERT INTO ratings VALUES ($1, $2, '{}', 'a comment', $3, 1, 'phone')", [sessionId, memberId, NOW]);
    await rate(sessions.recent.id, id.Ana!);
    await rate(sessions.old.id, id.Ana!);
    await rate(sessions.recent.id, id.Sam!);
    await engine.privacy.eraseMember(groupId, id.Ana!, NOW, eraseAudit(id.Ana!));
    expect(await engine.rows('SELECT member_id FROM ratings')).toEqual([{ member_id: id.Sam }]);
  });

  it('[D4] an erasure whose audit entry cannot be written changes nothing: the name, the seat and the ratings stay', async () => {
    const { groupId, id, sessions } = await scene();
    await engine.rows(RATINGS);
    await engine.rows("INSERT INTO ratings VALUES ($1, $2, '{}', '', $3, 1, 'screen')", [sessions.recent.id, id.Sam!, NOW]);
    await withoutAudit(() => engine.privacy.eraseMember(groupId, id.Sam!, NOW, eraseAudit(id.Sam!)));
    expect(await member(id.Sam!)).toEqual({ name: 'Sam', seat: 0, erasedAt: null });
    expect(await engine.rows('SELECT member_id FROM ratings')).toEqual([{ member_id: id.Sam }]);
    expect(await audited('member.erase')).toEqual([]);
  });

  it('[D11] an erased member stays erased: the database refuses to rename or re-seat the row, and a purge leaves it be', async () => {
    const { groupId, id } = await scene();
    const ERASED_AT = instant(NOW - DAY);
    await engine.privacy.eraseMember(groupId, id.Ana!, ERASED_AT, eraseAudit(id.Ana!));
    const erased = await member(id.Ana!);
    await expect(engine.rows("UPDATE group_members SET name = 'Ana' WHERE id = $1", [id.Ana!])).rejects.toThrow(
      /an erased member stays erased/,
    );
    await expect(engine.rows('UPDATE group_members SET seat = 5 WHERE id = $1', [id.Ana!])).rejects.toThrow(/stays erased/);
    await expect(engine.rows('UPDATE group_members SET erased_at = NULL WHERE id = $1', [id.Ana!])).rejects.toThrow(/stays erased/);
    // Unseating everyone, as a roster save does, still goes through.
    await engine.rows('UPDATE group_members SET seat = NULL WHERE group_id = $1', [groupId]);
    await engine.privacy.purgeEndedBefore(CUTOFF, NOW, purgeAudit);
    expect(await member(id.Ana!)).toEqual(erased);
    expect(erased.erasedAt).toBe(ERASED_AT);
  });
});

/** A roster write by name; `ids` keep existing members, in order. */
function roster(names: string[], ids: string[] = []) {
  return {
    name: 'Thursday group',
    focus: null,
    billingCode: '90853',
    agreements: '',
    coFacilitatorId: null,
    members: names.map((name, i) => ({ id: ids[i], name })),
  };
}
