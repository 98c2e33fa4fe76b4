import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { twoFactor } from 'better-auth/plugins/two-factor';
import pg from 'pg';
import { accountAudit, type AccountListener } from '../privacy/account-audit.js';
import { signInAudit, type SignInListener } from '../privacy/sign-in-audit.js';
import { guardTripwire, type GuardMarker } from '../security/auth-paths.js';
import { underMigrationLock } from '../store/postgres/migrations.js';
import { accountDatabaseHooks } from './account-guards.js';
import { guardQueries, type AuthDatabase } from './auth-database.js';
import { passwordPolicy } from './password-policy.js';
import { assertStrongPassword } from './password-strength.js';
import { totpReplayGuard } from './totp-replay.js';

/**
 * Accounts and sign-in sessions with better-auth (ADR 0002): its own password hashing, session
 * tokens and HttpOnly cookie, in the store's own database: SQLite's file, or PostgreSQL for the
 * scale-out (docs/decisions/013-scale-out.md), where its tables sit beside the store's. Public
 * sign-up is off: the first account is made by /api/setup, later ones by an admin or
 * `npm run accounts`. Two-factor sign-in (TOTP and backup codes) is better-auth's own plugin
 * (docs/security.md S3, S4).
 */
export function createAuth(
  database: AuthDatabase,
  secret: string,
  publicUrl: string | null,
  onSignIn: SignInListener = () => {},
  onAccountEvent: AccountListener = () => {},
  /** Set when serving HTTP: better-auth then refuses guarded routes that skipped the guards (S21). */
  guardMarker: GuardMarker | null = null,
) {
  const queries = guardQueries(database);
  return betterAuth({
    appName: 'Holdspace',
    database: database.kind === 'sqlite' ? database.db : database.pool,
    secret,
    // A clinic server is reached by LAN name or address: take the host each request came to,
    // unless PUBLIC_URL pins one.
    baseURL: publicUrl ?? { allowedHosts: ['*'], protocol: 'auto' },
    basePath: '/api/auth',
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'facilitator', input: false },
        // Account lifecycle (docs/security.md S42, S43): set only by an admin or the CLI.
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
        mustChangePassword: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    // Staff-name rules and disabled accounts, for every route that writes a user or signs in (S40, S42).
    databaseHooks: accountDatabaseHooks(queries),
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    plugins: [
      // Backup codes are stored encrypted with the secret; a verified TOTP is needed to turn 2FA on.
      twoFactor({ issuer: 'Holdspace' }),
      // One use per TOTP code (S23) and strong new passwords (S25).
      totpReplayGuard(queries),
      passwordPolicy(),
      ...(guardMarker ? [guardTripwire(guardMarker)] : []),
      // After twoFactor: it sees a sign-in only once the second factor is through (D2).
      signInAudit(onSignIn),
      // Sign-outs and two-factor turned on or off, once done (D2).
      accountAudit(onAccountEvent),
    ],
    // Our own limiter (server/security/brute-force.ts) sits in front and knows `trust proxy`;
    // better-auth's would key on X-Forwarded-For, which any client can forge without a proxy.
    rateLimit: { enabled: false },
    advanced: {
      // A fixed https PUBLIC_URL makes every cookie Secure (and __Secure- named). Behind a proxy
      // without one, server/security/cookies.ts adds Secure per request that arrived over TLS.
      useSecureCookies: publicUrl?.startsWith('https://') ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    // Same-origin app: requests from the page carry its own origin; any host the server answers on.
    trustedOrigins: (request) => {
      const host = request?.headers.get('host');
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Creates or updates better-auth's tables. On PostgreSQL under the store's migration lock, looked
 * at and changed in one turn: nodes starting together would otherwise both find a table missing
 * and both create it.
 */
export async function migrateAuth(auth: Auth): Promise<void> {
  const migrateNow = async () => (await getMigrations(auth.options)).runMigrations();
  const { database } = auth.options;
  if (database instanceof pg.Pool) await underMigrationLock(database, migrateNow);
  else await migrateNow();
}

/**
 * Makes an account through better-auth's own adapter and password hasher. A weak password is
 * refused (WeakPasswordError, S25) on every way an account is made: set-up, admin, invite, CLI.
 */
export async function createAccount(
  auth: Auth,
  input: { name: string; email: string; password: string; admin: boolean },
): Promise<{ id: string }> {
  const ctx = await auth.$context;
  const email = input.email.toLowerCase();
  // Strength first: a weak password is refused alike whether or not the email has an account.
  await assertStrongPassword(input.password, [input.name, email]);
  if (await ctx.internalAdapter.findUserByEmail(email)) throw new AccountExistsError();
  const hash = await ctx.password.hash(input.password);
  const user = await ctx.internalAdapter.createUser(
    {
      name: input.name,
      email,
      emailVerified: false,
      role: input.admin ? 'admin' : 'facilitator',
    },
    { method: 'admin' },
  );
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: hash });
  return { id: user.id };
}

export class AccountExistsError extends Error {
  constructor() {
    super('An account with that email already exists.');
  }
}

/** Checks an account's password with better-auth's own hasher (the idle-lock unlock, S18). */
export async function passwordMatches(auth: Auth, userId: string, password: string): Promise<boolean> {
  const ctx = await auth.$context;
  const credential = (await ctx.internalAdapter.findAccounts(userId)).find((a) => a.providerId === 'credential');
  if (!credential?.password) return false;
  return ctx.password.verify({ hash: credential.password, password });
}

/** The id of the account with this email, or null when there is none. */
export async function accountIdByEmail(auth: Auth, email: string): Promise<string | null> {
  return (await (await auth.$context).internalAdapter.findUserByEmail(email))?.user.id ?? null;
}
