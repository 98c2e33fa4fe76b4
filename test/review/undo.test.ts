import { describe, expect, it } from 'vitest';
import { ANA, BEN, ev, opening } from '../machine/helpers.js';
import { of, reviewOf, SEC } from './support.js';

/** An Undo is a logged event the review understands (P46): a floor given and taken back is no turn. */
describe('[P46] the review of a one-tap Give the floor undone', () => {
  const log = [
    ...opening([ANA, BEN]),
    ev({ type: 'queue.add', memberId: BEN }, 50),
    ev({ type: 'floor.give', memberId: BEN }, 60),
    ev({ type: 'floor.undo', memberId: BEN, toQueueIndex: 0 }, 63),
    ev({ type: 'floor.give', memberId: ANA }, 64),
    ev({ type: 'turn.end' }, 124),
    ev({ type: 'session.end' }, 200),
  ];
  const review = reviewOf(log);

  it('counts no turn and no talk time for it, and the next give is a turn of its own', () => {
    expect(of(review.talk, BEN)).toMatchObject({ turns: 0, talkMs: 0 });
    expect(of(review.talk, ANA)).toMatchObject({ turns: 1, talkMs: 60 * SEC });
    expect(review.turns.map((t) => t.memberId)).toEqual([ANA]);
  });

  it('shows the Undo in the phase log as what it was', () => {
    expect(review.lines.find((l) => l.type === 'floor.undo')!.text).toBe(
      'Dana undid giving the floor to Ben (no turn counted); back in the speaking queue',
    );
  });
});
