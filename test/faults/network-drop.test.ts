import { describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol.js';
import type { Command } from '../../shared/schemas/commands.js';
import { sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { checkStoredAgainstLog } from './support/invariants.js';
import { CuttableProxy } from './support/proxy.js';
import { Screen } from './support/screen.js';

/**
 * [P4][P7][P8] A screen's transport is cut for 30 seconds (FAULT_CUT_MS) while the other screen keeps
 * running the session: what it sent is applied once whenever it arrives (P7), the press made on an
 * old version is refused STALE (P8), and the screen catches up by joining with its version (P4). Two kinds of cut: a silent one (bytes stop, nobody is told; what the screen
 * sends waits in buffers and arrives late, retries and all) and a hard one (connections reset,
 * reconnects refused; the screen knows it is offline and retries after it is back).
 */
const CUT_MS = Number(process.env.FAULT_CUT_MS ?? 30_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function scenario(kind: 'blackhole' | 'reset', cleanups: (() => unknown)[]) {
  const fx: SessionFixture = await sessionFixture();
  cleanups.push(() => fx.close());
  const proxy = new CuttableProxy(fx.server.port);
  await proxy.listen();
  cleanups.push(() => proxy.close());
  const cut = new Screen(proxy.url, fx.lead.api.cookie, fx.sessionId); // the lead's tablet, behind the proxy
  const other = new Screen(fx.server.url, fx.co.api.cookie, fx.sessionId); // the co-facilitator, direct
  cleanups.push(
    () => cut.close(),
    () => other.close(),
  );
  await Promise.all([cut.joined(), other.joined()]);
  const { Sam, Ana, Kit, Jo } = fx.member as Record<'Sam' | 'Ana' | 'Kit' | 'Jo', string>;

  const act = async (screen: Screen, command: Command, versioned = false) => {
    const ack = await screen.send(command, versioned ? { expectedVersion: screen.version } : {}).settled;
    if (!ack.ok) throw new Error(`${command.type}: ${ack.code}`);
    await screen.reach(ack.version);
    return ack;
  };
  for (const memberId of [Sam, Ana, Kit, Jo]) await act(other, { type: 'attendance.mark', memberId, mark: 'present' });
  await act(other, { type: 'session.start' });
  await act(cut, { type: 'queue.add', memberId: Sam });
  await other.reach(cut.version);

  if (kind === 'blackhole') proxy.blackhole();
  else proxy.reset();
  const cutAt = Date.now();

  // While cut, the lead's screen tries three things; the co-facilitator goes on running the session.
  const tried = [
    cut.send({ type: 'note.add', text: 'Sam spoke about his week.', memberId: Sam, private: false }),
    cut.send({ type: 'floor.next' }, { expectedVersion: cut.version }), // will be stale: the other acts first
  ];
  const script: [number, Command, boolean][] = [
    [0.1, { type: 'floor.next' }, true], // Sam gets the floor from the queue
    [0.25, { type: 'queue.add', memberId: Ana }, false],
    [0.4, { type: 'turn.pause' }, false],
    [0.5, { type: 'turn.resume' }, false],
    [0.6, { type: 'signal.send', kind: 'fiveMinutes' }, false],
    [0.75, { type: 'floor.next' }, true], // Ana
    [0.9, { type: 'queue.add', memberId: Kit }, false],
  ];
  for (const [share, command, versioned] of script) {
    await sleep(Math.max(0, cutAt + share * CUT_MS - Date.now()));
    await act(other, command, versioned);
    if (share === 0.5) tried.push(cut.send({ type: 'queue.add', memberId: Jo }));
  }
  await sleep(Math.max(0, cutAt + CUT_MS - Date.now()));
  expect(
    tried.every((t) => t.answers.length === 0),
    'nothing the cut screen sent got through during the cut',
  ).toBe(true);
  proxy.restore();

  // Back: every try gets an answer, and the cut screen catches up by itself.
  const answers = await Promise.all(tried.map((t) => t.settled));
  const { log, replay, stored, errors } = checkStoredAgainstLog(fx.server.db, fx.sessionId);
  await cut.reach(log.length, 15_000);
  await other.reach(log.length);
  expect(errors).toEqual([]);
  expect(stored).toMatchObject({ value: replay.value, context: replay.context });
  expect(cut.version).toBe(other.version);
  expect(cut.state!.state.context).toEqual(other.state!.state.context);
  expect(cut.state!.state.context).toEqual(replay.context);

  for (const t of tried) {
    const inLog = log.filter((e) => e.commandId === t.commandId);
    const first = t.answers[0]!;
    // Never twice: at most one entry, and every answer to the same commandId agrees with the first.
    expect(inLog.length).toBeLessThanOrEqual(1);
    for (const a of t.answers.slice(1))
      expect(a.ok ? { ok: true, version: a.version } : { ok: false, code: a.code }).toEqual(
        first.ok ? { ok: true, version: first.version } : { ok: false, code: first.code },
      );
    if (first.ok) expect(inLog.map((e) => e.version)).toEqual([first.version]);
    else expect(inLog).toEqual([]);
  }
  const byType = (type: string) => answers[tried.findIndex((t) => t.command.type === type)]! as CommandAck;
  expect(byType('note.add')).toMatchObject({ ok: true }); // applied once, whenever it arrived
  expect(byType('floor.next')).toMatchObject({ ok: false, code: 'STALE' }); // a clear refusal, not a second advance
  console.info(
    `[network drop: ${kind}] ${tried.map((t) => `${t.command.type} → ${t.answers[0]!.ok ? 'applied' : (t.answers[0] as { code: string }).code} (${t.attempts} sends, ${t.answers.length} answers)`).join('; ')}; ` +
      `the cut screen reconnected ${cut.joins - 1}×`,
  );
}

describe.concurrent('[P4][P7][P8] a 30-second network cut', () => {
  // Each test tidies up only what it made: the two run side by side.
  const run =
    (kind: 'blackhole' | 'reset') =>
    async ({ onTestFinished }: { onTestFinished: (fn: () => unknown) => void }) => {
      const cleanups: (() => unknown)[] = [];
      onTestFinished(async () => {
        for (const c of cleanups.reverse()) await c();
      });
      await scenario(kind, cleanups);
    };
  it(
    'silent (a dead link): late and repeated sends are applied once or refused with a code, and the screen catches up',
    run('blackhole'),
    CUT_MS + 60_000,
  );
  it('hard (connections reset): the screen reconnects, retries with the same commandIds, and catches up', run('reset'), CUT_MS + 60_000);
});
