import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_EVERY } from '../../server/live/snapshot.js';
import { timersAt } from '../../shared/session/timing.js';
import { instant } from '../../shared/time.js';
import { freePort } from '../faults/support/child-server.js';
import { manualClock } from '../support/clock.js';
import { apiClient, signIn } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectSocket } from '../support/sockets.js';
import { join, LEAD, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture | null = null;
let restarted: TestServer | null = null;
afterEach(async () => {
  await restarted?.close();
  restarted = null;
});

describe('[P16] restart', () => {
  it('a server stopped mid-session and started again restores it with its timers and every acknowledged command', async () => {
    const clock = manualClock();
    fx = await sessionFixture({ clock });
    const { lead, sessionId, member, server } = fx;
    for (const name of ['Sam', 'Ana'])
      await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    await send(lead.socket, sessionId, { type: 'session.start' });
    clock.advance(4 * 60_000);
    await send(lead.socket, sessionId, { type: 'phase.next' }, { expectedVersion: 3 });
    await send(lead.socket, sessionId, { type: 'floor.give', memberId: member.Ana! }, { commandId: 'give-ana-1' });
    clock.advance(30_000);
    await send(lead.socket, sessionId, { type: 'session.pause' });
    const before = (await join(lead.socket, sessionId)) as Extract<Awaited<ReturnType<typeof join>>, { ok: true }>;
    await fx.close();

    clock.advance(10 * 60_000); // the server is down for ten minutes while the session is paused
    restarted = await startTestServer({ dataDir: server.dataDir, clock });
    const api = apiClient(restarted, lead.api.cookie); // the sign-in survives the restart too
    expect((await api.get('/api/me')).status).toBe(200);
    const socket = await connectSocket(restarted, lead.api.cookie);
    const after = await join(socket, sessionId, -1);
    if (!after.ok || !before.ok) throw new Error('join failed');
    expect(after.version).toBe(6);
    expect(after.update!.state.context).toEqual(before.update!.state.context);
    expect(after.update!.state.status).toBe('paused');

    // Paused: the downtime did not count. Resume, and the clocks carry on from where they were.
    expect(await send(socket, sessionId, { type: 'session.resume' })).toMatchObject({ ok: true, version: 7 });
    clock.advance(60_000);
    const now = instant(clock.now());
    const context = await join(socket, sessionId, 6);
    if (!context.ok) throw new Error('join failed');
    const timers = timersAt(context.update!.state.context, now);
    expect(timers.session?.elapsedMs).toBe(4 * 60_000 + 30_000 + 60_000);
    expect(timers.phase?.elapsedMs).toBe(30_000 + 60_000);
    expect(timers.turn?.elapsedMs).toBe(30_000 + 60_000);

    // A command repeated from before the restart is recognised from the log.
    expect(await send(socket, sessionId, { type: 'floor.give', memberId: member.Ana! }, { commandId: 'give-ana-1' })).toEqual({
      ok: true,
      version: 5,
      duplicate: true,
    });
    socket.disconnect();
  });

  it('a snapshot saved some entries before the end is restored with the entries after it applied, then saved again', async () => {
    fx = await sessionFixture();
    const { lead, sessionId, member, server } = fx;
    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Kit!, mark: 'present' });
    await send(lead.socket, sessionId, { type: 'session.start' }); // version 2: a change of status saves the snapshot
    const last = 2 + 2 * SNAPSHOT_EVERY + 4; // adds and removes in pairs: the queue ends empty
    for (let i = 0; i < last - 2; i++) {
      const type = i % 2 === 0 ? 'queue.add' : 'queue.remove';
      expect(await send(lead.socket, sessionId, { type, memberId: member.Kit! })).toMatchObject({ ok: true, version: 3 + i });
    }
    const savedAt = () => (server.db.prepare('SELECT snapshot_version AS v FROM sessions WHERE id = ?').get(sessionId) as { v: number }).v;
    expect(savedAt()).toBe(last - 4); // saved every SNAPSHOT_EVERY entries after the start; the last 4 only in the log
    const before = await join(lead.socket, sessionId);
    await fx.close();

    restarted = await startTestServer({ dataDir: server.dataDir });
    const socket = await connectSocket(restarted, lead.api.cookie);
    const after = await join(socket, sessionId);
    if (!after.ok || !before.ok) throw new Error('join failed');
    expect(after.version).toBe(last);
    expect(after.update!.state.context).toEqual(before.update!.state.context);
    expect(after.update!.state.context.queue).toEqual([]);
    expect((restarted.db.prepare('SELECT snapshot_version AS v FROM sessions WHERE id = ?').get(sessionId) as { v: number }).v).toBe(last);
    expect(await send(socket, sessionId, { type: 'queue.add', memberId: member.Kit! })).toMatchObject({ ok: true, version: last + 1 });
    socket.disconnect();
  });

  it('a snapshot written by another machine version is rebuilt by replaying the log', async () => {
    fx = await sessionFixture();
    const { lead, sessionId, member, server } = fx;
    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Kit!, mark: 'present' });
    await send(lead.socket, sessionId, { type: 'session.start' });
    await send(lead.socket, sessionId, { type: 'floor.give', memberId: member.Kit! });
    const before = await join(lead.socket, sessionId);
    fx.server.db.prepare("UPDATE sessions SET machine_version = 'session-0', snapshot = '{}' WHERE id = ?").run(sessionId);
    await fx.close();

    restarted = await startTestServer({ dataDir: server.dataDir });
    const socket = await connectSocket(restarted, lead.api.cookie);
    const after = await join(socket, sessionId);
    if (!after.ok || !before.ok) throw new Error('join failed');
    expect(after.update!.state.context).toEqual(before.update!.state.context);
    const row = restarted.db.prepare('SELECT machine_version FROM sessions WHERE id = ?').get(sessionId) as { machine_version: string };
    expect(row.machine_version).not.toBe('session-0');
    socket.disconnect();
  });
});

describe('[P16] kill -9', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  const startChild = (dataDir: string, port: number) =>
    new Promise<ChildProcess>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Holdspace is running')) resolve(proc);
      });
      proc.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    });

  it('every acknowledged command is in the log after the process is killed without warning', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-kill-'));
    // The same address across the kill, so the signed-in client carries on: one the system gave out.
    const port = await freePort();
    const server = { url: `http://127.0.0.1:${port}` } as TestServer;
    child = await startChild(dataDir, port);
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(LEAD),
    });
    expect(setup.status).toBe(201);
    const api = await signIn(server, LEAD.email, LEAD.password);
    const group = await api.post('/api/groups', { name: 'Thursday group', members: [{ name: 'Sam' }, { name: 'Ana' }] });
    const sessionId = (await api.post(`/api/groups/${group.body.group.id}/sessions`, {})).body.session.id;
    const socket = await connectSocket(server, api.cookie);
    await join(socket, sessionId);
    const acked: string[] = [];
    for (let i = 0; i < 25; i++) {
      const commandId = `note-${i}-abcdef`;
      const ack = await send(socket, sessionId, { type: 'note.add', text: `note ${i}`, memberId: null, private: false }, { commandId });
      if (ack.ok) acked.push(commandId);
    }
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    socket.disconnect();

    child = await startChild(dataDir, port);
    const log = await api.get(`/api/sessions/${sessionId}/log`);
    expect(log.body.entries.map((e: { commandId: string }) => e.commandId)).toEqual(acked);
    expect(acked).toHaveLength(25);
    // Two child processes start from source (tsx) here: on a loaded machine that alone took 24 s.
  }, 90_000);
});
