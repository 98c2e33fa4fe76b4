import { describe, expect, it } from 'vitest';
import { reviewSummary } from '../../shared/review/summary.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { ANA, BEN, CLEO, CO, DEV, ev, opening } from '../machine/helpers.js';
import { reviewOf } from './support.js';

/** The plain-language summary at the top of the review (docs/review.md R24, privacy.md D29). */

/** Introduction for `introSec`, then Sharing with `turns` ([member, seconds] one after another), then the end. */
function session(introSec: number, turns: [string, number][], then: SessionEvent[] = [], present = [ANA, BEN, CLEO, DEV]): SessionEvent[] {
  const events = [...opening(present), ev({ type: 'phase.next' }, introSec)];
  let t = introSec;
  for (const [memberId, sec] of turns) {
    events.push(ev({ type: 'floor.give', memberId }, t));
    t += sec;
    events.push(ev({ type: 'turn.end' }, t));
  }
  return [...events, ...then.map((e) => ({ ...e, at: ev({ type: 'session.pause' }, t).at })), ev({ type: 'session.end' }, t)];
}

describe('[R24] the summary in words', () => {
  it('says under plan, names who spoke most and least with their shares, and one flag', () => {
    const flag = ev({ type: 'flag.raise', kind: 'distress', memberId: DEV, text: null }, 0, CO);
    const r = reviewOf(
      session(
        600,
        [
          [BEN, 90],
          [ANA, 60],
          [CLEO, 30],
          [DEV, 20],
        ],
        [flag],
      ),
    );
    // Planned 75 min; ran 600 + 200 s.
    expect(reviewSummary(r)).toBe('Ran 1 h 1 min 40 s under plan; Ben spoke most (45 %), Dev least (10 %); 1 distress flag (Dev).');
  });

  it('says over plan and names each phase over its plan', () => {
    const r = reviewOf(session(607, [[BEN, 1200]]));
    const text = reviewSummary(r);
    expect(text).toMatch(/^Ran /);
    expect(text).toContain('Introduction 7 s over');
  });

  it('says to plan when the session ran exactly its planned minutes', () => {
    // 10 min introduction, then 65 min in Sharing: 75 min, the plan's total.
    const r = reviewOf(session(600, [[ANA, 3900]]));
    expect(reviewSummary(r)).toMatch(/^Ran to plan; /);
    expect(reviewSummary(r)).toContain('Sharing 45 min over');
  });

  it('says nobody spoke and no flags', () => {
    const r = reviewOf(session(60, []));
    expect(reviewSummary(r)).toBe('Ran 1 h 14 min under plan; nobody spoke; no flags.');
  });

  it('names the one speaker and who did not speak', () => {
    const r = reviewOf(session(60, [[CLEO, 30]], [], [ANA, CLEO]));
    expect(reviewSummary(r)).toContain('only Cleo spoke, Ana did not speak');
  });

  it('names tied members together, at the top and at the bottom', () => {
    const r = reviewOf(
      session(60, [
        [ANA, 40],
        [BEN, 40],
        [CLEO, 10],
        [DEV, 10],
      ]),
    );
    expect(reviewSummary(r)).toContain('Ana and Ben spoke most (40 % each), Cleo and Dev least (10 % each)');
    const even = reviewOf(
      session(
        60,
        [
          [ANA, 30],
          [BEN, 30],
        ],
        [],
        [ANA, BEN],
      ),
    );
    expect(reviewSummary(even)).toContain('Ana and Ben spoke equally (50 % each)');
  });

  it('counts several flags by kind, naming each member once and the group as the group', () => {
    const flags = [
      ev({ type: 'flag.raise', kind: 'distress', memberId: DEV, text: null }),
      ev({ type: 'flag.raise', kind: 'distress', memberId: ANA, text: null }),
      ev({ type: 'flag.raise', kind: 'distress', memberId: DEV, text: null }),
      ev({ type: 'flag.raise', kind: 'risk', memberId: null, text: null }),
    ];
    const r = reviewOf(session(60, [[ANA, 30]], flags));
    expect(reviewSummary(r)).toMatch(/; 4 flags: 3 distress \(Dev and Ana\), 1 risk \(the group\)\.$/);
  });

  it('puts the commonest kind first and counts, rather than names, more than three flagged', () => {
    const about = [ANA, BEN, CLEO, DEV, null].map((memberId) => ev({ type: 'flag.raise', kind: 'conflict', memberId, text: null }));
    const r = reviewOf(session(60, [[ANA, 30]], [ev({ type: 'flag.raise', kind: 'other', memberId: BEN, text: null }), ...about]));
    expect(reviewSummary(r)).toMatch(/; 6 flags: 5 conflict \(4 members and the group\), 1 other \(Ben\)\.$/);
  });

  it('says a session not started is not started, and a running one how far it is', () => {
    expect(reviewSummary(reviewOf([]))).toBe('Not started yet.');
    const running = session(60, [[ANA, 30]]).slice(0, -1);
    expect(reviewSummary(reviewOf(running))).toMatch(/^Running: 1 min 30 s so far, 1 h 13 min 30 s under plan; /);
  });
});

describe('[D29] the summary keeps the page’s privacy', () => {
  it('never carries a note, private or not, nor a flag’s text', () => {
    const secret = 'Ana mentioned her brother';
    const then = [
      ev({ type: 'note.add', text: secret, memberId: ANA, private: true }),
      ev({ type: 'note.add', text: 'shared note text', memberId: BEN, private: false }),
      ev({ type: 'flag.raise', kind: 'conflict', memberId: BEN, text: 'flag words' }),
    ];
    const text = reviewSummary(reviewOf(session(60, [[ANA, 30]], then)));
    expect(text).toContain('1 conflict flag (Ben)');
    for (const words of [secret, 'shared note text', 'flag words', 'note']) expect(text).not.toContain(words);
  });
});
