import type { CommandAck } from '../../../shared/protocol.js';
import { plausibleCommand } from '../../faults/support/facilitator.js';
import type { Screen } from '../../faults/support/screen.js';
import { checkSession } from './pg-log.js';
import type pg from 'pg';

/** Screens pressing what their state allows, one press at a time, as fast as answered, until stopped. */
export function pressAway(screens: readonly Screen[], actorOf: (s: Screen) => string, rand: () => number): { stop(): Promise<void> } {
  let pressing = true;
  const presses = screens.map(async (screen) => {
    while (pressing) {
      if (!screen.connected || !screen.state || screen.unanswered > 0) {
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      const { command, expectedVersion } = plausibleCommand(screen.state, actorOf(screen), rand);
      await Promise.race([screen.send(command, { expectedVersion }).settled, new Promise((r) => setTimeout(r, 200))]);
    }
  });
  return {
    stop: async () => {
      pressing = false;
      await Promise.all(presses);
    },
  };
}

/** Waits until no screen has a command without its answer (each retries by itself), or `ms` passed. */
export async function settled(screens: readonly Screen[], ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (screens.some((s) => s.unanswered > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

/**
 * The invariants after a fault, for each session: the log is whole (versions 1…n, no
 * commandId twice, no time stamp going back) and replays to the stored state; every acknowledged
 * command is in it once, at the version its ack named; a refused one is not in it; and every
 * screen ends at the log's last version with the replayed state. Returns how many were acknowledged.
 */
export async function expectInvariants(
  pool: pg.Pool,
  screens: readonly Screen[],
  expect: (
    actual: unknown,
    message?: string,
  ) => { toEqual(v: unknown): void; toBe(v: unknown): void; toBeLessThanOrEqual(v: number): void },
): Promise<number> {
  let acked = 0;
  for (const sessionId of [...new Set(screens.map((s) => s.sessionId))]) {
    const { log, replay, stored, errors } = await checkSession(pool, sessionId);
    expect(errors, `session ${sessionId}`).toEqual([]);
    expect({ value: stored.value, context: stored.context }).toEqual({ value: replay.value, context: replay.context });
    const byCommand = new Map(log.map((e) => [e.commandId, e]));
    const mine = screens.filter((s) => s.sessionId === sessionId);
    for (const sent of mine.flatMap((s) => s.sent)) {
      const ok = sent.answers.filter((a): a is Extract<CommandAck, { ok: true }> => a.ok);
      const inLog = log.filter((e) => e.commandId === sent.commandId);
      expect(inLog.length, `command ${sent.commandId} is in the log more than once`).toBeLessThanOrEqual(1);
      if (ok.length) {
        acked++;
        expect(byCommand.get(sent.commandId)?.version, `acked ${sent.command.type} ${sent.commandId} missing`).toBe(ok[0]!.version);
        for (const a of ok) expect(a.version).toBe(ok[0]!.version);
      } else if (sent.answers.length && !sent.answers.some((a) => !a.ok && a.code === 'MOVING')) {
        // Refused for good (not MOVING, which may come after the entry was written): not in the log.
        expect(inLog, `refused ${sent.command.type} is in the log`).toEqual([]);
      }
    }
    for (const screen of mine.filter((s) => s.connected)) {
      await screen.reach(log.length);
      expect(screen.version).toBe(log.length);
      expect(screen.state!.state.context).toEqual(replay.context);
    }
  }
  return acked;
}
