import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupWrite } from '../../server/store/types.js';
import { DEFAULT_RATING_ITEMS } from '../../shared/schemas/rating-scale.js';
import { DEFAULT_TREND_SETTINGS } from '../../shared/schemas/trends.js';
import { instant } from '../../shared/time.js';
import { planSession, RECORD_ENGINES, runSession, type RecordEngine } from './record-engines.js';

/**
 * One contract, two stores: groups, their rosters and the session records REST and the review
 * read, over SQLite (what Holdspace runs on) and PostgreSQL (the scale-out,
 * docs/decisions/013-scale-out.md). Each case runs against both, on real databases.
 */
const AT = instant(1_765_000_000_000);
const write = (members: GroupWrite['members'], more: Partial<GroupWrite> = {}): GroupWrite => ({
  name: 'Thursday group',
  focus: null,
  billingCode: '90853',
  agreements: '',
  coFacilitatorId: null,
  members,
  ...more,
});
const names = (members: { name: string }[]) => members.map((m) => m.name);

describe.each(RECORD_ENGINES)('the $name group and session stores', ({ open }) => {
  let engine: RecordEngine;
  beforeAll(async () => {
    engine = await open();
  }, 120_000);
  afterAll(() => engine?.close());

  /** A new group led by a new user, with its roster by name. */
  const newGroup = async (members: string[], more: Partial<GroupWrite> = {}) => {
    const leadId = randomUUID();
    const group = await engine.groups.create(
      randomUUID(),
      leadId,
      write(
        members.map((name) => ({ name })),
        more,
      ),
      AT,
    );
    const roster = await engine.groups.members(group.id);
    return { group, leadId, id: Object.fromEntries(roster.map((m) => [m.name, m.id])) };
  };

  it('a new group takes the defaults of what it omits, and its roster in seat order', async () => {
    const { group, leadId } = await newGroup(['Sam', 'Ana', 'Kit'], { focus: 'Anxiety', agreements: 'One voice at a time' });
    expect(group).toEqual({
      id: group.id,
      name: 'Thursday group',
      focus: 'Anxiety',
      billingCode: '90853',
      agreements: 'One voice at a time',
      leadId,
      coFacilitatorId: null,
      createdAt: AT,
      substanceUse: false,
      safetySteps: '',
      trendSettings: DEFAULT_TREND_SETTINGS,
      ratingItems: DEFAULT_RATING_ITEMS,
    });
    expect(await engine.groups.get(group.id)).toEqual(group);
    const roster = await engine.groups.members(group.id);
    expect(roster.map(({ name, seat, groupId }) => ({ name, seat, groupId }))).toEqual(
      ['Sam', 'Ana', 'Kit'].map((name, seat) => ({ name, seat, groupId: group.id })),
    );
    expect(await engine.groups.get(randomUUID())).toBeNull();
  });

  it('what a write gives is kept, and an update leaves what it omits as it was (an old client never clears it)', async () => {
    const trendSettings = { ...DEFAULT_TREND_SETTINGS, window: 12 };
    const ratingItems = [
      { id: 'heard', label: 'I felt heard' },
      { id: 'overall', label: 'Overall' },
    ];
    const given = { substanceUse: true, safetySteps: 'Call the on-call clinician', trendSettings, ratingItems };
    const { group } = await newGroup([], given);
    expect(group).toMatchObject(given);
    const updated = await engine.groups.update(group.id, write([], { name: 'Friday group', focus: 'Grief', billingCode: '90849' }));
    expect(updated).toEqual({ ...group, name: 'Friday group', focus: 'Grief', billingCode: '90849' });
    // False is a value, not an omission.
    expect(await engine.groups.update(group.id, write([], { substanceUse: false, safetySteps: '' }))).toMatchObject({
      substanceUse: false,
      safetySteps: '',
      trendSettings,
    });
  });

  it('a roster save re-seats in the order given; members left out keep their row, and an unknown id is a new member', async () => {
    const { group, id } = await newGroup(['Sam', 'Ana']);
    const other = await newGroup(['Jo']);
    const saved = await engine.groups.update(
      group.id,
      write([{ id: id.Ana, name: 'Ana B' }, { name: 'Kit' }, { id: other.id.Jo, name: 'Jo' }]),
    );
    expect(saved.id).toBe(group.id);
    const roster = await engine.groups.members(group.id);
    expect(roster.map((m) => [m.name, m.seat])).toEqual([
      ['Ana B', 0],
      ['Kit', 1],
      ['Jo', 2],
    ]);
    expect(roster[0]!.id).toBe(id.Ana);
    expect(roster[2]!.id).not.toBe(other.id.Jo);
    // Sam is off the roster but still theirs by id (old sessions name them); the other group's Jo is untouched.
    const byId = await engine.groups.membersById([id.Sam!, other.id.Jo!, id.Ana!]);
    expect(byId.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { id: id.Ana, groupId: group.id, name: 'Ana B', seat: 0 },
      { id: other.id.Jo, groupId: other.group.id, name: 'Jo', seat: 0 },
      { id: id.Sam, groupId: group.id, name: 'Sam', seat: null },
    ]);
    expect(await engine.groups.membersById([])).toEqual([]);
  });

  it('a user lists the groups they lead or co-lead, by name whatever its case', async () => {
    const user = randomUUID();
    const lead = (name: string) => engine.groups.create(randomUUID(), user, write([], { name }), AT);
    const coLead = (name: string) => engine.groups.create(randomUUID(), randomUUID(), write([], { name, coFacilitatorId: user }), AT);
    await lead('beta');
    await coLead('Alpha');
    await lead('Charlie');
    await engine.groups.create(randomUUID(), randomUUID(), write([], { name: 'Aardvark' }), AT);
    expect(names(await engine.groups.listFor(user))).toEqual(['Alpha', 'beta', 'Charlie']);
  });

  it('[D11] a roster that names a member erased meanwhile is refused whole; one without them is saved', async () => {
    const { group, id, leadId } = await newGroup(['Sam', 'Ana']);
    const audit = { at: AT, actorId: leadId, action: 'member.erase', subjectType: 'member', subjectId: id.Ana!, detail: {}, address: null };
    expect(await engine.privacy.eraseMember(group.id, id.Ana!, AT, audit)).toBe(true);
    const stale = write(
      [
        { id: id.Sam, name: 'Sam' },
        { id: id.Ana, name: 'Ana' },
      ],
      { name: 'Renamed' },
    );
    await expect(engine.groups.update(group.id, stale)).rejects.toThrow(/an erased member stays erased/);
    expect((await engine.groups.get(group.id))?.name).toBe('Thursday group');
    expect(names(await engine.groups.members(group.id))).toEqual(['Sam']);
    await engine.groups.update(group.id, write([{ id: id.Sam, name: 'Sam' }, { name: 'Kit' }]));
    expect(names(await engine.groups.members(group.id))).toEqual(['Sam', 'Kit']);
    expect(await engine.groups.membersById([id.Ana!])).toEqual([
      { id: id.Ana, groupId: group.id, name: `Erased ${id.Ana!.slice(0, 6)}`, seat: null },
    ]);
  });

  it("sessions: a group's newest first, a user's as lead or co-facilitator, each with its log's version", async () => {
    const { group, leadId, id } = await newGroup(['Sam', 'Ana']);
    const co = randomUUID();
    const seats = [id.Sam!, id.Ana!];
    const first = planSession(group.id, leadId, seats, instant(AT + 1000), co);
    const second = planSession(group.id, leadId, seats, instant(AT + 2000));
    await engine.sessions.create(first);
    const entries = await runSession(engine.sessions, second, AT + 2000, false);
    expect(await engine.sessions.get(first.id)).toEqual(first);
    expect(await engine.sessions.get(second.id)).toMatchObject({ status: 'live', version: entries, snapshotVersion: entries });
    expect((await engine.sessions.listForGroup(group.id)).map((s) => s.id)).toEqual([second.id, first.id]);
    expect((await engine.sessions.listFor(leadId)).map((s) => s.id)).toEqual([second.id, first.id]);
    expect((await engine.sessions.listFor(co)).map((s) => s.id)).toEqual([first.id]);
    expect(await engine.sessions.get(randomUUID())).toBeNull();
  });

  it('[P14] commit writes the entry, and the snapshot when given; a commit that fails leaves neither', async () => {
    const { group, leadId, id } = await newGroup(['Sam']);
    const row = planSession(group.id, leadId, [id.Sam!], AT);
    const entries = await runSession(engine.sessions, row, AT);
    const log = await engine.sessions.log(row.id);
    expect(log.map((e) => [e.version, e.event.type])).toEqual([
      [1, 'attendance.mark'],
      [2, 'session.start'],
      [3, 'session.end'],
    ]);
    const ended = (await engine.sessions.get(row.id))!;
    expect(ended).toMatchObject({ status: 'ended', version: entries, snapshotVersion: entries, endedAt: AT + 3000 });
    // The same version again: the log refuses it, and the snapshot it came with is not saved.
    const again = { ...log[2]!, commandId: 'again' };
    const saved = { status: 'live' as const, snapshot: '{}', machineVersion: 'x', startedAt: null, endedAt: null };
    await expect(engine.sessions.commit({ entry: again, saved })).rejects.toThrow();
    expect(await engine.sessions.log(row.id)).toEqual(log);
    expect(await engine.sessions.get(row.id)).toEqual(ended);
  });

  it("reassigning a co-facilitator changes only the group's open sessions planned with them", async () => {
    const { group, leadId, id } = await newGroup(['Sam']);
    const elsewhere = await newGroup(['Jo']);
    const [from, to] = [randomUUID(), randomUUID()];
    const open = planSession(group.id, leadId, [id.Sam!], AT, from);
    const ended = planSession(group.id, leadId, [id.Sam!], AT, from);
    const otherCo = planSession(group.id, leadId, [id.Sam!], AT, randomUUID());
    const otherGroup = planSession(elsewhere.group.id, elsewhere.leadId, [elsewhere.id.Jo!], AT, from);
    for (const row of [open, otherCo, otherGroup]) await engine.sessions.create(row);
    await runSession(engine.sessions, ended, AT);
    expect(await engine.sessions.reassignCoFacilitator(group.id, from, to)).toEqual([open.id]);
    const co = async (sessionId: string) => (await engine.sessions.get(sessionId))?.coFacilitatorId;
    expect([await co(open.id), await co(ended.id), await co(otherCo.id), await co(otherGroup.id)]).toEqual([
      to,
      from,
      otherCo.coFacilitatorId,
      from,
    ]);
    expect(await engine.sessions.reassignCoFacilitator(group.id, to, null)).toEqual([open.id]);
    expect(await co(open.id)).toBeNull();
    // The cluster sweep's one read of many: each session that exists, with its co-facilitator now.
    const many = await engine.sessions.coFacilitators([open.id, otherCo.id, 'no-such-session']);
    expect(many).toEqual(
      new Map([
        [open.id, null],
        [otherCo.id, otherCo.coFacilitatorId],
      ]),
    );
    expect(await engine.sessions.coFacilitators([])).toEqual(new Map());
  });

  it('the names around many sessions in one read: group, members by id, lead and co-facilitator', async () => {
    const { group, leadId, id } = await newGroup(['Sam', 'Ana']);
    const other = await newGroup(['Jo']);
    const withCo = planSession(group.id, leadId, [id.Sam!, id.Ana!], AT, randomUUID());
    const withoutCo = planSession(other.group.id, other.leadId, [other.id.Jo!], AT, null);
    for (const row of [withCo, withoutCo]) await engine.sessions.create(row);
    const names = await engine.sessions.names([withCo.id, withoutCo.id, 'no-such-session']);
    expect([...names.keys()].sort()).toEqual([withCo.id, withoutCo.id].sort());
    expect(names.get(withCo.id)).toMatchObject({ groupName: group.name, leadName: null, coName: null }); // no accounts here: the integration suite names real ones
    expect(names.get(withCo.id)!.memberNames).toEqual(
      new Map([
        [id.Sam!, 'Sam'],
        [id.Ana!, 'Ana'],
      ]),
    );
    expect(names.get(withoutCo.id)!.memberNames).toEqual(new Map([[other.id.Jo!, 'Jo']]));
    expect(names.get(withoutCo.id)!.coName).toBeNull();
    expect(await engine.sessions.names([])).toEqual(new Map());
  });
});
