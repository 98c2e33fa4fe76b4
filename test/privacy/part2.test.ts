import { afterEach, describe, expect, it } from 'vitest';
import { recordAccess } from '../../server/access/record.js';
import { PART2_NOTICE, part2Notice } from '../../server/privacy/part2.js';
import { auditEntries, clinic, makeGroup, runSession, type Clinic } from './support.js';

let c: Clinic;
afterEach(() => c?.close());

describe('42 CFR Part 2 groups', () => {
  it('[D13][D14] the helpers: the §2.32 notice for a Part 2 group only; only its lead may export', () => {
    const part2 = { substanceUse: true, leadId: 'lead-1' };
    const plain = { substanceUse: false, leadId: 'lead-1' };
    expect(part2Notice(part2)).toBe(PART2_NOTICE);
    expect(part2Notice(plain)).toBeNull();
    expect(PART2_NOTICE).toMatch(
      /^This record which has been disclosed to you is protected by Federal confidentiality rules \(42 CFR part 2\)\./,
    );
    expect(PART2_NOTICE).toMatch(/is NOT sufficient .* \(see 42 CFR 2\.31\)\.$/);
    const exporting = (role: 'lead' | 'co', group: typeof part2) => recordAccess({ role, group, status: 'ended' }, 'export');
    expect(exporting('lead', part2)).toEqual({ privateNotes: true, notice: PART2_NOTICE });
    expect(exporting('co', part2)).toMatchObject({ code: 'FORBIDDEN' });
    expect(exporting('co', plain)).toEqual({ privateNotes: true, notice: null });
  });

  it('[D12] the mark is set on the group, kept by a save that omits it, and its changes are audited', async () => {
    c = await clinic();
    const { groupId, group } = await makeGroup(c, ['Sam'], { substanceUse: true });
    expect(group.substanceUse).toBe(true);
    const base = { name: 'Thursday group', members: [{ id: group.members[0].id, name: 'Sam' }], coFacilitatorId: c.ids.co };
    expect((await c.lead.put(`/api/groups/${groupId}`, base)).body.group.substanceUse).toBe(true);
    expect((await c.co.get(`/api/groups/${groupId}`)).body.group.substanceUse).toBe(true);
    expect((await c.lead.put(`/api/groups/${groupId}`, { ...base, substanceUse: false })).body.group.substanceUse).toBe(false);
    expect((await c.lead.post('/api/groups', { name: 'Plain', substanceUse: 'yes' })).status).toBe(400);
    const updates = (await auditEntries(c))
      .filter((e) => e.subjectId === groupId)
      .map((e) => [e.action, e.detail.changed, e.detail.substanceUse]);
    expect(updates).toEqual([
      [
        'group.create',
        ['name', 'focus', 'billingCode', 'agreements', 'coFacilitatorId', 'substanceUse', 'safetySteps', 'trendSettings', 'ratingItems'],
        true,
      ],
      ['group.update', [], true],
      ['group.update', ['substanceUse'], false],
    ]);
  });

  it("[D13][D14] a Part 2 group's exports carry the notice and only its lead exports; other groups are unchanged", async () => {
    c = await clinic();
    const part2 = await makeGroup(c, ['Sam'], { substanceUse: true });
    const plain = await makeGroup(c, ['Ana']);
    const guarded = await runSession(c, part2.groupId, part2.member.Sam!, 'a note');
    const open = await runSession(c, plain.groupId, plain.member.Ana!, 'a note');
    const get = (api: typeof c.lead, path: string) => fetch(`${c.server.url}${path}`, { headers: { cookie: api.cookie } });

    for (const format of ['export.csv', 'export.json', 'members.csv']) {
      expect((await get(c.co, `/api/sessions/${guarded}/${format}`)).status).toBe(403);
      const lead = await get(c.lead, `/api/sessions/${guarded}/${format}`);
      expect(lead.status).toBe(200);
      expect(await lead.text()).toContain(format.endsWith('json') ? JSON.stringify(PART2_NOTICE).slice(1, -1) : PART2_NOTICE);
      const other = await get(c.co, `/api/sessions/${open}/${format}`);
      expect(other.status).toBe(200);
      expect(await other.text()).not.toContain('42 CFR part 2');
    }
    const csv = (await (await get(c.lead, `/api/sessions/${guarded}/export.csv`)).text()).replace(/^\uFEFF/, '');
    expect(csv.startsWith(`"${PART2_NOTICE}"\r\n`)).toBe(true);
    expect((await c.co.get(`/api/sessions/${guarded}/review`)).body.notice).toBe(PART2_NOTICE);

    const exports = (await auditEntries(c)).filter((e) => e.action === 'review.export');
    expect(exports.filter((e) => e.subjectId === guarded).every((e) => e.actorId === c.ids.lead)).toBe(true);
    expect(exports.map((e) => e.detail.format)).toContain('members.csv');
  });
});
