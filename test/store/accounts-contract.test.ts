import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instant } from '../../shared/time.js';
import { createAccount, createAuth, migrateAuth, type Auth } from '../../server/auth/auth.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import type { AuditWrite } from '../../server/store/types.js';
import { freshDatabase } from '../support/postgres.js';
import { cookieOf, totpAt, totpStep } from '../security/support.js';
import { openPostgresAccounts, openSqliteAccounts, type AccountsEngine } from './accounts-engines.js';

/**
 * One contract, two engines: the accounts' stores (users, settings, invites, sign-ins) and our
 * guards on better-auth, over SQLite and over PostgreSQL, each with a real better-auth on the same
 * database. Accounts are made and signed in through better-auth, then read through the stores.
 */
const ENGINES = [
  { name: 'SQLite', open: openSqliteAccounts },
  { name: 'PostgreSQL', open: openPostgresAccounts },
];

const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://holdspace.test';
const NOW = instant(1_765_000_000_000);

/** A request to better-auth's handler as the browser sends it; answers its status, body and cookie. */
async function post(auth: Auth, route: string, body: unknown, cookie = '') {
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': 'contract-test', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    }),
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    cookie: cookieOf(response.headers.getSetCookie()),
  };
}

const audit = (actorId: string, action: string, subjectId: string): AuditWrite => ({
  at: NOW,
  actorId,
  action,
  subjectType: 'user',
  subjectId,
  detail: { via: 'contract' },
  address: null,
});

