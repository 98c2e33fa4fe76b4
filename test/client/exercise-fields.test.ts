import { describe, expect, it } from 'vitest';
import { exerciseFrom } from '../../client/features/planning/ExerciseFields.js';
import { sessionInputSchema } from '../../shared/schemas/rest.js';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

describe('[P48] the plan form’s exercise timer', () => {
  it('reads a paced breathing cycle, a countdown, or none, and the plan schema takes each', () => {
    const paced = exerciseFrom(form({ exerciseKind: 'paced', exerciseMinutes: '4', exercisePattern: '4-4-4-4' }));
    expect(paced).toEqual({ kind: 'paced', seconds: 240, pattern: [4, 4, 4, 4] });
    const countdown = exerciseFrom(form({ exerciseKind: 'countdown', exerciseMinutes: '1.5' }));
    expect(countdown).toEqual({ kind: 'countdown', seconds: 90 });
    expect(exerciseFrom(form({ exerciseKind: 'none' }))).toBeNull();
    for (const exercise of [paced, countdown, null]) expect(sessionInputSchema.safeParse({ plan: { exercise } }).success).toBe(true);
  });

  it('a pattern that is no breathing cycle is refused by the plan schema', () => {
    const bad = exerciseFrom(form({ exerciseKind: 'paced', exerciseMinutes: '4', exercisePattern: '0-0' }));
    expect(sessionInputSchema.safeParse({ plan: { exercise: bad } }).success).toBe(false);
    const nonsense = exerciseFrom(form({ exerciseKind: 'paced', exerciseMinutes: '4', exercisePattern: 'four' }));
    expect(sessionInputSchema.safeParse({ plan: { exercise: nonsense } }).success).toBe(false);
  });
});
