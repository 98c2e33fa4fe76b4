import { describe, expect, it } from 'vitest';
import { ANA, BEN, CLEO, CO, DEV, ev, opening } from '../machine/helpers.js';
import { MIN, of, reviewOf } from './support.js';

/** Corrections read as corrections, and the time present follows what was true (issue 16 §5); late joins and passes twice (§2, §3). */

describe('the review of a corrected mark', () => {
  // Ben is marked "left" at 10:00 by mistake; Robin corrects it at 15:00. Cleo is marked absent at
  // 5:00, wrongly: she was here all along. The session ends at 30:00. Dev was never marked.
  const log = [
    ...opening([ANA, BEN, CLEO]),
    ev({ type: 'attendance.mark', memberId: CLEO, mark: 'absent' }, 300),
    ev({ type: 'attendance.mark', memberId: BEN, mark: 'left' }, 600),
    ev({ type: 'attendance.correct', memberId: BEN, status: 'present' }, 900, CO),
    ev({ type: 'attendance.correct', memberId: CLEO, status: 'present' }, 960, CO),
    ev({ type: 'session.end' }, 1800),
  ];
  const review = reviewOf(log);

  it('[P41] shows the mark and its correction as two lines, the correction saying what it put right and who did', () => {
    const lines = review.lines.map((l) => l.text);
    expect(lines).toContain('Dana noted that Ben left');
    expect(lines).toContain("Robin corrected Ben's attendance: left early → present");
    expect(lines).toContain("Robin corrected Cleo's attendance: absent → present");
  });

  it('[P41] keeps each correction on the member’s attendance, and counts the time present as corrected', () => {
    expect(of(review.attendance, BEN)).toMatchObject({
      status: 'present',
      presentMs: 30 * MIN,
      corrections: [{ from: 'left', to: 'present', at: log[6]!.at, by: CO }],
    });
    expect(of(review.attendance, CLEO)).toMatchObject({ status: 'present', presentMs: 30 * MIN });
  });

  it('[P35] a member never marked is absent at the end, and the end says so', () => {
    expect(of(review.attendance, DEV)).toMatchObject({ status: 'absent', attended: false, presentMs: 0 });
    expect(review.lines.at(-1)?.text).toBe('Dana ended the session; never came, so marked absent: Dev');
  });
});

describe('the review of a go-round that knew the room', () => {
  it('[P37] [P40] says who joined the round late, and who passed twice', () => {
    const review = reviewOf([
      ...opening([ANA, BEN]),
      ev({ type: 'round.start', firstMemberId: BEN, direction: 'counterclockwise' }, 60),
      ev({ type: 'attendance.mark', memberId: CLEO, mark: 'late' }, 70),
      ev({ type: 'round.pass' }, 80),
      ev({ type: 'floor.next' }, 90),
      ev({ type: 'floor.next' }, 100),
      ev({ type: 'round.pass' }, 110),
      ev({ type: 'session.end' }, 200),
    ]);
    expect(review.lines.map((l) => l.text).slice(3, 9)).toEqual([
      'Dana started a go-round: Ben first, counter-clockwise',
      'Dana marked Cleo late, joining the go-round',
      'Dana noted that Ben passed; Ana is up',
      'Dana moved the go-round on to Cleo (Ana spoke 10 s)',
      'Dana moved the go-round on to Ben (Cleo spoke 10 s)',
      'Dana noted that Ben passed twice; the go-round is over',
    ]);
    expect(of(review.talk, BEN).passes).toBe(2);
  });
});
