import { describe, expect, it } from 'vitest';
import { commandSchema } from '../../shared/schemas/commands.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { tapAction } from '../../shared/session/tap.js';
import { ANA, BEN, CO, ev, LEAD, liveSession, run, send, STRANGER } from './helpers.js';

const parses = (command: unknown) => commandSchema.safeParse(command).success;

describe('signals that say enough (issue 16 §8)', () => {
  it('[P49] a signal names the member it is about and carries the sender’s few words', () => {
    const snap = liveSession([ev({ type: 'signal.send', kind: 'checkOnMember', memberId: ANA, text: 'Ana went quiet' }, 30, CO)]);
    expect(snap.context.signals.at(-1)).toMatchObject({
      kind: 'checkOnMember',
      memberId: ANA,
      text: 'Ana went quiet',
      from: CO,
      ackedAt: null,
    });
    // Any preset may name a member or carry words, or neither.
    const plain = send(snap, ev({ type: 'signal.send', kind: 'wrapUp' }, 40));
    expect(plain.context.signals.at(-1)).toMatchObject({ kind: 'wrapUp', memberId: null, text: null });
  });

  it('[P49] the wire shape: Check on member names its member; words are at most 80 safe characters', () => {
    expect(parses({ type: 'signal.send', kind: 'checkOnMember', memberId: ANA })).toBe(true);
    expect(parses({ type: 'signal.send', kind: 'checkOnMember' })).toBe(false);
    expect(parses({ type: 'signal.send', kind: 'checkOnMember', memberId: null })).toBe(false);
    expect(parses({ type: 'signal.send', kind: 'wrapUp', text: 'x'.repeat(80) })).toBe(true);
    expect(parses({ type: 'signal.send', kind: 'wrapUp', text: 'x'.repeat(81) })).toBe(false);
    expect(parses({ type: 'signal.send', kind: 'wrapUp', text: 'bell\u0007' })).toBe(false);
    expect(parses({ type: 'signal.send', kind: 'wrapUp', text: '   ' })).toBe(false);
  });

  it('[P49] a signal about someone not in the group is refused; its acknowledgement still works as before', () => {
    const snap = liveSession();
    const stranger = ev({ type: 'signal.send', kind: 'checkOnMember', memberId: STRANGER }, 10);
    expect(reasonAgainst(snap.context, stranger)).toBe('That member is not in this group.');
    expect(send(snap, stranger)).toBe(snap);
    const sent = send(snap, { ...ev({ type: 'signal.send', kind: 'checkOnMember', memberId: BEN, text: 'Ben?' }, 10, CO), id: 'sig-9' });
    const seen = send(sent, ev({ type: 'signal.ack', signalId: 'sig-9' }, 14, LEAD));
    expect(seen.context.signals.at(-1)).toMatchObject({
      memberId: BEN,
      text: 'Ben?',
      ackedBy: LEAD,
      ackedAt: sent.context.clock!.startedAt + 14_000,
    });
  });
});

