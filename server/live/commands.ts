import { randomUUID } from 'node:crypto';
import { ERROR_CODES, failure, type CommandAck, type Failure, type StatePatch } from '../../shared/protocol.js';
import { RECORD_COMMANDS, VERSIONED_COMMANDS } from '../../shared/schemas/commands.js';
import { commandPayloadSchema } from '../../shared/schemas/socket.js';
import { refusalOf } from '../../shared/session/refusal.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { statusOf } from '../../shared/session/view.js';
import { instant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { describeIssues } from '../validation.js';
import type { LiveRegistry } from './registry.js';
import { savedSnapshot } from './restore.js';
import { snapshotDue } from './snapshots.js';
import { step, unchanged } from './step.js';

export interface CommandOutcome {
  ack: CommandAck;
  /** What changed, for the session's room, when the command changed anything. */
  broadcast: StatePatch | null;
}

/** Results that are worth repeating to a retry of the same commandId (not passing faults). */
const TRANSIENT: ReadonlySet<Failure['code']> = new Set(['STORAGE_FAILED', 'RATE_LIMITED', 'INTERNAL']);

/**
 * The command pipeline of BRIEF §5, in order: validate → authorize → dedupe → expected version →
 * transition (refused: the same snapshot back) → one transaction (log entry, and the snapshot when
 * due) → ack → broadcast. Synchronous from start to end, so two commands for one session can never
 * interleave. Any refusal changes nothing.
 */
export function createCommandPipeline(deps: { store: Store; clock: Clock; registry: LiveRegistry; logger: Logger }) {
  const { store, clock, registry, logger } = deps;

  return function handleCommand(userId: string, raw: unknown): CommandOutcome {
    const parsed = commandPayloadSchema.safeParse(raw);
    if (!parsed.success) return refuse(failure('BAD_REQUEST', describeIssues(parsed.error, 'command')));
    const { sessionId, commandId, expectedVersion, command } = parsed.data;

    const access = registry.access(sessionId, userId);
    if (access.refused) return refuse(failure(access.refused));
    const { live, row } = access;

    const remembered = live?.rememberedResult(commandId);
    if (remembered) return { ack: remembered.ok ? { ...remembered, duplicate: true } : remembered, broadcast: null };
    // Also after a restart, and after the session ended: the log remembers every applied command.
    const logged = store.sessions.findCommand(sessionId, commandId);
    if (logged) return { ack: { ok: true, version: logged.version, duplicate: true }, broadcast: null };
    if (!live) {
      return refuse({ ...failure('WRONG_STATE', 'The session has ended; its record is closed.'), state: registry.storedUpdate(row) });
    }

    const settle = (ack: CommandAck): CommandOutcome => {
      if (ack.ok || !TRANSIENT.has(ack.code)) live.remember(commandId, ack);
      return { ack, broadcast: null };
    };

    if (VERSIONED_COMMANDS.has(command.type) && expectedVersion === undefined) {
      return settle(failure('BAD_REQUEST', `"${command.type}" must carry the expectedVersion the screen shows.`));
    }
    if (expectedVersion !== undefined && expectedVersion !== live.version) {
      return settle({ ...failure('STALE'), state: registry.update(live, lastCause(store, sessionId)) });
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
      return settle({ ...failure(refusal.code, refusal.message), state: registry.update(live, null) });
    }
    // Accepted but changing nothing: no new version, no log entry, no broadcast (BRIEF §6).
    if (unchanged(live.snapshot, next)) return settle({ ok: true, version: live.version, duplicate: false });
    const version = live.version + 1;
    const status = statusOf(next.value);
    const save = snapshotDue({
      version,
      savedVersion: live.savedVersion,
      statusBefore: statusOf(live.snapshot.value),
      statusAfter: status,
    });
    try {
      store.sessions.commit({
        entry: { sessionId, version, at, actorId: userId, commandId, event },
        saved: save ? savedSnapshot(next) : null,
      });
    } catch (error) {
      logger.error({ sessionId, version, commandType: command.type, err: error }, 'commit failed; command refused');
      return settle(failure('STORAGE_FAILED'));
    }
    const before = registry.shownView(live);
    live.advance(next, version, at, save);
    const broadcast = registry.patch(live, before, { actorId: userId, commandType: command.type });
    if (status === 'ended') registry.release(sessionId);
    // Not remembered in memory: the log holds it, and a retry finds it there (as after a restart).
    return { ack: { ok: true, version, duplicate: false }, broadcast };
  };
}

function refuse(ack: Failure): CommandOutcome {
  return { ack, broadcast: null };
}

/** Who made the current version, so a screen that lost a race can say "Already advanced by Dana". */
function lastCause(store: Store, sessionId: string) {
  const entry = store.sessions.lastEntry(sessionId);
  return entry && { actorId: entry.actorId, commandType: entry.event.type };
}
