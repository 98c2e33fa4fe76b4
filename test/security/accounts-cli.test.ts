import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auditEntries, clinic, type Clinic } from '../privacy/support.js';
import { signIn } from '../support/http.js';
import { CO } from '../support/session-fixture.js';
import { connectSocket } from '../support/sockets.js';
import { passwordStep } from './support.js';

const run = promisify(execFile);
/** Each run starts tsx and better-auth afresh (seconds on a busy machine); a dozen runs per test. */
const CLI_TIMEOUT_MS = 240_000;
let c: Clinic;
afterEach(() => c?.close());

/** `npm run accounts -- …` as an operator runs it, on the running server's data directory. */
async function accounts(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  const running = run('node_modules/.bin/tsx', ['server/cli/accounts.ts', ...args], {
    env: {
      ...process.env,
      DATA_DIR: c.server.dataDir,
      BETTER_AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth',
      ...options.env,
    },
  });
  // promisify(execFile) exposes the child on its promise; stdin is closed either way.
  running.child.stdin!.end(options.stdin ?? '');
  const child = running.catch((error: { code: number; stdout: string; stderr: string }) => error);
  const result = (await child) as { stdout: string; stderr: string; code?: number };
  return { code: result.code ?? 0, out: result.stdout, err: result.stderr };
}

describe('the accounts CLI', () => {
  it(
    '[S42][S43] disables, enables, resets and signs out by email; prints only the one password it made, once',
    async () => {
      c = await clinic();
      const disabled = await accounts(['disable', '--email', CO.email]);
      expect(disabled, disabled.err).toMatchObject({ code: 0 });
      expect(disabled.out).toContain(`Disabled ${CO.email}`);
      // The server's own check refuses the deleted sign-in at once, and the password no longer works.
      expect((await c.co.get('/api/me')).status).toBe(401);
      await expect(connectSocket(c.server, c.co.cookie)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
      expect((await passwordStep(c.server, CO.email, CO.password)).status).toBe(403);

      expect((await accounts(['enable', '--email', CO.email])).out).toContain('can sign in again');
      const reset = await accounts(['reset-password', '--email', CO.email]);
      const temporary = reset.out.match(/Temporary password[^:]*: (\S+)/)?.[1];
      expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      expect(reset.out.split(temporary!).length).toBe(2);
      const held = await signIn(c.server, CO.email, temporary!);
      expect((await held.get('/api/groups')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');

      expect((await accounts(['set-admin', '--email', CO.email])).out).toContain('now an admin');
      expect((await accounts(['remove-admin', '--email', CO.email])).out).toContain('no longer an admin');
      expect(await accounts(['remove-admin', '--email', ADMIN.email])).toMatchObject({ code: 1, err: expect.stringMatching(/last admin/) });
      const out = await accounts(['sign-out-everywhere', '--email', CO.email]);
      expect(out.out).toContain('1 sign-in ended');
      expect((await held.get('/api/me')).status).toBe(401);
      expect(await accounts(['disable', '--email', 'nobody@example.org'])).toMatchObject({ code: 1 });

      const entries = (await auditEntries(c)).filter((e) => e.action.startsWith('account.'));
      expect(entries.every((e) => e.actorId === 'cli' && e.subjectId !== null)).toBe(true);
      expect(entries.map((e) => e.action)).toContain('account.password-reset');
      expect(JSON.stringify(entries)).not.toContain(temporary);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    '[S43] add takes the password from stdin, never the command line, or makes a temporary one',
    async () => {
      c = await clinic();
      const fromStdin = await accounts(['add', '--name', 'Ari Trainee', '--email', 'ari@example.org', '--password-stdin'], {
        stdin: 'a password from stdin\n',
      });
      expect(fromStdin, fromStdin.err).toMatchObject({ code: 0 });
      expect(fromStdin.out).not.toContain('a password from stdin');
      expect((await (await signIn(c.server, 'ari@example.org', 'a password from stdin')).get('/api/groups')).status).toBe(200);

      const generated = await accounts(['add', '--name', 'Bo Newman', '--email', 'bo@example.org']);
      const temporary = generated.out.match(/Temporary password[^:]*: (\S+)/)?.[1];
      expect(temporary).toBeDefined();
      expect((await (await signIn(c.server, 'bo@example.org', temporary!)).get('/api/me')).body.mustChangePassword).toBe(true);

      const badName = await accounts(['add', '--name', 'Bad\u202Ename', '--email', 'bad@example.org', '--password-stdin'], {
        stdin: 'another long password',
      });
      expect(badName.code).toBe(2);
      expect(badName.err).toContain('Names cannot contain invisible or direction-changing characters.');
      expect(badName.err).not.toContain('another long password');
    },
    CLI_TIMEOUT_MS,
  );
});
