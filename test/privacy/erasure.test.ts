import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { inDatabaseFiles } from '../support/database-files.js';
import { createAccount } from '../support/server.js';
import { connectSocket, nextUpdate } from '../support/sockets.js';
import { join, send } from '../support/session-fixture.js';
import { auditEntries, clinic, makeGroup, runSession, type Clinic } from './support.js';

let c: Clinic;
afterEach(() => c?.close());

const names = (members: { name: string }[]) => members.map((m) => m.name);

describe('member erasure', () => {
  it('[D11] replaces the name everywhere by a tombstone — roster, past and live sessions, the file — and is audited', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, ['Sam', 'Rosalindra', 'Kit']);
    const past = await runSession(c, groupId, member.Sam!, 'a note');
    const live = await runSession(c, groupId, member.Sam!, 'another note', false);
    const screen = await connectSocket(c.server, c.co.cookie);
    await join(screen, live);
    expect(inDatabaseFiles(c.server.dataDir, 'Rosalindra')).toBe(true);

    const erased = await c.lead.post(`/api/groups/${groupId}/members/${member.Rosalindra}/erase`, {});
    expect(erased.status).toBe(200);
    const tombstone = `Erased ${member.Rosalindra!.slice(0, 6)}`;
    expect(erased.body.member).toMatchObject({ id: member.Rosalindra, name: tombstone });

    expect(names((await c.lead.get(`/api/groups/${groupId}`)).body.group.members)).toEqual(['Sam', 'Kit']);
    expect(names((await c.co.get(`/api/sessions/${past}`)).body.update.state.members)).toEqual(['Sam', tombstone, 'Kit']);
    const ack = await send(screen, live, { type: 'attendance.mark', memberId: member.Kit!, mark: 'late' });
    expect(ack.ok).toBe(true);
    expect(names((await nextUpdate(screen, ack.ok ? ack.version : 0)).state.members)).toEqual(['Sam', tombstone, 'Kit']);
    screen.disconnect();
    expect(inDatabaseFiles(c.server.dataDir, 'Rosalindra')).toBe(false);

    const entries = await auditEntries(c);
    expect(entries.filter((e) => e.action === 'member.erase')).toMatchObject([
      { actorId: c.ids.lead, subjectType: 'member', subjectId: member.Rosalindra, detail: { groupId } },
    ]);
    expect(JSON.stringify(entries)).not.toContain('Rosalindra');
  });

  it('[D11] only the lead or an admin erases; twice or elsewhere is not found', async () => {
    c = await clinic();
    await createAccount(c.server, { name: 'Out Sider', email: 'out@example.org', password: 'outside the group' });
    const outsider = await signIn(c.server, 'out@example.org', 'outside the group');
    const { groupId, member } = await makeGroup(c, ['Sam', 'Ana']);
    const other = await makeGroup(c, ['Jo']);
    const erase = (api: typeof c.lead, g: string, m: string) => api.post(`/api/groups/${g}/members/${m}/erase`, {});
    expect((await erase(c.co, groupId, member.Sam!)).status).toBe(403);
    expect((await erase(outsider, groupId, member.Sam!)).status).toBe(404);
    expect((await erase(c.lead, other.groupId, member.Sam!)).status).toBe(404);
    expect((await erase(c.admin, groupId, member.Sam!)).status).toBe(200);
    expect((await erase(c.lead, groupId, member.Sam!)).status).toBe(404);
    expect((await erase(c.lead, groupId, member.Ana!)).status).toBe(200);
    expect((await auditEntries(c)).filter((e) => e.action === 'member.erase').map((e) => e.actorId)).toEqual([c.ids.admin, c.ids.lead]);
  });

  it('[D11] a roster saved from a screen opened before the erasure cannot bring the name back', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, ['Sam', 'Ana']);
    const stale = {
      name: 'Thursday group',
      coFacilitatorId: c.ids.co,
      members: [
        { id: member.Sam, name: 'Sam' },
        { id: member.Ana, name: 'Ana' },
      ],
    };
    await c.lead.post(`/api/groups/${groupId}/members/${member.Ana}/erase`, {});
    const refused = await c.lead.put(`/api/groups/${groupId}`, stale);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(names((await c.lead.get(`/api/groups/${groupId}`)).body.group.members)).toEqual(['Sam']);
    const fresh = await c.lead.put(`/api/groups/${groupId}`, { ...stale, members: [{ id: member.Sam, name: 'Sam' }, { name: 'Jo' }] });
    expect(names(fresh.body.group.members)).toEqual(['Sam', 'Jo']);
  });
});
