import { describe, expect, it } from 'vitest';
import { memberFacts } from '../../shared/review/progress-notes.js';
import { ANA, BEN, CLEO, CO, DEV, ev, opening, T0 } from '../machine/helpers.js';
import { reviewOf, ROSTER } from './support.js';

/** The facts a member's progress note starts from (docs/review.md §Progress notes). */

const clock = (ms: number) => `t+${(ms - T0) / 1000}`;
const log = [
  ...opening([ANA, BEN, CLEO]),
  ev({ type: 'floor.give', memberId: ANA }, 60),
  ev({ type: 'turn.end' }, 180),
  ev({ type: 'flag.raise', kind: 'distress', memberId: ANA, text: 'cried when Ben spoke' }, 200, CO),
  ev({ type: 'note.add', text: 'Ana private text', memberId: ANA, private: true }, 210),
  ev({ type: 'member.stepOut', memberId: CLEO }, 240),
  ev({ type: 'member.return', memberId: CLEO }, 300),
  ev({ type: 'attendance.mark', memberId: BEN, mark: 'left' }, 420),
  ev({ type: 'session.end' }, 600),
];
const facts = memberFacts(reviewOf(log), clock);
const of = (id: string) => facts.find((f) => f.memberId === id)!;

describe('[R15] a progress note’s facts come from the review figures', () => {
  it('a member who spoke and was flagged: attendance with times, talk, the flag, the skill', () => {
    expect(of(ANA)).toMatchObject({ name: 'Ana', kind: 'progress' });
    expect(of(ANA).facts).toEqual([
      'Attendance: Present.',
      'In the room 10 min, t+0–t+600.',
      "Spoke in 1 turn, 2 min in all (100% of the group's talk time).",
      'Flagged: Distress, t+200 (Introduction): “cried when another member spoke”.',
      'Skill taught: box breathing.',
    ]);
  });

  it('prefills the narrative: participation from the facts, the flag under presentation, the skill under interventions', () => {
    expect(of(ANA).prefill).toEqual({
      presentation: 'Flagged during the session: distress.',
      participation: "Attendance: Present. In the room 10 min, t+0–t+600. Spoke in 1 turn, 2 min in all (100% of the group's talk time).",
      interventions: 'Skill taught: box breathing.',
      response: '',
      plan: '',
    });
  });

  it('stepped out with the times, left early, did not speak', () => {
    expect(of(CLEO).facts).toContain('Stepped out 1 time, 1 min in all (t+240–t+300).');
    expect(of(CLEO).facts).toContain('Did not speak.');
    expect(of(BEN).facts.slice(0, 2)).toEqual(['Attendance: Left early (t+420).', 'In the room 7 min, t+0–t+420.']);
  });

  it('an absent member gets an attendance-only note with nothing prefilled', () => {
    expect(of(DEV)).toMatchObject({
      kind: 'attendance',
      facts: ['Attendance: Absent.'],
      prefill: { presentation: '', participation: '', interventions: '', response: '', plan: '' },
    });
  });

  it('never names another member, and never carries a note (private or not)', () => {
    for (const note of facts) {
      const text = [...note.facts, ...Object.values(note.prefill)].join('\n');
      for (const other of ROSTER.filter((m) => m.id !== note.memberId)) expect(text).not.toMatch(new RegExp(`\\b${other.name}\\b`));
      expect(text).not.toContain('private text');
    }
  });
});
