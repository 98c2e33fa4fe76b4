import { z } from 'zod';
import { idSchema, LIMITS, phaseSchema, textSchema } from './common.js';

/**
 * Every live command a facilitator may send (wire shape). The server stamps each with the time,
 * the actor and, where a record is created, an id, and sends that to the machine.
 */
export const FLAG_KINDS = ['distress', 'conflict', 'confidentiality', 'risk', 'other'] as const;
export const SIGNAL_KINDS = ['fiveMinutes', 'wrapUp', 'illTakeThis', 'checkOnMember', 'nextPhase'] as const;
export const ATTENDANCE_MARKS = ['present', 'late', 'absent', 'left'] as const;
/** Where a member who arrives during a go-round joins it: after everyone else, or at their seat. */
export const ROUND_JOINS = ['end', 'seat'] as const;
export const ROUND_DIRECTIONS = ['clockwise', 'counterclockwise'] as const;
/** Who may hold the floor besides the members (P51): the session's facilitators, by role. */
export const FACILITATOR_ROLES = ['lead', 'co'] as const;

const member = { memberId: idSchema };
const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });
/**
 * A command about whoever holds the floor (P51): a member by `memberId`, or a facilitator by
 * `facilitator` role (never a member id); exactly one of the two.
 */
const speakerCommand = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  command(type, { memberId: idSchema.optional(), facilitator: z.enum(FACILITATOR_ROLES).optional(), ...shape }).refine(
    (c: { memberId?: unknown; facilitator?: unknown }) => (c.memberId === undefined) !== (c.facilitator === undefined),
    { message: 'Name either a member (memberId) or a facilitator (facilitator), not both.' },
  );

export const commandSchema = z.discriminatedUnion('type', [
  command('session.start', {}),
  command('session.pause', {}),
  command('session.resume', {}),
  command('session.end', {}),
  command('agreements.reviewed', {}),
  command('phase.next', {}),
  command('phase.goto', { phase: phaseSchema }),
  speakerCommand('floor.give', {}),
  command('floor.next', {}),
  command('turn.end', {}),
  command('turn.pause', {}),
  command('turn.resume', {}),
  // `toIndex` puts the member back where they were (an Undo of a removal); without it, at the end.
  speakerCommand('queue.add', { toIndex: z.number().int().min(0).max(LIMITS.membersPerGroup).optional() }),
  speakerCommand('queue.remove', {}),
  speakerCommand('queue.move', { toIndex: z.number().int().min(0).max(LIMITS.membersPerGroup) }),
  command('round.start', {
    // Optional, not defaulted: a screen that does not choose (or predates the choice) sends neither.
    firstMemberId: idSchema.nullable().optional(),
    direction: z.enum(ROUND_DIRECTIONS).optional(),
  }),
  command('round.pass', {}),
  command('round.end', {}),
  command('attendance.mark', { ...member, mark: z.enum(ATTENDANCE_MARKS), joinRound: z.enum(ROUND_JOINS).optional() }),
  command('member.stepOut', member),
  command('member.return', member),
  command('flag.raise', {
    kind: z.enum(FLAG_KINDS),
    memberId: idSchema.nullable().default(null),
    text: textSchema(LIMITS.flagText).nullable().default(null),
  }),
  command('note.add', {
    text: textSchema(LIMITS.note),
    memberId: idSchema.nullable().default(null),
    private: z.boolean().default(false),
  }),
  // P49: the member a signal is about (Check on member names one) and a few words of the sender's.
  // Optional, not defaulted: a signal logged before they existed has neither.
  command('signal.send', {
    kind: z.enum(SIGNAL_KINDS),
    memberId: idSchema.nullable().optional(),
    text: textSchema(LIMITS.signalText).nullable().optional(),
  }).refine((c: { kind: SignalKind; memberId?: string | null }) => c.kind !== 'checkOnMember' || !!c.memberId, {
    message: 'Check on member names the member to check on (memberId).',
  }),
  command('signal.ack', { signalId: idSchema }),
  command('attendance.correct', { ...member, status: z.enum(ATTENDANCE_MARKS) }),
  command('crisis.pause', { memberId: idSchema.nullable().optional(), stepOut: z.boolean().optional() }),
  // The Undo of a one-tap Give the floor (P46): no turn is counted; `toQueueIndex` puts the member
  // back in the queue where they were, when they were in it.
  speakerCommand('floor.undo', { toQueueIndex: z.number().int().min(0).max(LIMITS.membersPerGroup).nullable().default(null) }),
  // The skill's exercise timer (P48).
  command('exercise.start', {}),
  command('exercise.stop', {}),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export type FlagKind = (typeof FLAG_KINDS)[number];
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];
export type RoundJoin = (typeof ROUND_JOINS)[number];
export type RoundDirection = (typeof ROUND_DIRECTIONS)[number];
export type FacilitatorRole = (typeof FACILITATOR_ROLES)[number];

/**
 * Commands whose meaning depends on what the sender saw: they must carry `expectedVersion`
 * so that two presses of the same button act once (BRIEF §5, protocol rule P8).
 */
export const VERSIONED_COMMANDS: ReadonlySet<CommandType> = new Set(['floor.next', 'phase.next', 'round.pass', 'turn.end']);

/** Commands that create a record and so need a server-made id on the event. */
export const RECORD_COMMANDS: ReadonlySet<CommandType> = new Set([
  'flag.raise',
  'note.add',
  'signal.send',
  'attendance.correct',
  'crisis.pause',
]);

export const FLAG_LABELS: Record<FlagKind, string> = {
  distress: 'Distress',
  conflict: 'Conflict',
  confidentiality: 'Confidentiality concern',
  risk: 'Risk',
  other: 'Other',
};

export const SIGNAL_LABELS: Record<SignalKind, string> = {
  fiveMinutes: '5 minutes',
  wrapUp: 'Wrap up',
  illTakeThis: "I'll take this",
  checkOnMember: 'Check on member',
  nextPhase: 'Next phase',
};
