import { randomUUID } from 'node:crypto';
import { ERROR_CODES, failure, type CommandAck, type Failure, type StatePatch } from '../../shared/protocol.js';
import { RECORD_COMMANDS, VERSIONED_COMMANDS } from '../../shared/schemas/commands.js';
import type { commandPayloadSchema } from '../../shared/schemas/socket.js';
import { refusalOf } from '../../shared/session/refusal.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { statusOf } from '../../shared/session/view.js';
import { instant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { LiveSessions } from './live-sessions.js';
import { savedSnapshot, snapshotDue } from './snapshot.js';
import { step, unchanged } from './step.js';
import type { SessionViews } from './views.js';

export interface CommandOutcome {
  ack: CommandAck;
  /** What changed, for the session's room, when the command changed anything. */
  broadcast: StatePatch | null;
}

/** An answer worked out in the session's queue, to be given once `written` has settled. */
export interface Decided<O> {
  outcome: O;
  /** The session's newest append when the answer was made: the answer shows nothing not on disk. */
  written: Promise<void>;
}

export interface CoreDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  sessions: LiveSessions;
  views: SessionViews;
}

/** A command as its schema passed it. */
export type ParsedCommand = NonNullable<ReturnType<typeof commandPayloadSchema.safeParse>['data']>;

/** Results that are worth repeating to a retry of the same commandId (not passing faults). */
const TRANSIENT: ReadonlySet<Failure['code']> = new Set(['STORAGE_FAILED', 'RATE_LIMITED', 'INTERNAL']);

const onDisk = Promise.resolve();

/**
 * The command pipeline of BRIEF §5, after validation, in order: authorize → dedupe → expected
 * version → transition (refused: the same snapshot back) → advance in memory and append (the log
 * entry, and the snapshot when due) → the patch to broadcast. Runs in the session's queue
 * (./core.ts), so two commands for one session never interleave; the answer waits for the append.
 * Any refusal changes nothing.
 */
export function commandStep({ store, clock, logger, sessions, views }: CoreDeps) {
  return async function decide(userId: string, payload: ParsedCommand): Promise<Decided<CommandOutcome>> {
    const { sessionId, commandId, expectedVersion, command } = payload;
    const access = sessions.heldAccess(sessionId, userId) ?? (await sessions.access(sessionId, userId));
    if (access.refused) return answer(failure(access.refused), onDisk);
    const { live, row } = access;

    const remembered = live?.rememberedResult(commandId);
    if (remembered) {
      const { ack, written } = remembered;
      return answer(ack.ok ? { ...ack, duplicate: true } : ack, written);
    }
    // Also after a restart, and after the session ended: the log remembers every applied command.
    // A held session knows the ids its log holds; only a possible match is looked up.
    const mayBeLogged = !live || (await live.mayHaveLogged(commandId, () => store.live.commandIds(sessionId)));
    const logged = mayBeLogged ? await store.live.findCommand(sessionId, commandId) : null;
    // On disk already: after the answers before it, but whatever became of their writes.
    if (logged) return answer({ ok: true, version: logged.version, duplicate: true }, live?.settled() ?? onDisk);
    if (!live) {
      return answer(
        { ...failure('WRONG_STATE', 'The session has ended; its record is closed.'), state: await views.storedUpdate(row) },
        onDisk,
      );
    }

    const settle = (ack: CommandAck): Decided<CommandOutcome> => {
      if (ack.ok || !TRANSIENT.has(ack.code)) live.remember(commandId, ack);
      return answer(ack, live.written);
    };

    if (VERSIONED_COMMANDS.has(command.type) && expectedVersion === undefined) {
      return settle(failure('BAD_REQUEST', `"${command.type}" must carry the expectedVersion the screen shows.`));
    }
    if (expectedVersion !== undefined && expectedVersion !== live.version) {
      return settle({ ...failure('STALE'), state: await views.update(live, live.cause) });
    }

    const at = instant(Math.max(clock.now(), live.lastAt));
    const event = { ...command, at, actor: userId, ...(RECORD_COMMANDS.has(command.type) ? { id: randomUUID() } : {}) } as SessionEvent;
    const next = step(live.snapshot, event);
    // Refused by the machine's structure or its rules: `step` hands back the very same snapshot.
    if (next === live.snapshot) {
      const refusal = refusalOf(statusOf(live.snapshot.value), live.snapshot.context, event) ?? {
        code: 'WRONG_STATE' as const,
        message: ERROR_CODES.WRONG_STATE,
      };
      return settle({ ...failure(refusal.code, refusal.message), state: await views.update(live, null) });
    }
    // Accepted but changing nothing: no new version, no log entry, no broadcast (BRIEF §6).
    if (unchanged(live.snapshot, next)) return settle({ ok: true, version: live.version, duplicate: false });

    // The view before, taken while nothing is in flight: from here to `advance` nothing awaits.
    const before = await views.shownView(live);
    const version = live.version + 1;
    const status = statusOf(next.value);
    const saved = snapshotDue({
      version,
      savedVersion: live.savedVersion,
      statusBefore: statusOf(live.snapshot.value),
      statusAfter: status,
    });
    const append = store.live.append({
      entry: { sessionId, version, at, actorId: userId, commandId, event },
      saved: saved ? savedSnapshot(next) : null,
    });
    // Advanced now, before the disk has it, so the next command in the queue builds on it. If the
    // append fails, everything built on it fails too (the store writes no gap): this copy is
    // dropped and the session read back as the disk has it.
    const cause = { actorId: userId, commandType: command.type };
    live.advance({ snapshot: next, version, at, saved, cause, commandId });
    live.writing(commandId, append);
    append.then(
      () => status === 'ended' && sessions.release(sessionId, live),
      (error: unknown) => {
        logger.error({ sessionId, version, commandType: command.type, err: error }, 'commit failed; command refused');
        sessions.release(sessionId, live);
      },
    );
    // The session's queue holds its next command until this returns: the patch is of this version.
    const broadcast = await views.patch(live, before, cause);
    return { outcome: { ack: { ok: true, version, duplicate: false }, broadcast }, written: append };
  };
}

function answer(ack: CommandAck, written: Promise<void>): Decided<CommandOutcome> {
  return { outcome: { ack, broadcast: null }, written };
}
