import { describe, expect, it } from 'vitest';
import { filterLines } from '../../shared/review/filter.js';
import { ANA, BEN, CLEO, CO, DEV, ev, LEAD, opening } from '../machine/helpers.js';
import { MIN, of, reviewOf, SEC } from './support.js';

/** Every figure of the review on hand-built logs, with the numbers worked out by hand. */

describe('talk time, turns and passes', () => {
  // Ana speaks 2:00, Ben passes, Cleo speaks 3:00, the round comes back to Ben and he passes again.
  const log = [
    ...opening([ANA, BEN, CLEO]),
    ev({ type: 'phase.next' }, 600),
    ev({ type: 'round.start' }, 600),
    ev({ type: 'floor.next' }, 720),
    ev({ type: 'round.pass' }, 730),
    ev({ type: 'floor.next' }, 910),
    ev({ type: 'round.pass' }, 915),
    ev({ type: 'session.end' }, 1000),
  ];
  const review = reviewOf(log);

  it('counts each member’s turns, talk time, longest turn and share', () => {
    expect(of(review.talk, ANA)).toMatchObject({ turns: 1, talkMs: 2 * MIN, longestTurnMs: 2 * MIN, passes: 0 });
    expect(of(review.talk, CLEO)).toMatchObject({ turns: 1, talkMs: 3 * MIN, passes: 0 });
    expect(of(review.talk, ANA).share).toBeCloseTo(0.4);
    expect(of(review.talk, CLEO).share).toBeCloseTo(0.6);
  });

  it('a member who passed twice has two passes, no turn, and is named among those who never spoke', () => {
    expect(of(review.talk, BEN)).toMatchObject({ turns: 0, talkMs: 0, passes: 2 });
    expect(review.passes.map((p) => [p.memberId, p.at - log[0]!.at])).toEqual([
      [BEN, 730 * SEC],
      [BEN, 915 * SEC],
    ]);
    expect(review.silent).toEqual([BEN]);
  });

  it('a pass is not a turn: the seconds Ben was up before passing count for nobody', () => {
    expect(review.turns.map((t) => [t.memberId, t.talkMs / SEC, t.via, t.phase])).toEqual([
      [ANA, 120, 'round', 'sharing'],
      [CLEO, 180, 'round', 'sharing'],
    ]);
  });

  it('a member marked neither present nor late is absent and not among the silent', () => {
    expect(of(review.attendance, DEV)).toMatchObject({ status: 'absent', attended: false, presentMs: 0 });
    expect(review.silent).not.toContain(DEV);
  });

  it('says what happened in plain words, with the time since the start', () => {
    const words = review.lines.map((l) => [l.elapsedMs === null ? null : l.elapsedMs / SEC, l.text]);
    expect(words).toEqual([
      [null, 'Dana marked Ana present'],
      [null, 'Dana marked Ben present'],
      [null, 'Dana marked Cleo present'],
      [0, 'Dana started the session'],
      [600, 'Dana moved on to Sharing'],
      [600, 'Dana started a go-round: Ana first'],
      [720, 'Dana moved the go-round on to Ben (Ana spoke 2 min)'],
      [730, 'Dana noted that Ben passed; Cleo is up'],
      [910, 'Dana moved the go-round on to Ben (Cleo spoke 3 min)'],
      [915, 'Dana noted that Ben passed twice; the go-round is over'],
      [1000, 'Dana ended the session; never came, so marked absent: Dev'],
    ]);
  });

  it('filters the log by kind and by member', () => {
    expect(filterLines(review.lines, { kind: 'round', memberId: null }).map((l) => l.version)).toEqual([6, 8, 10]);
    expect(filterLines(review.lines, { kind: null, memberId: BEN }).map((l) => l.version)).toEqual([2, 7, 8, 9, 10]);
    expect(filterLines(review.lines, { kind: 'floor', memberId: CLEO }).map((l) => l.version)).toEqual([9]);
  });
});