describe('the facilitators’ own time (issue 16 §9)', () => {
  it('[P51] a facilitator is given the floor by role, timed, and tallied like a member, never as a member', () => {
    const snap = liveSession([
      ev({ type: 'floor.give', memberId: ANA }, 10),
      ev({ type: 'floor.give', facilitator: 'co' }, 70, CO),
      ev({ type: 'turn.end' }, 110),
    ]);
    expect(snap.context.talk[ANA]).toMatchObject({ turns: 1, talkMs: 60_000 });
    expect(snap.context.talk['facilitator:co']).toMatchObject({ turns: 1, talkMs: 40_000 });
    expect(Object.keys(snap.context.attendance)).not.toContain('facilitator:co');
  });

  it('[P51] queued and given by Next speaker, undone within the window with no turn counted', () => {
    const queued = liveSession([ev({ type: 'queue.add', facilitator: 'lead' }, 5), ev({ type: 'queue.add', memberId: BEN }, 6)]);
    expect(queued.context.queue).toEqual(['facilitator:lead', BEN]);
    const next = send(queued, ev({ type: 'floor.next' }, 10));
    expect(next.context.floor).toMatchObject({ memberId: 'facilitator:lead', via: 'queue' });

    const given = send(queued, ev({ type: 'floor.give', facilitator: 'lead' }, 10));
    expect(given.context.queue).toEqual([BEN]);
    const undone = send(given, ev({ type: 'floor.undo', facilitator: 'lead', toQueueIndex: 0 }, 13));
    expect(undone.context.floor).toBeNull();
    expect(undone.context.queue).toEqual(['facilitator:lead', BEN]);
    expect(undone.context.talk['facilitator:lead']).toBeUndefined();
  });

  it('[P51] refusals name the facilitator by role, never as a member', () => {
    const snap = liveSession([ev({ type: 'floor.give', facilitator: 'co' }, 5)]);
    const again = ev({ type: 'floor.give', facilitator: 'co' }, 6);
    expect(reasonAgainst(snap.context, again)).toBe('The co-facilitator already has the floor.');
    expect(reasonAgainst(snap.context, ev({ type: 'queue.add', facilitator: 'co' }, 6))).toBe('The co-facilitator has the floor.');
    expect(reasonAgainst(snap.context, ev({ type: 'queue.remove', facilitator: 'lead' }, 6))).toBe(
      'The lead facilitator is not in the queue.',
    );
    expect(reasonAgainst(snap.context, ev({ type: 'floor.undo', facilitator: 'lead', toQueueIndex: null }, 6))).toBe(
      'The lead facilitator does not have the floor.',
    );
    // A member id cannot smuggle a facilitator in: the speaker id is no member id.
    expect(reasonAgainst(snap.context, ev({ type: 'floor.give', memberId: 'facilitator:lead' }, 6))).toBe(
      'That member is not in this group.',
    );
  });

  it('[P51] the wire shape names exactly one speaker, and a facilitator only by role', () => {
    expect(parses({ type: 'floor.give', facilitator: 'co' })).toBe(true);
    expect(parses({ type: 'floor.give', memberId: ANA })).toBe(true);
    expect(parses({ type: 'floor.give' })).toBe(false);
    expect(parses({ type: 'floor.give', memberId: ANA, facilitator: 'lead' })).toBe(false);
    expect(parses({ type: 'floor.give', facilitator: 'observer' })).toBe(false);
    expect(parses({ type: 'floor.give', memberId: 'facilitator:co' })).toBe(false);
    expect(parses({ type: 'queue.add', facilitator: 'lead', toIndex: 0 })).toBe(true);
    expect(parses({ type: 'floor.undo', facilitator: 'lead' })).toBe(true);
  });

  it('[P51] one tap on a facilitator acts as on a member’s tile: floor, queue, out of the queue', () => {
    const open = liveSession();
    expect(tapAction(open.context, 'facilitator:co')).toMatchObject({
      command: { type: 'floor.give', facilitator: 'co' },
      undo: { type: 'floor.undo', facilitator: 'co', toQueueIndex: null },
      did: 'give',
    });
    const anaSpeaks = run([ev({ type: 'floor.give', memberId: ANA }, 5)], open);
    expect(tapAction(anaSpeaks.context, 'facilitator:co')?.command).toEqual({ type: 'queue.add', facilitator: 'co' });
    const coQueued = run([ev({ type: 'queue.add', facilitator: 'co' }, 6)], anaSpeaks);
    expect(tapAction(coQueued.context, 'facilitator:co')).toMatchObject({
      command: { type: 'queue.remove', facilitator: 'co' },
      undo: { type: 'queue.add', facilitator: 'co', toIndex: 0 },
    });
    const coSpeaks = run([ev({ type: 'floor.give', facilitator: 'co' }, 7)], open);
    expect(tapAction(coSpeaks.context, 'facilitator:co')).toBeNull();
  });
});
