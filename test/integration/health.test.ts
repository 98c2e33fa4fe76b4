import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { healthRoutes } from '../../server/http/health.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture | null = null;
let restarted: TestServer | null = null;
afterEach(async () => {
  await fx?.close();
  await restarted?.close();
  fx = restarted = null;
});

const health = async (url: string) => {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, cacheControl: res.headers.get('cache-control'), body: await res.json() };
};

describe('GET /healthz (docs/operations.md)', () => {
  it('[P16] answers 200 { ok: true } without a sign-in, once the live sessions are restored', async () => {
    fx = await sessionFixture();
    const { lead, sessionId, member, server } = fx;
    expect(await health(server.url)).toEqual({ status: 200, cacheControl: 'no-store', body: { ok: true } });
    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
    expect(await send(lead.socket, sessionId, { type: 'session.start' })).toMatchObject({ ok: true, version: 2 });
    await fx.close();
    fx = null;

    restarted = await startTestServer({ dataDir: server.dataDir });
    expect(await health(restarted.url)).toEqual({ status: 200, cacheControl: 'no-store', body: { ok: true } });
    // By the time it says ready, the live session is held again at its version.
    expect(restarted.app.sessions.get(sessionId)?.version).toBe(2);
  });

  it('answers 503 while not ready (before the restore, and once shutting down), with no data', async () => {
    let ready = false;
    const app = express().use(healthRoutes(() => ready));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await health(url)).toEqual({
        status: 503,
        cacheControl: 'no-store',
        body: { ok: false, code: 'INTERNAL', message: 'Holdspace is starting or stopping: not ready for screens.' },
      });
      ready = true;
      expect((await health(url)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