describe('pauses and paused turns', () => {
  // Ana's turn is held 2:00–9:00, with a session pause 3:00–8:00 inside the hold; Ben's turn runs
  // through a session pause; the session ends while paused.
  const log = [
    ...opening(),
    ev({ type: 'floor.give', memberId: ANA }, 60),
    ev({ type: 'turn.pause' }, 120),
    ev({ type: 'session.pause' }, 180),
    ev({ type: 'session.resume' }, 480),
    ev({ type: 'turn.resume' }, 540),
    ev({ type: 'turn.end' }, 600),
    ev({ type: 'floor.give', memberId: BEN }, 600),
    ev({ type: 'session.pause' }, 660, CO),
    ev({ type: 'session.resume' }, 720),
    ev({ type: 'turn.end' }, 780),
    ev({ type: 'session.pause' }, 800),
    ev({ type: 'session.end' }, 900),
  ];
  const review = reviewOf(log);

  it('lists each session pause with who paused and who resumed it', () => {
    expect(review.pauses.map((p) => [(p.from - log[0]!.at) / SEC, p.ms / SEC, p.by, p.resumedBy])).toEqual([
      [180, 300, LEAD, LEAD],
      [660, 60, CO, LEAD],
      [800, 100, LEAD, null],
    ]);
  });

  it('leaves pauses out of the active time, not out of the wall time', () => {
    expect(review.session).toMatchObject({ status: 'ended', wallMs: 900 * SEC, pausedMs: 460 * SEC, activeMs: 440 * SEC });
    expect(review.session.differenceMs).toBe(440 * SEC - 75 * MIN);
    expect(review.phases).toHaveLength(1);
    expect(review.phases[0]).toMatchObject({ phase: 'introduction', actualMs: 440 * SEC, pausedMs: 460 * SEC });
  });

  it('a held turn and a session pause inside it count once, and neither counts as talk', () => {
    const [ana, ben] = review.turns;
    expect(ana!.talkMs).toBe(120 * SEC);
    expect(ana!.pauses.map((p) => [(p.to - p.from) / SEC, p.reason])).toEqual([[420, 'held']]);
    expect(ben!.talkMs).toBe(120 * SEC);
    expect(ben!.pauses.map((p) => [(p.to - p.from) / SEC, p.reason])).toEqual([[60, 'session']]);
  });

  it('says how long a pause lasted when the session resumes', () => {
    expect(review.lines.find((l) => l.version === 9)!.text).toBe('Dana resumed the session (paused 5 min)');
    expect(review.lines.find((l) => l.version === 11)!.text).toBe("Dana ended Ana's turn (2 min)");
  });
});

describe('attendance: late, left early, stepped out', () => {
  const log = [
    ...opening([ANA, BEN, CLEO]),
    ev({ type: 'floor.give', memberId: CLEO }, 60),
    ev({ type: 'member.stepOut', memberId: CLEO }, 120),
    ev({ type: 'member.return', memberId: CLEO }, 300),
    ev({ type: 'attendance.mark', memberId: DEV, mark: 'late' }, 400),
    ev({ type: 'member.stepOut', memberId: BEN }, 500),
    ev({ type: 'attendance.mark', memberId: ANA, mark: 'left' }, 600),
    ev({ type: 'session.end' }, 900),
  ];
  const review = reviewOf(log);
  const t = (sec: number) => log[0]!.at + sec * SEC;

  it('a member who steps out while speaking ends the turn; time out is not time present', () => {
    expect(of(review.talk, CLEO)).toMatchObject({ turns: 1, talkMs: 60 * SEC });
    expect(of(review.attendance, CLEO)).toMatchObject({ attended: true, late: false, presentMs: 720 * SEC });
    expect(of(review.attendance, CLEO).stepOuts).toEqual([{ from: t(120), to: t(300), returned: true }]);
  });

  it('a member still out at the end is out until the end, not returned', () => {
    expect(of(review.attendance, BEN).stepOuts).toEqual([{ from: t(500), to: t(900), returned: false }]);
    expect(of(review.attendance, BEN).presentMs).toBe(500 * SEC);
  });

  it('late with the arrival time; left early with the time', () => {
    expect(of(review.attendance, DEV)).toMatchObject({
      status: 'late',
      attended: true,
      late: true,
      arrivedAt: t(400),
      presentMs: 500 * SEC,
    });
    expect(of(review.attendance, ANA)).toMatchObject({ status: 'left', attended: true, late: false, leftAt: t(600), presentMs: 600 * SEC });
  });

  it('names steps-out and returns plainly', () => {
    expect(review.lines.find((l) => l.type === 'member.stepOut')!.text).toBe('Dana noted that Cleo stepped out (Cleo spoke 1 min)');
    expect(review.lines.find((l) => l.type === 'member.return')!.text).toBe('Dana noted that Cleo returned (out 3 min)');
  });
});

