import fc from 'fast-check';
import { PHASES } from '../../../shared/phases.js';
import { ATTENDANCE_MARKS, FLAG_KINDS, SIGNAL_KINDS } from '../../../shared/schemas/commands.js';

/**
 * Payloads for the fuzz: commands shaped like the real ones (members by seat number, so they
 * shrink well), and hostile payloads — anything at all, near-misses of a valid envelope, control
 * characters, prototype keys, binary, oversized fields (under the transport's 16 KB cap).
 */
export const COMMAND_TYPES = [
  'session.start',
  'session.pause',
  'session.resume',
  'session.end',
  'agreements.reviewed',
  'phase.next',
  'phase.goto',
  'floor.give',
  'floor.next',
  'turn.end',
  'turn.pause',
  'turn.resume',
  'queue.add',
  'queue.remove',
  'queue.move',
  'round.start',
  'round.pass',
  'round.end',
  'attendance.mark',
  'member.stepOut',
  'member.return',
  'flag.raise',
  'note.add',
  'signal.send',
  'signal.ack',
] as const;

/** A command with its member given by seat (4 = not in the group); `resolve` turns it into a payload. */
export interface CommandSketch {
  type: (typeof COMMAND_TYPES)[number];
  seat: number;
  n: number;
  text: string;
  flag: boolean;
}

export const commandSketch: fc.Arbitrary<CommandSketch> = fc.record({
  // session.end is rare, as it closes the session for the rest of the run.
  type: fc.oneof(
    { arbitrary: fc.constantFrom(...COMMAND_TYPES.filter((t) => t !== 'session.end')), weight: 40 },
    { arbitrary: fc.constant('session.end' as const), weight: 1 },
  ),
  seat: fc.integer({ min: 0, max: 4 }),
  n: fc.nat({ max: 20 }),
  text: fc.oneof(fc.constant('A note.'), fc.string({ minLength: 1, maxLength: 40 })),
  flag: fc.boolean(),
});

export function resolve(s: CommandSketch, seats: readonly string[], signalIds: readonly string[]): Record<string, unknown> {
  const memberId = seats[s.seat] ?? 'not-in-this-group';
  switch (s.type) {
    case 'phase.goto':
      return { type: s.type, phase: PHASES[s.n % PHASES.length] };
    case 'floor.give':
    case 'queue.add':
    case 'queue.remove':
    case 'member.stepOut':
    case 'member.return':
      return { type: s.type, memberId };
    case 'queue.move':
      return { type: s.type, memberId, toIndex: s.n % 5 };
    case 'attendance.mark':
      return { type: s.type, memberId, mark: ATTENDANCE_MARKS[s.n % ATTENDANCE_MARKS.length] };
    case 'flag.raise':
      return { type: s.type, kind: FLAG_KINDS[s.n % FLAG_KINDS.length], memberId: s.flag ? memberId : null, text: s.flag ? null : s.text };
    case 'note.add':
      return { type: s.type, text: s.text, memberId: s.flag ? memberId : null, private: s.n % 2 === 0 };
    case 'signal.send': {
      const kind = SIGNAL_KINDS[s.n % SIGNAL_KINDS.length];
      // Check on member names its member (P49); the others now and then carry a member and words.
      const about = kind === 'checkOnMember' || s.flag ? { memberId, text: s.flag ? null : s.text.slice(0, 80) } : {};
      return { type: s.type, kind, ...about };
    }
    case 'signal.ack':
      return { type: s.type, signalId: signalIds[s.n % Math.max(1, signalIds.length)] ?? 'no-such-signal' };
    default:
      return { type: s.type };
  }
}

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u0007bell',
  'a\u202Eevil',
  '𝕳𝖔𝖑𝖉',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE session_log; --",
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'x'.repeat(2001),
  'y'.repeat(12_000),
  '\uD800',
  'NaN',
);
const nastyValue = fc.oneof(
  nasty,
  fc.anything({ maxDepth: 2, maxKeys: 4, withBigInt: false, withTypedArray: false }),
  fc.constantFrom(null, true, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, [], {}),
);

/** A record whose keys include prototype-polluting names, as JSON.parse would leave them. */
const protoKeys = fc
  .record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype'), value: nastyValue })
  .map(({ key, value }) => JSON.parse(`{"${key}": ${JSON.stringify(value ?? null) ?? 'null'}, "type": "note.add"}`) as unknown);

export function hostilePayload(sessionId: string, seats: readonly string[]): fc.Arbitrary<unknown> {
  const validCommand = commandSketch.map((s) => resolve(s, seats, []));
  const envelope = fc.record(
    {
      sessionId: fc.oneof(fc.constant(sessionId), nastyValue),
      commandId: fc.oneof(fc.uuid(), nasty, fc.string({ maxLength: 70 }), nastyValue),
      expectedVersion: fc.oneof(fc.integer({ min: -5, max: 5 }), nastyValue),
      command: fc.oneof(
        validCommand,
        nastyValue,
        protoKeys,
        fc
          .tuple(validCommand, fc.dictionary(fc.oneof(nasty, fc.string({ maxLength: 8 })), nastyValue, { maxKeys: 3 }))
          .map(([c, extra]) => ({ ...extra, ...c })),
        validCommand.chain((c) =>
          fc.record({ key: fc.constantFrom(...Object.keys(c)), value: nastyValue }).map(({ key, value }) => ({ ...c, [key]: value })),
        ),
      ),
    },
    { requiredKeys: [] },
  );
  // Over the transport's cap (16 KB) a message closes the connection: tested in bad-input.test.ts.
  const underCap = (p: unknown) => (JSON.stringify(p) ?? '').length < 15_000;
  return fc.oneof(
    { arbitrary: envelope.filter(underCap), weight: 6 },
    { arbitrary: nastyValue, weight: 2 },
    { arbitrary: protoKeys, weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), weight: 1 },
    { arbitrary: fc.array(nastyValue, { maxLength: 5 }).filter(underCap), weight: 1 },
  );
}
