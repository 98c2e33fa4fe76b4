import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { connectSocket, nextUpdate, type TestSocket } from '../support/sockets.js';
import { join, send } from '../support/session-fixture.js';
import { capturedLogger } from './support.js';

let server: TestServer;
afterEach(() => {
  vi.restoreAllMocks();
  return server?.close();
});

/** Everything a person typed or is called, each distinctive enough that a hit can only be a leak. */
const PERSONAL = {
  members: ['Zephyrine', 'Oksanavey', 'Thibaultine', 'Marisoleta'],
  group: 'Quillfeather Circle',
  focus: 'Vesperwyn grief focus',
  agreements: 'Nothing said in Larkspurhall leaves it',
  skill: 'Glimmerbox breathing',
  note: 'Zephyrine spoke about the Ardenmoor lighthouse',
  privateNote: 'Private: Halcyonvale court date',
  flag: 'Thibaultine mentioned Cinderpass relapse',
  lead: { name: 'Perpetua Lindqvist', email: 'perpetua.lindqvist@example.org', password: 'Ptarmigan9931 lindqvist' },
  co: { name: 'Osric Vandermeer', email: 'osric.vandermeer@example.org', password: 'Gallowglass4417 vandermeer' },
};

describe('[D6] server logs hold ids, never names, notes or flag text', () => {
  it('a whole session with bad input and failed writes leaves no personal string in the logs', async () => {
    const { logger, text } = capturedLogger();
    const consoleOut: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOut.push(args.map(String).join(' ')));
    }
    server = await startTestServer({ logger, config: { logLevel: 'debug' } });
    await createAccount(server, { ...PERSONAL.lead, admin: true });
    const coAccount = await createAccount(server, PERSONAL.co);
    await expect(signIn(server, PERSONAL.lead.email, 'not the password')).rejects.toThrow(/401/);
    const lead = await signIn(server, PERSONAL.lead.email, PERSONAL.lead.password);
    const co = await signIn(server, PERSONAL.co.email, PERSONAL.co.password);

    // REST, including refusals that carry personal strings in what was refused.
    const groupBody = {
      name: PERSONAL.group,
      focus: PERSONAL.focus,
      agreements: PERSONAL.agreements,
      members: PERSONAL.members.map((name) => ({ name })),
      coFacilitatorId: coAccount.id,
    };
    expect((await lead.post('/api/groups', { ...groupBody, members: [{ name: `${PERSONAL.members[0]} ${'x'.repeat(60)}` }] })).status).toBe(
      400,
    );
    expect((await lead.post('/api/groups', { ...groupBody, [PERSONAL.members[1]!]: true })).status).toBe(400);
    const notJson = await fetch(`${server.url}/api/groups`, {
      method: 'POST',
      headers: { cookie: lead.cookie, origin: server.url, 'content-type': 'application/json' },
      body: `{"name": "${PERSONAL.group}", oops`,
    });
    expect(notJson.status).toBe(400);
    const group = (await lead.post('/api/groups', groupBody)).body.group;
    const member = Object.fromEntries(group.members.map((m: { id: string; name: string }) => [m.name, m.id])) as Record<string, string>;
    const session = (await lead.post(`/api/groups/${group.id}/sessions`, { plan: { skill: PERSONAL.skill } })).body.session;

    // A failed REST write: the roster cannot be saved.
    server.db.exec(
      `CREATE TEMP TRIGGER full_disk BEFORE INSERT ON group_members BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    expect(
      (
        await lead.put(`/api/groups/${group.id}`, {
          ...groupBody,
          members: [...group.members.map(({ id, name }: { id: string; name: string }) => ({ id, name })), { name: 'Quintessa' }],
        })
      ).status,
    ).toBe(500);
    server.db.exec('DROP TRIGGER temp.full_disk');

    const leadSocket = await connectSocket(server, lead.cookie);
    const coSocket = await connectSocket(server, co.cookie);
    await join(leadSocket, session.id);
    await join(coSocket, session.id);
    let version = 0;
    const act = async (socket: TestSocket, command: Command, versioned = false) => {
      const ack = await send(socket, session.id, command, versioned ? { expectedVersion: version } : {});
      if (!ack.ok) throw new Error(`${command.type}: ${ack.code}`);
      version = ack.version;
      await nextUpdate(leadSocket, version);
    };
    for (const name of PERSONAL.members) await act(leadSocket, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    await act(leadSocket, { type: 'session.start' });
    await act(leadSocket, { type: 'agreements.reviewed' });
    await act(leadSocket, { type: 'phase.next' }, true);
    await act(coSocket, { type: 'round.start' });
    await act(leadSocket, { type: 'round.pass' }, true);
    await act(coSocket, { type: 'flag.raise', kind: 'risk', memberId: member.Thibaultine!, text: PERSONAL.flag });
    await act(leadSocket, { type: 'note.add', text: PERSONAL.note, memberId: member.Zephyrine!, private: false });

    // Bad input over the socket, with personal text in what is refused.
    const refused = [
      { type: 'note.add', text: `${PERSONAL.note} ${'x'.repeat(2100)}`, memberId: null, private: false },
      { type: 'flag.raise', kind: 'risk', memberId: null, text: `${PERSONAL.flag}\u0007` },
      { type: 'note.add', text: PERSONAL.note, [PERSONAL.members[2]!]: 'extra key' },
      { type: 'attendance.mark', memberId: PERSONAL.members[3], mark: 'present' },
    ];
    for (const command of refused) expect(await send(leadSocket, session.id, command)).toMatchObject({ ok: false });

    // A failed write in the live pipeline: the disk fills just as a private note is saved.
    server.db.exec(`CREATE TEMP TRIGGER full_log BEFORE INSERT ON session_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(
      await send(leadSocket, session.id, { type: 'note.add', text: PERSONAL.privateNote, memberId: null, private: true }),
    ).toMatchObject({
      ok: false,
      code: 'STORAGE_FAILED',
    });
    server.db.exec('DROP TRIGGER temp.full_log');
    await act(leadSocket, { type: 'note.add', text: PERSONAL.privateNote, memberId: null, private: true });
    await act(leadSocket, { type: 'session.end' });

    // After: the review reads, an erasure, the audit export, a purge.
    expect((await lead.get(`/api/sessions/${session.id}`)).status).toBe(200);
    expect((await co.get(`/api/sessions/${session.id}/log`)).status).toBe(200);
    expect((await lead.post(`/api/groups/${group.id}/members/${member.Marisoleta}/erase`, {})).status).toBe(200);
    expect((await fetch(`${server.url}/api/audit.csv?from=2000-01-01`, { headers: { cookie: lead.cookie } })).status).toBe(200);
    expect((await lead.post('/api/admin/purge', {})).status).toBe(200);
    leadSocket.disconnect();
    coSocket.disconnect();

    const logged = text();
    // The logger really was capturing: the failures above were logged, by id.
    expect(logged).toMatch(/"level":50.*commit failed; command refused/);
    expect(logged).toContain(session.id);
    expect(logged).toMatch(/request failed/);
    const output = `${logged}\n${consoleOut.join('\n')}`;
    const strings = [
      ...PERSONAL.members,
      PERSONAL.group,
      PERSONAL.focus,
      PERSONAL.agreements,
      PERSONAL.skill,
      PERSONAL.note,
      PERSONAL.privateNote,
      PERSONAL.flag,
      'Quintessa',
      ...[PERSONAL.lead, PERSONAL.co].flatMap((p) => [p.name, p.email, p.password]),
    ];
    for (const personal of strings) {
      for (const word of personal.split(/\s+/).filter((w) => w.length >= 6))
        expect(output, `"${word}" reached the logs`).not.toContain(word);
    }
  });
});
