import type { CommandType } from '../schemas/commands.js';
import type { SessionStatus } from './view.js';

/** Accepted in the lobby, live and paused alike: attendance, flags, notes, signals. */
const BEFORE_THE_END = ['attendance.mark', 'flag.raise', 'note.add', 'signal.send', 'signal.ack'] as const;
const QUEUE_AND_ROOM = ['queue.add', 'queue.remove', 'queue.move', 'member.stepOut', 'member.return'] as const;

/**
 * Which commands each state of the session takes. The machine is built from this table, and
 * screens read it to offer only what can work, so the two can never disagree. Whether the
 * context allows a command is the rules' question (rules.ts).
 */
export const ACCEPTED: Record<SessionStatus, ReadonlySet<CommandType>> = {
  lobby: new Set([...BEFORE_THE_END, 'session.start', 'session.end']),
  live: new Set([
    ...BEFORE_THE_END,
    ...QUEUE_AND_ROOM,
    'session.pause',
    'session.end',
    'phase.next',
    'phase.goto',
    'agreements.reviewed',
    'floor.give',
    'floor.next',
    'turn.end',
    'turn.pause',
    'turn.resume',
    'round.start',
    'round.pass',
    'round.end',
    'attendance.correct',
    'crisis.pause',
    'floor.undo',
    'exercise.start',
    'exercise.stop',
  ]),
  paused: new Set([...BEFORE_THE_END, ...QUEUE_AND_ROOM, 'session.resume', 'session.end', 'attendance.correct', 'crisis.pause']),
  ended: new Set(),
};
