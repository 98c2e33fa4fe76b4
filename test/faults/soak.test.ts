import { fork, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionFixture } from '../support/session-fixture.js';
import { seeded } from '../support/seeded.js';
import { plausibleCommand } from './support/facilitator.js';
import { checkStoredAgainstLog } from './support/invariants.js';
import { Screen } from './support/screen.js';
import type { ParsedJson } from '../support/json.js';

/**
 * Soak: a 90-minute session at 30 commands per simulated minute (2,700 presses from two screens),
 * compressed with the server's manual clock into well under a minute. The server's heap after the
 * session (full GC, in the server's own process) is within 10 MB of its heap before.
 */
const MINUTES = 90;
const PER_MINUTE = 30;
const MB = 1024 * 1024;

let child: ChildProcess | null = null;
const screens: Screen[] = [];
afterAll(() => {
  for (const s of screens) s.close();
  child?.kill('SIGKILL');
});

function soakServer(dataDir: string) {
  const proc = fork(path.resolve('test/faults/support/soak-server.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, SOAK_DATA_DIR: dataDir, SOAK_T0: String(Date.now()) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child = proc;
  let next = 1;
  const waiting = new Map<number, (m: ParsedJson) => void>();
  proc.on('message', (m: ParsedJson) => waiting.get(m.id)?.(m));
  const call = (type: 'advance' | 'heap', ms?: number) =>
    new Promise<{ now: number; heapUsed: number; live: number }>((resolve) => {
      const id = next++;
      waiting.set(id, (m) => (waiting.delete(id), resolve(m)));
      proc.send({ id, type, ms });
    });
  const port = new Promise<number>((resolve) => waiting.set(0, (m) => resolve(m.port)));
  return { call, port };
}

describe('soak', () => {
  it(`a ${MINUTES}-minute session at ${PER_MINUTE} commands a minute leaves the server's heap within 10 MB of where it began`, async () => {
    const fx = await sessionFixture();
    const warmUp = (await fx.lead.api.post(`/api/groups/${fx.groupId}/sessions`, {})).body.session.id as string;
    const dataDir = fx.server.dataDir;
    await fx.close();

    const server = soakServer(dataDir);
    const url = `http://127.0.0.1:${await server.port}`;
    const actors = [fx.lead.id, fx.co.id];
    const rand = seeded(90);

    /** Runs `minutes` of a session: each press moves the clock on by 60 s / PER_MINUTE. */
    const play = async (sessionId: string, minutes: number) => {
      const pair = [new Screen(url, fx.lead.api.cookie, sessionId), new Screen(url, fx.co.api.cookie, sessionId)];
      screens.push(...pair);
      await Promise.all(pair.map((s) => s.joined()));
      let applied = 0;
      for (let i = 0; i < minutes * PER_MINUTE; i++) {
        await server.call('advance', 60_000 / PER_MINUTE);
        const screen = pair[i % 2]!;
        const { command, expectedVersion } = plausibleCommand(screen.state!, actors[i % 2]!, rand);
        const ack = await screen.send(command, { expectedVersion }).settled;
        if (ack.ok) {
          applied++;
          await Promise.all(pair.map((s) => s.reach(ack.version)));
        }
      }
      const end = await pair[0]!.send({ type: 'session.end' }).settled;
      expect(end).toMatchObject({ ok: true });
      for (const s of pair) s.close();
      return applied;
    };

    await play(warmUp, 10); // warms the code paths and caches, so "before" is a steady state
    const before = await server.call('heap');
    const startedAt = Date.now();
    const applied = await play(fx.sessionId, MINUTES);
    const tookMs = Date.now() - startedAt;
    const after = await server.call('heap');
    console.info(
      `[soak] ${MINUTES * PER_MINUTE} presses (${applied} applied) over ${MINUTES} simulated minutes in ${(tookMs / 1000).toFixed(1)} s; ` +
        `server heap ${(before.heapUsed / MB).toFixed(1)} MB before, ${(after.heapUsed / MB).toFixed(1)} MB after (${((after.heapUsed - before.heapUsed) / MB).toFixed(2)} MB)`,
    );
    expect(after.live).toBe(0); // the ended session is no longer held
    expect(Math.abs(after.heapUsed - before.heapUsed)).toBeLessThan(10 * MB);
    expect(tookMs).toBeLessThan(60_000);
    expect(applied).toBeGreaterThan(MINUTES * PER_MINUTE * 0.5);
    expect(after.now - before.now).toBe(MINUTES * 60_000);

    const db = new Database(path.join(dataDir, 'holdspace.db'), { readonly: true });
    try {
      const { errors, replay, stored } = checkStoredAgainstLog(db, fx.sessionId);
      expect(errors).toEqual([]);
      expect(stored).toMatchObject({ value: replay.value, context: replay.context });
    } finally {
      db.close();
    }
  });
});
