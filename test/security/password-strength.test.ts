import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { passwordWeakness } from '../../server/auth/password-strength.js';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { LEAD } from '../support/session-fixture.js';
import { raw } from './support.js';

const run = promisify(execFile);
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const WEAK = 'aaaaaaaaaa';
const TOO_EASY = /^This password is too easy to guess\. .+\.$/;

describe('password strength', () => {
  it('[S25] the estimate refuses common and repetitive passwords with a reason, and takes passphrases', async () => {
    expect(await passwordWeakness(WEAK)).toBe(
      'This password is too easy to guess. Repeated characters like "aaa" are easy to guess. Add more words that are less common.',
    );
    for (const weak of ['password12345', 'qwertyuiop', 'Password123!']) expect(await passwordWeakness(weak)).toMatch(TOO_EASY);
    for (const strong of [LEAD.password, 'battery staple horse', 'Gallowglass4417 vandermeer'])
      expect(await passwordWeakness(strong)).toBeNull();
  });

  it('[S25] first-account setup and admin account creation refuse a weak password and say why', async () => {
    server = await startTestServer();
    const setup = await raw(
      server,
      'POST',
      '/api/setup',
      { name: 'Avery Admin', email: 'avery@example.org', password: WEAK },
      { origin: server.url },
    );
    expect(setup).toMatchObject({
      status: 400,
      body: { code: 'BAD_REQUEST', message: expect.stringMatching(TOO_EASY), issues: [{ path: 'password' }] },
    });
    expect((await raw(server, 'GET', '/api/setup')).body).toEqual({ needsFirstAccount: true });

    await createAccount(server, { ...LEAD, admin: true });
    const admin = await signIn(server, LEAD.email, LEAD.password);
    const added = await admin.post('/api/accounts', { name: 'Robin Park', email: 'robin@example.org', password: WEAK });
    expect(added).toMatchObject({ status: 400, body: { message: expect.stringMatching(TOO_EASY) } });
    expect(
      (await admin.post('/api/accounts', { name: 'Robin Park', email: 'robin@example.org', password: 'heron quietly under bridges' }))
        .status,
    ).toBe(201);
  });

  it('[S25] changing one’s password through better-auth refuses a weak new one', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const api = await signIn(server, LEAD.email, LEAD.password);
    const change = (newPassword: string) =>
      raw(
        server!,
        'POST',
        '/api/auth/change-password',
        { currentPassword: LEAD.password, newPassword },
        { cookie: api.cookie, origin: server!.url },
      );
    expect(await change(WEAK)).toMatchObject({ status: 400, body: { code: 'WEAK_PASSWORD', message: expect.stringMatching(TOO_EASY) } });
    expect((await change('heron quietly under bridges')).status).toBe(200);
  });

  it('[S25] the accounts CLI refuses a weak password', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-cli-'));
    try {
      const add = (password: string) =>
        run(
          'npm',
          ['run', '--silent', 'accounts', '--', 'add', '--name', 'Dana Lee', '--email', 'dana@example.org', '--password', password],
          {
            env: { ...process.env, DATA_DIR: dataDir },
          },
        );
      await expect(add(WEAK)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/This password is too easy to guess/) });
      expect((await add(LEAD.password)).stdout).toMatch(/Added facilitator account dana@example.org/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // two runs of the CLI, each starting tsx and loading the dictionaries
});
