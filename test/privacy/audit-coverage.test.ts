import { execFile } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import { clientAddressOf } from '../../server/socket/address.js';
import { cookieOf, enableTwoFactor, raw } from '../security/support.js';
import { signIn } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CO, join } from '../support/session-fixture.js';
import { connectSocket } from '../support/sockets.js';
import { auditEntries, clinic, makeGroup, runSession, type Clinic } from './support.js';
import type { ParsedJson } from '../support/json.js';

/**
 * What the audit log records beyond reviews and groups (docs/privacy.md D2, D20): who, what,
 * when, from which address, and the target — never a name or a note.
 */
const run = promisify(execFile);
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;
const NAMES = ['Quillonetta', 'Brannock'];
const NOTE = 'Quillonetta spoke about the anniversary';

let c: Clinic | undefined;
let bare: TestServer | undefined;
afterEach(async () => {
  await c?.close();
  await bare?.close();
  c = bare = undefined;
});

const only = (entries: ParsedJson[], action: string) => entries.filter((e) => e.action === action);
const post = (server: TestServer, path: string, body: unknown, cookie?: string) =>
  raw(server, 'POST', path, body, { origin: server.url, ...(cookie ? { cookie } : {}) });

describe('[D20] the audit log records who, what, when, from where, and the target', () => {
  it('reads of the whole record: GET /api/sessions/:id, its log, and every session:join', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, NAMES);
    const sessionId = await runSession(c, groupId, member.Quillonetta!, NOTE);
    expect((await c.co.get(`/api/sessions/${sessionId}`)).status).toBe(200);
    expect((await c.co.get(`/api/sessions/${sessionId}/log`)).status).toBe(200);
    const socket = await connectSocket(c.server, c.co.cookie);
    expect((await join(socket, sessionId)).ok).toBe(true);
    socket.disconnect();
    const reads = only(await auditEntries(c), 'session.read').filter((e) => e.actorId === c!.ids.co);
    expect(reads).toMatchObject([
      { subjectType: 'session', subjectId: sessionId, detail: { view: 'state' }, address: expect.stringMatching(LOOPBACK) },
      { subjectType: 'session', subjectId: sessionId, detail: { view: 'log' }, address: expect.stringMatching(LOOPBACK) },
      { subjectType: 'session', subjectId: sessionId, detail: { view: 'join' }, address: expect.stringMatching(LOOPBACK) },
    ]);
    // The lead's own join while running it is a read too.
    expect(only(await auditEntries(c), 'session.read').some((e) => e.actorId === c!.ids.lead && e.detail.view === 'join')).toBe(true);
  });

  it('PUT /api/settings: which settings changed and their new values', async () => {
    c = await clinic();
    expect((await c.admin.put('/api/settings', { idleLockMinutes: 5 })).status).toBe(200);
    // Last: from then on this admin, without two-factor, is held (S4) and cannot read the log.
    expect((await c.admin.put('/api/settings', { requireTwoFactor: true, idleLockMinutes: 5 })).status).toBe(200);
    const settings = c.server.db
      .prepare("SELECT actor_id, detail, address FROM audit_log WHERE action = 'settings.update' ORDER BY seq")
      .all() as ParsedJson[];
    expect(settings.map((e) => ({ ...e, detail: JSON.parse(e.detail) }))).toMatchObject([
      {
        actor_id: c.ids.admin,
        detail: { changed: ['idleLockMinutes'], requireTwoFactor: false, idleLockMinutes: 5 },
        address: expect.stringMatching(LOOPBACK),
      },
      {
        actor_id: c.ids.admin,
        detail: { changed: ['requireTwoFactor'], requireTwoFactor: true, idleLockMinutes: 5 },
        address: expect.stringMatching(LOOPBACK),
      },
    ]);
  });

  it('two-factor turned on (its first accepted code) and off, and sign-outs', async () => {
    c = await clinic();
    const { api } = await enableTwoFactor(c.server, c.co, CO.password);
    const disabled = await post(c.server, '/api/auth/two-factor/disable', { password: CO.password }, api.cookie);
    expect(disabled.status).toBe(200);
    // Turning two-factor off may hand out a new sign-in cookie: sign out with whichever is current.
    const cookie = cookieOf(disabled.setCookies) || api.cookie;
    expect((await raw(c.server, 'GET', '/api/me', undefined, { cookie })).status).toBe(200);
    expect((await post(c.server, '/api/auth/sign-out', {}, cookie)).status).toBe(200);
    expect((await raw(c.server, 'GET', '/api/me', undefined, { cookie })).status).toBe(401);
    const entries = (await auditEntries(c)).filter((e) => e.actorId === c!.ids.co && e.action !== 'auth.sign-in');
    expect(entries).toMatchObject([
      {
        action: 'auth.two-factor.enable',
        subjectId: c.ids.co,
        detail: { via: '/two-factor/verify-totp' },
        address: expect.stringMatching(LOOPBACK),
      },
      {
        action: 'auth.two-factor.disable',
        subjectId: c.ids.co,
        detail: { via: '/two-factor/disable' },
        address: expect.stringMatching(LOOPBACK),
      },
      { action: 'auth.sign-out', subjectId: c.ids.co, detail: { via: '/sign-out' }, address: expect.stringMatching(LOOPBACK) },
    ]);
  });

  it('account creation by an admin, and by an invite, which also changes the group’s co-facilitator', async () => {
    c = await clinic();
    const made = await c.admin.post('/api/accounts', { name: 'Sky Ito', email: 'sky@example.org', password: 'a long enough one' });
    expect(made.status).toBe(201);
    const { groupId } = await makeGroup(c, NAMES);
    const { url } = (await c.lead.post(`/api/groups/${groupId}/invites`, {})).body;
    const token = url.split('#/invites/')[1];
    const accepted = await post(c.server, `/api/invites/${token}/accept`, {
      name: 'Nova Reyes',
      email: 'nova@example.org',
      password: 'a long enough one',
    });
    expect(accepted.status).toBe(201);
    const nova = accepted.body.user.id;
    const entries = await auditEntries(c);
    expect(only(entries, 'account.create')).toMatchObject([
      {
        actorId: c.ids.admin,
        subjectType: 'user',
        subjectId: made.body.user.id,
        detail: { via: 'admin', admin: false },
        address: expect.stringMatching(LOOPBACK),
      },
      { actorId: nova, subjectId: nova, detail: { via: 'invite', admin: false }, address: expect.stringMatching(LOOPBACK) },
    ]);
    expect(only(entries, 'group.update').at(-1)).toMatchObject({
      actorId: nova,
      subjectId: groupId,
      detail: {
        changed: ['coFacilitatorId'],
        via: 'invite',
        invitedBy: c.ids.lead,
        coFacilitatorId: nova,
        previousCoFacilitatorId: c.ids.co,
      },
      address: expect.stringMatching(LOOPBACK),
    });
  });

  it('the first account (set-up) and `npm run accounts -- add`, whose entry has no address', async () => {
    bare = await startTestServer();
    const setup = await post(bare, '/api/setup', { name: 'First Admin', email: 'first@example.org', password: 'first admin password' });
    expect(setup.status).toBe(201);
    await run(
      'npm',
      [
        'run',
        '--silent',
        'accounts',
        '--',
        'add',
        '--name',
        'Shell Made',
        '--email',
        'shell@example.org',
        '--password',
        'a long enough one',
      ],
      {
        env: { ...process.env, DATA_DIR: bare.dataDir },
      },
    );
    const admin = await signIn(bare, 'first@example.org', 'first admin password');
    const entries = only((await admin.get('/api/audit?from=2000-01-01&to=2100-01-01')).body.entries, 'account.create');
    expect(entries).toMatchObject([
      {
        actorId: setup.body.user.id,
        subjectId: setup.body.user.id,
        detail: { via: 'setup', admin: true },
        address: expect.stringMatching(LOOPBACK),
      },
      { actorId: 'cli', subjectType: 'user', detail: { via: 'cli', admin: false }, address: null },
    ]);
  });

  it('[D3] none of these entries holds a member’s name or a note; the CSV has the address column', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, NAMES);
    const sessionId = await runSession(c, groupId, member.Quillonetta!, NOTE);
    await c.co.get(`/api/sessions/${sessionId}/log`);
    const json = JSON.stringify(await auditEntries(c));
    for (const secret of [...NAMES, NOTE]) expect(json).not.toContain(secret);
    const csv = await raw(c.server, 'GET', '/api/audit.csv?from=2000-01-01&to=2100-01-01', undefined, { cookie: c.admin.cookie });
    const [header, ...rows] = String(csv.body)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header!.split(',')).toContain('address');
    expect(rows.some((r) => r.includes('session.read') && /127\.0\.0\.1/.test(r))).toBe(true);
  });

  it('a forged X-Forwarded-For is believed only from a trusted proxy, on REST and on sockets', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, NAMES);
    const sessionId = await runSession(c, groupId, member.Quillonetta!, NOTE);
    await raw(c.server, 'GET', `/api/sessions/${sessionId}`, undefined, { cookie: c.co.cookie, 'x-forwarded-for': '203.0.113.9' });
    const read = only(await auditEntries(c), 'session.read').at(-1);
    expect(read).toMatchObject({ actorId: c.ids.co, address: expect.stringMatching(LOOPBACK) });
    // A socket's address, read as Express reads req.ip.
    const request = (peer: string, forwarded?: string) =>
      ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;
    const addressWith = (trustProxy: string | false) => clientAddressOf(express().set('trust proxy', trustProxy));
    expect(addressWith(false)(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(addressWith('loopback')(request('127.0.0.1', '198.51.100.4, 203.0.113.9'))).toBe('203.0.113.9');
    expect(addressWith('loopback')(request('192.0.2.7', '203.0.113.9'))).toBe('192.0.2.7');
  });
});
