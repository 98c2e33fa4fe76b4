import { afterEach, describe, expect, it } from 'vitest';
import { addendumInputSchema } from '../../shared/review/record.js';
import { commandSchema } from '../../shared/schemas/commands.js';
import { accountSchema, groupInputSchema, planInputSchema } from '../../shared/schemas/rest.js';
import { connectSocket } from '../support/sockets.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

/** Each hides text or changes its direction: the shared rule refuses all of them (S41). */
const HIDDEN = {
  NUL: '\u0000',
  'C1 control': '\u0085',
  'right-to-left override': '\u202E',
  'left-to-right embedding': '\u202A',
  'first-strong isolate': '\u2068',
  'pop isolate': '\u2069',
  'zero-width space': '\u200B',
  'right-to-left mark': '\u200F',
  'word joiner': '\u2060',
  'byte-order mark': '\uFEFF',
  'zero-width joiner between Latin letters': '\u200D',
};
const withHidden = (char: string) => `Sa${char}m`;

/** Every stored text field, with a valid value to put the hidden character in. */
const FIELDS: [string, (text: string) => { success: boolean; error?: { issues: { message: string }[] } }][] = [
  ['member name', (t) => groupInputSchema.safeParse({ name: 'Group', members: [{ name: t }] })],
  ['group name', (t) => groupInputSchema.safeParse({ name: t })],
  ['group focus', (t) => groupInputSchema.safeParse({ name: 'Group', focus: t })],
  ['agreements', (t) => groupInputSchema.safeParse({ name: 'Group', agreements: `Listen.\n${t}` })],
  ['skill', (t) => planInputSchema.safeParse({ skill: t })],
  ['staff name', (t) => accountSchema.safeParse({ name: t, email: 'a@example.org', password: 'a long enough one' })],
  ['note', (t) => commandSchema.safeParse({ type: 'note.add', text: t })],
  ['flag text', (t) => commandSchema.safeParse({ type: 'flag.raise', kind: 'other', text: t })],
  ['addendum', (t) => addendumInputSchema.safeParse({ text: t })],
];

describe('[S41] one rule for every stored text', () => {
  it.each(FIELDS)('%s: refuses every invisible or direction-changing character, with a sentence', (_field, parse) => {
    for (const [what, char] of Object.entries(HIDDEN)) {
      const parsed = parse(withHidden(char));
      expect(parsed.success, what).toBe(false);
      expect(parsed.error!.issues.map((i) => i.message).join(' '), what).toMatch(
        /cannot contain (invisible or direction-changing|control) characters/,
      );
    }
  });

  it.each(FIELDS)('%s: keeps right-to-left scripts, Persian joiners and emoji sequences', (_field, parse) => {
    for (const text of ['שלום', 'مریم', 'می\u200Cخواهم', 'Ana 🙂\u200D↔\uFE0F', '👩\u200D👩\u200D👧'])
      expect(parse(text).success, text).toBe(true);
  });

  it('names are one line; notes and agreements may have several', () => {
    expect(groupInputSchema.safeParse({ name: 'Group', members: [{ name: 'Sa\nm' }] }).success).toBe(false);
    expect(groupInputSchema.safeParse({ name: 'Group', agreements: 'One.\n\tTwo.' }).success).toBe(true);
    expect(commandSchema.safeParse({ type: 'note.add', text: 'first\nsecond' }).success).toBe(true);
  });

  let fx: SessionFixture | null = null;
  afterEach(async () => {
    await fx?.close();
    fx = null;
  });

  it('the server refuses them over REST and the socket, and stores nothing', async () => {
    fx = await sessionFixture();
    const bidiMember = await fx.lead.api.post('/api/groups', { name: 'Group', members: [{ name: '\u202Egnp.exe' }] });
    expect(bidiMember.status).toBe(400);
    expect(JSON.stringify(bidiMember.body)).toContain('Names cannot contain invisible or direction-changing characters.');
    expect((await fx.lead.api.post('/api/groups', { name: 'Group', agreements: 'Be kind.\u0000' })).status).toBe(400);
    const note = await send(fx.lead.socket, fx.sessionId, { type: 'note.add', text: 'fine\u200Bfine', memberId: null, private: false });
    expect(note).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const again = await connectSocket(fx.server, fx.lead.api.cookie);
    const joined = await join(again, fx.sessionId);
    expect(JSON.stringify(joined)).not.toContain('\u200B');
    again.disconnect();
  });
});