describe('phases in the order they happened', () => {
  const log = [
    ...opening(),
    ev({ type: 'phase.next' }, 300),
    ev({ type: 'phase.next' }, 900),
    ev({ type: 'phase.goto', phase: 'sharing' }, 1000),
    ev({ type: 'phase.goto', phase: 'feedback' }, 1300),
    ev({ type: 'session.pause' }, 1400),
    ev({ type: 'session.resume' }, 1460),
    ev({ type: 'session.end' }, 1600),
  ];
  const review = reviewOf(log);

  it('a phase visited twice shows both visits; the plan is counted on the first', () => {
    expect(
      review.phases.map((p) => [p.phase, p.visit, p.plannedMs === null ? null : p.plannedMs / SEC, p.actualMs / SEC, p.differenceMs / SEC]),
    ).toEqual([
      ['introduction', 1, 600, 300, -300],
      ['sharing', 1, 1200, 600, -600],
      ['facilitation', 1, 1200, 100, -1100],
      ['sharing', 2, null, 300, 300],
      ['feedback', 1, 600, 240, -360],
    ]);
    expect(review.unvisited).toEqual([{ phase: 'skillDevelopment', plannedMs: 15 * MIN }]);
  });

  it('the rows add up: actual to the active time, differences to the session’s difference', () => {
    const actual = review.phases.reduce((sum, p) => sum + p.actualMs, 0);
    const difference =
      review.phases.reduce((sum, p) => sum + p.differenceMs, 0) - review.unvisited.reduce((sum, p) => sum + p.plannedMs, 0);
    expect(actual).toBe(review.session.activeMs);
    expect(difference).toBe(review.session.differenceMs);
  });

  it('a jump back reads as going back', () => {
    expect(review.lines.filter((l) => l.kind === 'phase').map((l) => l.text)).toEqual([
      'Dana moved on to Sharing',
      'Dana moved on to Facilitation',
      'Dana went back to Sharing',
      'Dana went to Feedback',
    ]);
  });
});

describe('flags, notes and signals', () => {
  const wrapUp = ev({ type: 'signal.send', kind: 'wrapUp' }, 60, CO);
  const log = [
    ...opening(),
    ev({ type: 'flag.raise', kind: 'distress', memberId: ANA, text: 'Ana tearful after Ben spoke' }, 30, CO),
    ev({ type: 'note.add', text: 'Ben seems withdrawn.', memberId: BEN, private: true }, 40),
    ev({ type: 'note.add', text: 'Good energy today.', memberId: null, private: false }, 50),
    wrapUp,
    // The ack names the signal by the id the server stamped on it.
    ev({ type: 'signal.ack', signalId: wrapUp.id! }, 75),
    ev({ type: 'signal.send', kind: 'fiveMinutes' }, 90),
    ev({ type: 'session.end' }, 100),
  ];
  const review = reviewOf(log);

  it('every flag with its label, phase, time and author', () => {
    expect(review.flags).toEqual([
      expect.objectContaining({
        kind: 'distress',
        label: 'Distress',
        memberId: ANA,
        phase: 'introduction',
        by: CO,
        text: 'Ana tearful after Ben spoke',
      }),
    ]);
  });

  it('notes keep their private mark and get the phase they were written in', () => {
    expect(review.notes.map((n) => [n.memberId, n.private, n.phase])).toEqual([
      [BEN, true, 'introduction'],
      [null, false, 'introduction'],
    ]);
    expect(review.lines.find((l) => l.type === 'note.add')).toMatchObject({ private: true, memberIds: [BEN] });
  });

  it('signals with their acknowledgement delay', () => {
    expect(review.signals.map((s) => [s.label, s.ackDelayMs, s.ackedBy])).toEqual([
      ['Wrap up', 15 * SEC, LEAD],
      ['5 minutes', null, null],
    ]);
    expect(review.lines.find((l) => l.type === 'signal.ack')!.text).toBe('Dana acknowledged “Wrap up” after 15 s');
  });
});

describe('a session still running', () => {
  const log = [...opening([ANA, BEN]), ev({ type: 'floor.give', memberId: ANA }, 60), ev({ type: 'session.pause' }, 120)];

  it('is read at the given time: open spans run to it and are marked open; a running turn is not yet counted', () => {
    const review = reviewOf(log, 300);
    expect(review.session).toMatchObject({ status: 'paused', endedAt: null, wallMs: 300 * SEC, pausedMs: 180 * SEC, activeMs: 120 * SEC });
    expect(review.pauses[0]).toMatchObject({ open: true, ms: 180 * SEC });
    expect(review.phases[0]).toMatchObject({ open: true, actualMs: 120 * SEC });
    expect(review.turns[0]).toMatchObject({ open: true, talkMs: 60 * SEC });
    expect(of(review.talk, ANA).turns).toBe(0);
  });

  it('a session never started has no times and every phase unvisited', () => {
    const review = reviewOf(opening([ANA]).slice(0, 1));
    expect(review.session).toMatchObject({ status: 'lobby', startedAt: null, activeMs: 0 });
    expect(review.unvisited).toHaveLength(5);
    expect(review.attendance.every((a) => !a.attended)).toBe(true);
  });
});