describe.each(ENGINES)('the accounts on $name', ({ open }) => {
  let engine: AccountsEngine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine?.close());

  /** A new account made through better-auth, under a name and email no other case uses. */
  const account = async (name: string, admin = false) => {
    const email = `${randomUUID()}@example.org`;
    const { id } = await createAccount(engine.auth, { name, email, password: PASSWORD, admin });
    return { id, name, email };
  };
  const signIn = async (email: string) => {
    const answer = await post(engine.auth, '/sign-in/email', { email, password: PASSWORD });
    expect(answer.status).toBe(200);
    return answer;
  };

  it('[S42] an account made through better-auth reads back: by id, by email in any case, in lists by name ignoring case', async () => {
    const before = await engine.users.count();
    const zed = await account('zed Ortiz');
    const ann = await account('Ann Blake', true);
    const mo = await account('Mo Chen');
    expect(await engine.users.count()).toBe(before + 3);
    expect(await engine.users.get(ann.id)).toEqual({ id: ann.id, name: 'Ann Blake', email: ann.email, admin: true });
    expect(await engine.users.byEmail(zed.email.toUpperCase())).toEqual({
      id: zed.id,
      name: 'zed Ortiz',
      email: zed.email,
      admin: false,
      disabled: false,
      mustChangePassword: false,
    });
    expect(await engine.users.get('no-such-account')).toBeNull();
    const ours = (names: { id: string; name: string }[]) => names.filter((u) => [zed.id, ann.id, mo.id].includes(u.id)).map((u) => u.name);
    expect(ours(await engine.users.list())).toEqual(['Ann Blake', 'Mo Chen', 'zed Ortiz']);

    await engine.users.setDisabled(mo.id, true, audit(ann.id, 'account.disable', mo.id));
    expect(ours(await engine.users.list())).toEqual(['Ann Blake', 'zed Ortiz']);
    expect(ours(await engine.users.accounts())).toEqual(['Ann Blake', 'Mo Chen', 'zed Ortiz']);
    expect(await engine.users.account(mo.id)).toMatchObject({ disabled: true });
    // A disabled account keeps its name for past records.
    expect(await engine.users.get(mo.id)).toMatchObject({ name: 'Mo Chen' });
  });

  it('[D4] lifecycle changes land with their audit entry, the actor named as they were', async () => {
    const admin = await account('Ines Admin', true);
    const other = await account('Jo Other');
    const admins = await engine.users.activeAdminCount();
    await engine.users.setAdmin(other.id, true, audit(admin.id, 'account.promote', other.id));
    expect(await engine.users.activeAdminCount()).toBe(admins + 1);
    await engine.users.setDisabled(other.id, true, audit(admin.id, 'account.disable', other.id));
    expect(await engine.users.activeAdminCount()).toBe(admins);
    await engine.users.setMustChangePassword(other.id, true, audit(admin.id, 'account.reset-password', other.id));
    await engine.users.setMustChangePassword(admin.id, true, null);
    expect(await engine.users.account(other.id)).toMatchObject({ admin: true, disabled: true, mustChangePassword: true });
    expect(await engine.users.account(admin.id)).toMatchObject({ mustChangePassword: true });

    const entries = (await engine.audit.list(NOW, instant(NOW + 1), 1000)).filter((e) => e.subjectId === other.id);
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['account.promote', 'Ines Admin'],
      ['account.disable', 'Ines Admin'],
      ['account.reset-password', 'Ines Admin'],
    ]);
  });

  it('[D4] a lifecycle change whose audit entry the database refuses does not happen', async () => {
    const admin = await account('Kim Admin', true);
    const other = await account('Lee Other');
    await engine.refuseAudit();
    try {
      await expect(engine.users.setAdmin(other.id, true, audit(admin.id, 'account.promote', other.id))).rejects.toThrow(/refuses/);
      await expect(engine.users.setDisabled(other.id, true, audit(admin.id, 'account.disable', other.id))).rejects.toThrow(/refuses/);
      await expect(engine.users.setMustChangePassword(other.id, true, audit(admin.id, 'account.reset', other.id))).rejects.toThrow(
        /refuses/,
      );
    } finally {
      await engine.allowAudit();
    }
    expect(await engine.users.account(other.id)).toMatchObject({ admin: false, disabled: false, mustChangePassword: false });
    expect((await engine.audit.list(NOW, instant(NOW + 1), 1000)).filter((e) => e.subjectId === other.id)).toEqual([]);
  });

  it('[S11][S18] a better-auth sign-in is checked, listed with ISO times, locked and unlocked through the store', async () => {
    const { id, email } = await account('Max Signin');
    await signIn(email);
    const now = new Date().toISOString();
    const [row, ...more] = await engine.signIns.listFor(id, now);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ userAgent: 'contract-test' });
    for (const time of [row!.createdAt, row!.updatedAt, row!.expiresAt]) expect(new Date(time).toISOString()).toBe(time);
    // better-auth reads the clock once for each of the two: they may be a millisecond or so apart.
    expect(Math.abs(Date.parse(row!.expiresAt) - Date.parse(row!.createdAt) - 12 * 60 * 60 * 1000)).toBeLessThan(1000);

    const check = { userId: id, twoFactorEnabled: false, locked: false, mustChangePassword: false, twoFactorRequired: false };
    expect(await engine.signIns.check(row!.id, now)).toEqual(check);
    expect(await engine.signIns.check(row!.id, row!.expiresAt)).toBeNull();
    expect(await engine.signIns.listFor(id, row!.expiresAt)).toEqual([]);

    await engine.signIns.lock(row!.id, NOW);
    await engine.signIns.lock(row!.id, instant(NOW + 1));
    expect(await engine.signIns.isLocked(row!.id)).toBe(true);
    expect(await engine.signIns.check(row!.id, now)).toEqual({ ...check, locked: true });
    await engine.signIns.unlock(row!.id);
    expect(await engine.signIns.isLocked(row!.id)).toBe(false);
    // The clinic's "require two-factor" comes with the check, and several checks at once each get their own.
    await engine.settings.update({ requireTwoFactor: true });
    const checks = await Promise.all([
      engine.signIns.check(row!.id, now),
      engine.signIns.check('no-such-sign-in', now),
      engine.signIns.check(row!.id, now),
    ]);
    expect(checks).toEqual([{ ...check, twoFactorRequired: true }, null, { ...check, twoFactorRequired: true }]);
    await engine.settings.update({ requireTwoFactor: false });

    await engine.users.setMustChangePassword(id, true, null);
    expect(await engine.signIns.check(row!.id, now)).toEqual({ ...check, mustChangePassword: true });
    await engine.users.setDisabled(id, true, audit(id, 'account.disable', id));
    expect(await engine.signIns.check(row!.id, now)).toBeNull();
  });

  it('[S42] a disabled account is refused a new sign-in by the guard on better-auth', async () => {
    const { id, email } = await account('Nia Disabled');
    await engine.users.setDisabled(id, true, audit(id, 'account.disable', id));
    const refused = await post(engine.auth, '/sign-in/email', { email, password: PASSWORD });
    expect(refused).toMatchObject({ status: 403, body: { code: 'ACCOUNT_DISABLED' } });
    expect(await engine.signIns.listFor(id, new Date().toISOString())).toEqual([]);
  });

  it('[S42] revoke ends one of the account’s own sign-ins only; revokeAll ends the rest', async () => {
    const owner = await account('Oda Owner');
    const stranger = await account('Pat Stranger');
    await signIn(owner.email);
    await signIn(owner.email);
    await signIn(stranger.email);
    const now = new Date().toISOString();
    const [first] = await engine.signIns.listFor(owner.id, now);
    const [theirs] = await engine.signIns.listFor(stranger.id, now);
    expect(await engine.signIns.revoke(owner.id, theirs!.id)).toBe(false);
    expect(await engine.signIns.revoke(owner.id, first!.id)).toBe(true);
    expect(await engine.signIns.revoke(owner.id, first!.id)).toBe(false);
    expect(await engine.signIns.revokeAll(owner.id)).toBe(1);
    expect(await engine.signIns.listFor(owner.id, now)).toEqual([]);
    expect(await engine.signIns.listFor(stranger.id, now)).toHaveLength(1);
  });

  it('[S43] changing one’s own password lifts a reset’s hold (the guard on better-auth)', async () => {
    const { id, email } = await account('Quin Reset');
    await engine.users.setMustChangePassword(id, true, null);
    const { cookie } = await signIn(email);
    const changed = await post(
      engine.auth,
      '/change-password',
      { currentPassword: PASSWORD, newPassword: 'a brand new staple battery' },
      cookie,
    );
    expect(changed.status).toBe(200);
    expect(await engine.users.account(id)).toMatchObject({ mustChangePassword: false });
  });

  it('[S23] a TOTP code is accepted once per account, and racing requests cannot both use it', async () => {
    const { email } = await account('Rae Twofactor');
    const { cookie } = await signIn(email);
    const enabled = await post(engine.auth, '/two-factor/enable', { password: PASSWORD }, cookie);
    const totpURI = enabled.body.totpURI as string;
    const step = totpStep();
    expect((await post(engine.auth, '/two-factor/verify-totp', { code: await totpAt(totpURI, 0, step) }, cookie)).status).toBe(200);

    const pending = async () => (await post(engine.auth, '/sign-in/email', { email, password: PASSWORD })).cookie;
    const code = await totpAt(totpURI, 1, step);
    const raced = await Promise.all(
      [pending(), pending()].map(async (c) => post(engine.auth, '/two-factor/verify-totp', { code }, await c)),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(raced.find((r) => r.status === 401)!.body).toMatchObject({ code: 'TOTP_CODE_USED' });
    // A wrong code's claim is given back: tried again, it is refused as wrong, not as used.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await post(engine.auth, '/two-factor/verify-totp', { code: wrong }, await pending());
      expect(refused.status).toBe(401);
      expect(refused.body.code).not.toBe('TOTP_CODE_USED');
    }
  });

  it('[S15] an invite is claimed once: of two claims at once exactly one wins; released, it can be claimed again', async () => {
    const tokenHash = randomUUID();
    const row = { tokenHash, groupId: await engine.group(), createdBy: 'lead-1', createdAt: NOW, expiresAt: instant(NOW + 60_000) };
    await engine.invites.create(row);
    expect(await engine.invites.get(tokenHash)).toEqual({ ...row, usedAt: null });
    const claims = await Promise.all([
      engine.invites.claim(tokenHash, instant(NOW + 1)),
      engine.invites.claim(tokenHash, instant(NOW + 2)),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await engine.invites.get(tokenHash))!.usedAt).toBe(claims[0] ? NOW + 1 : NOW + 2);
    await engine.invites.setUsedBy(tokenHash, 'user-1');
    await engine.invites.release(tokenHash);
    expect(await engine.invites.get(tokenHash)).toEqual({ ...row, usedAt: null });
    expect(await engine.invites.claim(tokenHash, instant(NOW + 60_000))).toBe(false);
    expect(await engine.invites.claim(tokenHash, instant(NOW + 59_999))).toBe(true);
    expect(await engine.invites.get('no-such-hash')).toBeNull();
  });

  it('[S4][S18] settings start at the defaults and take a patch of known keys; a stray key or type is dropped', async () => {
    const defaults = { requireTwoFactor: false, idleLockMinutes: 15, retentionDays: null, clinicTimeZone: null, clinicLocale: null };
    expect(await engine.settings.get()).toEqual(defaults);
    const patched = { ...defaults, idleLockMinutes: 5, retentionDays: 30, clinicTimeZone: 'Europe/Oslo' };
    expect(await engine.settings.update({ idleLockMinutes: 5, retentionDays: 30, clinicTimeZone: 'Europe/Oslo' })).toEqual(patched);
    const stray = { requireTwoFactor: 'yes', colour: 'blue' } as unknown as Partial<typeof defaults>;
    expect(await engine.settings.update(stray)).toEqual(patched);
    expect(await engine.settings.update({ retentionDays: null })).toEqual({ ...patched, retentionDays: null });
    expect(await engine.settings.get()).toEqual({ ...patched, retentionDays: null });
  });
});

describe('better-auth on PostgreSQL', () => {
  it('nodes starting together migrate better-auth’s tables in turns, under the store’s migration lock', async () => {
    const database = await freshDatabase();
    const pools = await Promise.all([1, 2, 3].map(() => openPostgres(database.url, 1)));
    try {
      await Promise.all(
        pools.map((pool) => migrateAuth(createAuth({ kind: 'postgres', pool }, 'a-secret-long-enough-for-better-auth', null))),
      );
      const { rows } = await pools[0]!.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('user', 'session', 'account', 'verification', 'twoFactor') ORDER BY 1`,
      );
      expect(rows.map((r) => r.name)).toEqual(['account', 'session', 'twoFactor', 'user', 'verification']);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
    }
  });
});
