import { randomUUID } from 'node:crypto';
import { transition } from 'xstate';
import { failure, type CommandAck, type Failure, type StateUpdate } from '../../shared/protocol.js';
import { RECORD_COMMANDS, VERSIONED_COMMANDS } from '../../shared/schemas/commands.js';
import { commandPayloadSchema } from '../../shared/schemas/socket.js';
import { MACHINE_VERSION, sessionMachine } from '../../shared/session/machine.js';
import { refusalOf } from '../../shared/session/refusal.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { statusOf } from '../../shared/session/view.js';
import { instant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { describeIssues } from '../validation.js';
import type { LiveRegistry } from './registry.js';
import { persist } from './restore.js';

export interface CommandOutcome {
  ack: CommandAck;
  /** The state to send to the session's room, when the command changed it. */
  broadcast: StateUpdate | null;
}

/** Results that are worth repeating to a retry of the same commandId (not passing faults). */
const TRANSIENT: ReadonlySet<Failure['code']> = new Set(['STORAGE_FAILED', 'RATE_LIMITED', 'INTERNAL']);

/**
 * The command pipeline of BRIEF §5, in order: validate → authorize → dedupe → expected version →
 * `can` → transition → one transaction (log entry + snapshot) → ack → broadcast. Synchronous from
 * start to end, so two commands for one session can never interleave. Any refusal changes nothing.
 */
export function createCommandPipeline(deps: { store: Store; clock: Clock; registry: LiveRegistry; logger: Logger }) {
  const { store, clock, registry, logger } = deps;

  return function handleCommand(userId: string, raw: unknown): CommandOutcome {
    const parsed = commandPayloadSchema.safeParse(raw);
    if (!parsed.success) return refuse(failure('BAD_REQUEST', describeIssues(parsed.error)));
    const { sessionId, commandId, expectedVersion, command } = parsed.data;

    const live = registry.find(sessionId);
    if (!live) {
      const row = store.sessions.get(sessionId);
      const isTheirs = row && (row.leadId === userId || row.coFacilitatorId === userId);
      return refuse(isTheirs ? failure('WRONG_STATE', 'The session has ended; its record is closed.') : failure('NOT_FOUND'));
    }
    if (!live.isFacilitator(userId)) return refuse(failure('FORBIDDEN'));

    const remembered = live.rememberedResult(commandId);
    if (remembered) return { ack: remembered.ok ? { ...remembered, duplicate: true } : remembered, broadcast: null };
    const logged = store.sessions.findCommand(sessionId, commandId);
    if (logged) return { ack: { ok: true, version: logged.version, duplicate: true }, broadcast: null };

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
    const refusal = refusalOf(live.snapshot, event);
    if (refusal) return settle({ ...failure(refusal.code, refusal.message), state: registry.update(live, null) });

    const [next] = transition(sessionMachine, live.snapshot, event);
    const version = live.version + 1;
    const status = statusOf(next.value);
    try {
      store.sessions.commit({
        entry: { sessionId, version, at, actorId: userId, commandId, event },
        status,
        snapshot: persist(next),
        machineVersion: MACHINE_VERSION,
        startedAt: next.context.clock?.startedAt ?? null,
        endedAt: next.context.endedAt,
      });
    } catch (error) {
      logger.error({ sessionId, version, commandType: command.type, err: error }, 'commit failed; command refused');
      return settle(failure('STORAGE_FAILED'));
    }
    live.advance(next, version, at);
    const broadcast = registry.update(live, { actorId: userId, commandType: command.type });
    if (status === 'ended') registry.release(sessionId);
    const ack = settle({ ok: true, version, duplicate: false }).ack;
    return { ack, broadcast };
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
