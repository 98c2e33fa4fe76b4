import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import { barrier, versionsAfter } from '../support/barrier.js';
import { manualClock } from '../support/clock.js';
import { nextUpdate, type TestSocket } from '../support/sockets.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

/**
 * The commands of issue 16 through a real server and two real screens: what the sender's ack
 * says and what the other screen receives (P35–P41).
 */
let fx: SessionFixture;
afterEach(() => fx?.close());

/** Sends, expects success, and returns the context once both screens have the new version. */
async function act(from: TestSocket, command: Command) {
  const ack = await send(from, fx.sessionId, command);
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code} ${ack.message}`);
  const [, other] = await Promise.all([nextUpdate(fx.lead.socket, ack.version), nextUpdate(fx.co.socket, ack.version)]);
  return other.state.context;
}

describe('the room as it really runs, on two screens', () => {
  it('[P36] "late" in the lobby is refused NOT_ALLOWED with the reason, and nothing is broadcast', async () => {
    fx = await sessionFixture();
    const ack = await send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'late' });
    expect(ack).toMatchObject({ ok: false, code: 'NOT_ALLOWED', message: 'The session has not started: mark them present.' });
    const at = await barrier(fx, [fx.co.socket]);
    expect(versionsAfter(fx.co.socket, 0)).toEqual([at]);
  });

  it('[P35] [P37] [P38] a member not here yet stays so; arriving late, they join the counter-clockwise round at their seat, on both screens', async () => {
    const clock = manualClock();
    fx = await sessionFixture({ clock });
    const { lead, co, member } = fx;
    for (const name of ['Sam', 'Ana', 'Jo']) await act(lead.socket, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    const started = await act(lead.socket, { type: 'session.start' });
    expect(started.attendance[member.Kit!]?.status).toBe('expected');

    // Seats: Sam, Ana, Kit, Jo. From Jo counter-clockwise: Jo, Kit's seat, Ana, Sam.
    const round = await act(co.socket, { type: 'round.start', firstMemberId: member.Jo!, direction: 'counterclockwise' });
    expect(round.floor?.memberId).toBe(member.Jo);
    expect(round.round).toMatchObject({ order: [member.Jo, member.Ana, member.Sam], direction: 'counterclockwise' });

    clock.advance(60_000);
    const joined = await act(lead.socket, { type: 'attendance.mark', memberId: member.Kit!, mark: 'late', joinRound: 'seat' });
    expect(joined.attendance[member.Kit!]).toMatchObject({ status: 'late', arrivedAt: clock.now() });
    expect(joined.round?.pending).toEqual([member.Kit, member.Ana, member.Sam]);

    // The round has passed Jo's seat: joining there is refused, with the reason, on the sender's ack only.
    await act(lead.socket, { type: 'attendance.mark', memberId: member.Jo!, mark: 'left' });
    const ack = await send(co.socket, fx.sessionId, { type: 'attendance.mark', memberId: member.Jo!, mark: 'present', joinRound: 'seat' });
    expect(ack).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
  });

  it('[P41] a correction reaches both screens with who made it, and the log keeps the mark it corrects', async () => {
    fx = await sessionFixture();
    const { lead, co, member } = fx;
    for (const name of ['Sam', 'Ana']) await act(lead.socket, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    await act(lead.socket, { type: 'session.start' });
    await act(lead.socket, { type: 'attendance.mark', memberId: member.Ana!, mark: 'left' });
    const fixed = await act(co.socket, { type: 'attendance.correct', memberId: member.Ana!, status: 'present' });
    expect(fixed.attendance[member.Ana!]?.status).toBe('present');
    expect(fixed.corrections).toEqual([expect.objectContaining({ memberId: member.Ana, from: 'left', to: 'present', by: co.id })]);
    expect(lead.socket.updates.at(-1)!.cause).toMatchObject({ actorId: co.id, commandType: 'attendance.correct' });

    const log = await lead.api.get(`/api/sessions/${fx.sessionId}/log`);
    const types = (log.body.entries as { event: { type: string; mark?: string } }[]).map(
      (e) => e.event.type + (e.event.mark ? `:${e.event.mark}` : ''),
    );
    expect(types.slice(-2)).toEqual(['attendance.mark:left', 'attendance.correct']);
  });
});
