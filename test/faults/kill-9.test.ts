import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol.js';
import { sessionFixture } from '../support/session-fixture.js';
import { ChildServer, freePort } from './support/child-server.js';
import { seeded } from '../support/seeded.js';
import { pressAway } from './support/press.js';
import { checkStoredAgainstLog } from './support/invariants.js';
import { Screen } from './support/screen.js';

/**
 * [P16] kill -9 under load. Several screens on several sessions press buttons as fast as they get
 * answers; the server process is killed with SIGKILL at a random moment and started again on the
 * same data directory. FAULT_SEED=n repeats a run.
 */
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
const SESSIONS = 3;

let server: ChildServer | null = null;
const screens: Screen[] = [];
afterAll(async () => {
  for (const s of screens) s.close();
  await server?.kill9();
});

describe('[P16] kill -9 under load', () => {
  it(`loses no acknowledged command, applies none twice, and every screen resyncs by itself (seed ${SEED})`, async () => {
    const rand = seeded(SEED);
    // Accounts, a group and its sessions, made through the real API of an in-process server…
    const fx = await sessionFixture();
    const sessionIds = [fx.sessionId];
    for (let i = 1; i < SESSIONS; i++) {
      const planned = await fx.lead.api.post(`/api/groups/${fx.groupId}/sessions`, {});
      sessionIds.push(planned.body.session.id);
    }
    const dataDir = fx.server.dataDir;
    await fx.close();

    // …then the same data directory served by a separate process that can be killed.
    server = new ChildServer(dataDir, await freePort());
    await server.start();
    for (const sessionId of sessionIds) {
      screens.push(new Screen(server.url, fx.lead.api.cookie, sessionId), new Screen(server.url, fx.co.api.cookie, sessionId));
    }
    await Promise.all(screens.map((s) => s.joined()));

    // Load: every screen presses what its state allows, one press at a time, as fast as answered.
    const actorOf = (s: Screen) => (screens.indexOf(s) % 2 === 0 ? fx.lead.id : fx.co.id);
    const load = pressAway(screens, actorOf, rand);

    const killAfterMs = 1500 + Math.floor(rand() * 2500);
    await new Promise((r) => setTimeout(r, killAfterMs));
    const ackedBeforeKill = screens.flatMap((s) => s.sent).filter((c) => c.answers.some((a) => a.ok)).length;
    await server.kill9();
    await load.stop();
    const joinsBefore = screens.map((s) => s.joins);
    await new Promise((r) => setTimeout(r, 300));

    await server.start();
    // The screens come back by themselves: reconnect, join with the version they hold, and retry
    // whatever had no answer with its commandId.
    await Promise.all(screens.map((s, i) => s.joined(joinsBefore[i])));
    const until = Date.now() + 20_000;
    while (screens.some((s) => s.unanswered > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(screens.map((s) => s.unanswered)).toEqual(screens.map(() => 0));

    // The sessions go on after the restart.
    for (const sessionId of sessionIds) {
      const screen = screens.find((s) => s.sessionId === sessionId)!;
      const ack = await screen.send({ type: 'note.add', text: 'After the restart.', memberId: null, private: false }).settled;
      expect(ack).toMatchObject({ ok: true });
    }

    const db = new Database(path.join(dataDir, 'holdspace.db'), { readonly: true, fileMustExist: true });
    try {
      let acked = 0;
      for (const sessionId of sessionIds) {
        const { log, replay, stored, errors } = checkStoredAgainstLog(db, sessionId);
        expect(errors).toEqual([]);
        expect(stored).toMatchObject({ value: replay.value, context: replay.context });
        const byCommand = new Map(log.map((e) => [e.commandId, e]));
        const mine = screens.filter((s) => s.sessionId === sessionId);
        for (const sent of mine.flatMap((s) => s.sent)) {
          const ok = sent.answers.filter((a): a is Extract<CommandAck, { ok: true }> => a.ok);
          const inLog = log.filter((e) => e.commandId === sent.commandId);
          expect(inLog.length, `command ${sent.commandId} is in the log more than once`).toBeLessThanOrEqual(1);
          if (ok.length) {
            acked++;
            // Acknowledged ⇒ in the log, at the version its ack named, however often it was answered.
            expect(byCommand.get(sent.commandId)?.version, `acked ${sent.command.type} ${sent.commandId} missing`).toBe(ok[0]!.version);
            for (const a of ok) expect(a.version).toBe(ok[0]!.version);
          } else if (sent.answers.length) {
            expect(inLog, `refused ${sent.command.type} is in the log`).toEqual([]);
          }
        }
        // Every screen resynced by itself to the state the log replays to.
        for (const screen of mine) {
          await screen.reach(log.length);
          expect(screen.version).toBe(log.length);
          expect(screen.state!.state.context).toEqual(replay.context);
        }
      }
      const all = screens.flatMap((s) => s.sent);
      console.info(
        `[kill -9] seed ${SEED}: killed after ${killAfterMs} ms; ${ackedBeforeKill} commands acknowledged before the kill, ` +
          `${all.filter((c) => c.attempts > 1).length} retried after it (${all.filter((c) => c.answers.some((a) => a.ok && a.duplicate)).length} answered as duplicates), ${acked} acknowledged in all`,
      );
      expect(acked).toBeGreaterThanOrEqual(ackedBeforeKill);
      expect(ackedBeforeKill, 'the load produced acknowledged commands before the kill').toBeGreaterThan(20);
    } finally {
      db.close();
    }
  });
});
