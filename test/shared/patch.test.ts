import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patched, type StatePatch, type StateUpdate } from '../../shared/protocol.js';
import { applyPatch, diffView } from '../../shared/session/patch.js';
import { statusOf, type SessionView } from '../../shared/session/view.js';
import { begin, ev, liveSession, MEMBERS, send, type Snap } from '../machine/helpers.js';
import { play, stepArbitrary } from '../machine/random-session.js';

/**
 * [P10] A broadcast carries what changed since the version before. Applied to the state a screen
 * holds, it must give exactly the state the server has, after the trip over the wire (JSON).
 */
const members = MEMBERS.map((id, seat) => ({ id, name: id.toUpperCase(), seat }));
const facilitators = [{ id: 'lead-1', name: 'Dana', role: 'lead' as const }];
const viewOf = (snap: Snap): SessionView => ({
  sessionId: 's-1',
  groupId: 'g-1',
  groupName: 'Tuesday group',
  status: statusOf(snap.value),
  phase: snap.context.phase?.name ?? null,
  members,
  facilitators,
  context: snap.context,
});
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('[P10] state patches', () => {
  it('over random sessions, every patch turns the state before into the state after, once sent as JSON', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 60 }), (steps) => {
        let before = viewOf(begin(MEMBERS));
        let held = wire(before);
        play(MEMBERS, steps, (snap) => {
          const after = viewOf(snap);
          held = applyPatch(held, wire(diffView(before, after)));
          expect(held).toEqual(wire(after));
          before = after;
        });
      }),
      { numRuns: 200 },
    );
  });

  it('sends only what changed: a queue change is the queue, a note is the new note, nothing is nothing', () => {
    const live = liveSession();
    const queued = send(live, ev({ type: 'queue.add', memberId: 'ben' }, 10));
    expect(diffView(viewOf(live), viewOf(queued))).toEqual({ context: { queue: ['ben'] } });

    const noted = send(queued, { ...ev({ type: 'note.add', text: 'Calm.', memberId: null, private: false }, 20), id: 'n-1' });
    const patch = diffView(viewOf(queued), viewOf(noted));
    expect(patch.context).toBeUndefined();
    expect(patch.appended?.notes).toHaveLength(1);
    expect(patch.appended?.notes?.[0]).toMatchObject({ id: 'n-1', text: 'Calm.' });

    expect(diffView(viewOf(noted), viewOf(noted))).toEqual({});
  });

  it('a record list that changed other than by growing (a signal acknowledged) is sent whole', () => {
    const live = liveSession();
    const sent = send(live, { ...ev({ type: 'signal.send', kind: 'checkOnMember', memberId: 'ben' }, 5, 'co-1'), id: 'sig-1' });
    const acked = send(sent, ev({ type: 'signal.ack', signalId: 'sig-1' }, 6));
    const patch = diffView(viewOf(sent), viewOf(acked));
    expect(patch.appended).toBeUndefined();
    expect(patch.context?.signals?.[0]).toMatchObject({ id: 'sig-1', ackedBy: 'lead-1' });
  });

  it('names that changed (a roster edit) travel in the view part of the patch', () => {
    const live = viewOf(liveSession());
    const renamed = { ...live, members: members.map((m) => (m.id === 'ana' ? { ...m, name: 'A.' } : m)) };
    expect(diffView(live, renamed)).toEqual({ view: { members: renamed.members } });
  });

  it('patched() applies a change only to the version it was made from', () => {
    const before = viewOf(liveSession());
    const after = viewOf(send(liveSession(), ev({ type: 'queue.add', memberId: 'ana' }, 10)));
    const held: StateUpdate = { sessionId: 's-1', version: 7, serverNow: 1, state: before, cause: null };
    const change: StatePatch = { sessionId: 's-1', version: 8, baseVersion: 7, serverNow: 2, patch: diffView(before, after), cause: null };
    expect(patched(held, change)).toEqual({ sessionId: 's-1', version: 8, serverNow: 2, state: after, cause: null });
    expect(patched({ ...held, version: 6 }, change)).toBeNull();
    expect(patched({ ...held, sessionId: 's-2' }, change)).toBeNull();
  });
});
