import { isDeepStrictEqual } from 'node:util';
import type { CommandAck } from '../../../shared/protocol.js';
import { policyOf } from '../../../shared/sync/policy.js';
import type { Screen } from '../../faults/support/screen.js';
import { checkSession, readLog } from './pg-log.js';
import type pg from 'pg';

export { pressAway } from '../../faults/support/press.js';

/** Waits until no screen has a command without its answer (each retries by itself), or `ms` passed. */
export async function settled(screens: readonly Screen[], ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (screens.some((s) => s.unanswered > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

/** One broken invariant: what kind, and which command or screen. */
export interface Violation {
  kind: 'lost' | 'twice' | 'forked' | 'notConverged';
  detail: string;
}

/**
 * The screen was told for good that its command did not act: an answer the error policy does not
 * retry, which is what the screen settles with (shared/sync/outbox.ts). A retried one (MOVING,
 * RATE_LIMITED, STORAGE_FAILED, INTERNAL) answers that attempt only: an earlier attempt whose ack
 * was lost (a frozen or killed process, a screen closed mid-retry) may have been applied, and the
 * next retry would be told so (P7, P58).
 */
function refusedForGood(answers: readonly CommandAck[]): boolean {
  return answers.some((a) => !a.ok && policyOf(a.code).do !== 'retry');
}

/** Equal as JSON holds them (undefined fields dropped, key order ignored), as `toEqual` compares. */
const same = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));

/**
 * The invariants after a fault, for each session: the log is whole (versions 1…n, no
 * commandId twice, no time stamp going back) and replays to the stored state; every acknowledged
 * command is in it once, at the version its ack named; a refused one is not in it; and every
 * screen ends at the log's last version with the replayed state. Counts what breaks them rather
 * than stopping at the first (the bench reports counts; the tests expect none).
 */
export async function findViolations(pool: pg.Pool, screens: readonly Screen[]): Promise<{ acked: number; violations: Violation[] }> {
  let acked = 0;
  const violations: Violation[] = [];
  const broken = (kind: Violation['kind'], detail: string) => violations.push({ kind, detail });
  for (const sessionId of [...new Set(screens.map((s) => s.sessionId))]) {
    // A log with an entry that does not apply on replay is forked: counted, and its commands still checked.
    const checked = await checkSession(pool, sessionId).catch((error: Error) => error);
    const log = checked instanceof Error ? await readLog(pool, sessionId) : checked.log;
    const replay = checked instanceof Error ? null : checked.replay;
    if (checked instanceof Error) broken('forked', `session ${sessionId}: ${checked.message}`);
    else {
      for (const error of checked.errors) broken('forked', `session ${sessionId}: ${error}`);
      const { stored } = checked;
      if (!same({ value: stored.value, context: stored.context }, { value: replay!.value, context: replay!.context }))
        broken('forked', `session ${sessionId}: the stored state is not the log's replay`);
    }
    const byCommand = new Map(log.map((e) => [e.commandId, e]));
    const mine = screens.filter((s) => s.sessionId === sessionId);
    for (const sent of mine.flatMap((s) => s.sent)) {
      const ok = sent.answers.filter((a): a is Extract<CommandAck, { ok: true }> => a.ok);
      const inLog = log.filter((e) => e.commandId === sent.commandId);
      if (inLog.length > 1) broken('twice', `command ${sent.commandId} is in the log ${inLog.length} times`);
      if (ok.length) {
        acked++;
        if (byCommand.get(sent.commandId)?.version !== ok[0]!.version)
          broken('lost', `acked ${sent.command.type} ${sent.commandId} is not in the log at v${ok[0]!.version}`);
        if (ok.some((a) => a.version !== ok[0]!.version)) broken('twice', `command ${sent.commandId} was acked at two versions`);
      } else if (refusedForGood(sent.answers) && inLog.length) {
        broken(
          'forked',
          `refused ${sent.command.type} ${sent.commandId} is in the log; answers ${JSON.stringify(sent.answers.map((a) => (a.ok ? 'ok' : a.code)))}`,
        );
      }
    }
    for (const screen of mine.filter((s) => s.connected)) {
      await screen.reach(log.length).catch(() => undefined);
      if (screen.version !== log.length)
        broken('notConverged', `a screen of ${sessionId} is at v${screen.version}, the log at v${log.length}`);
      else if (replay && !same(screen.state!.state.context, replay.context))
        broken('notConverged', `a screen of ${sessionId} holds another state`);
    }
  }
  return { acked, violations };
}

/** `findViolations` for a test: none expected. Returns how many commands were acknowledged. */
export async function expectInvariants(
  pool: pg.Pool,
  screens: readonly Screen[],
  expect: (actual: unknown, message?: string) => { toEqual(v: unknown): void },
): Promise<number> {
  const { acked, violations } = await findViolations(pool, screens);
  expect(violations, 'invariants broken').toEqual([]);
  return acked;
}
