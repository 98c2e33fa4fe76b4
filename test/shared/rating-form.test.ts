import { describe, expect, it } from 'vitest';
import { ratingCodeFormSchema, ratingFormSchema } from '../../shared/schemas/rating-form.js';
import { DEFAULT_RATING_ITEMS } from '../../shared/schemas/rating-scale.js';

const items = DEFAULT_RATING_ITEMS;
const members = ['m-ana', 'm-ben'];
const schema = ratingFormSchema(items, members);
const allSevens = Object.fromEntries(items.map((item) => [`score-${item.id}`, '7']));

/** The messages of a refused form, by field name. */
const problems = (body: unknown) => {
  const parsed = schema.safeParse(body);
  if (parsed.success) throw new Error('the form was taken');
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]));
};

describe('[S54] the rating form’s schema (shared/schemas/rating-form.ts)', () => {
  it('turns a whole form into the rating the desk saves: scores by item id, the comment trimmed', () => {
    const parsed = schema.parse({ member: 'm-ben', ...allSevens, 'score-overall': '10', comment: '  good one ' });
    expect(parsed).toEqual({
      memberId: 'm-ben',
      scores: { belonging: 7, mattered: 7, approach: 7, overall: 10 },
      comment: 'good one',
    });
    expect(schema.parse({ member: 'm-ana', ...allSevens, 'score-belonging': '0' }).comment).toBe('');
  });

  it('needs a member present: one the form lists, not another id, not two', () => {
    expect(problems({ ...allSevens })).toMatchObject({ member: 'Choose your name.' });
    expect(problems({ member: 'm-zed', ...allSevens })).toMatchObject({ member: 'Choose your name.' });
    expect(problems({ member: ['m-ana', 'm-ben'], ...allSevens })).toMatchObject({ member: 'Choose your name.' });
  });

  it('needs a whole number 0–10 for every item, and names the item that has none', () => {
    for (const bad of ['11', '-1', '7.5', '07', '', ' 7', '1e1', ['3', '4']]) {
      const found = problems({ member: 'm-ana', ...allSevens, 'score-approach': bad });
      expect(found, JSON.stringify(bad)).toEqual({ 'score-approach': 'Choose a number for “The way we worked suited me”.' });
    }
    const { 'score-overall': _left, ...missingOne } = allSevens;
    expect(problems({ member: 'm-ana', ...missingOne })).toEqual({
      'score-overall': "Choose a number for “Overall, today's group was right for me”.",
    });
  });

  it('takes a comment of at most 200 characters on one line, and nothing the page does not have', () => {
    expect(schema.parse({ member: 'm-ana', ...allSevens, comment: 'x'.repeat(200) }).comment).toHaveLength(200);
    expect(problems({ member: 'm-ana', ...allSevens, comment: 'x'.repeat(201) })).toEqual({
      comment: 'The comment is at most 200 characters.',
    });
    expect(problems({ member: 'm-ana', ...allSevens, comment: 'one\ntwo' }).comment).toMatch(/line breaks/);
    expect(problems({ member: 'm-ana', ...allSevens, comment: 'A\u202Ena' }).comment).toMatch(/invisible/);
    expect(Object.keys(problems({ member: 'm-ana', ...allSevens, groupId: 'g1' }))).toEqual(['']);
  });
});

describe('[S54] the short code as a member types it', () => {
  it('any case, spaces and dashes between characters: the code in capitals', () => {
    expect(ratingCodeFormSchema.parse({ code: ' k7m-q 2x ' }).code).toBe('K7MQ2X');
    expect(ratingCodeFormSchema.safeParse({ code: 'x'.repeat(33) }).success).toBe(false);
    expect(ratingCodeFormSchema.safeParse({ code: ['K7MQ2X', 'AAAAAA'] }).success).toBe(false);
    expect(ratingCodeFormSchema.safeParse({ code: 'K7MQ2X', extra: '1' }).success).toBe(false);
  });
});
