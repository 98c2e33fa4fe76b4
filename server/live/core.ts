import { failure, type Failure, type JoinAck } from '../../shared/protocol.js';
import { commandPayloadSchema, joinPayloadSchema } from '../../shared/schemas/socket.js';
import { describeIssues } from '../validation.js';
import { commandStep, type CommandOutcome, type CoreDeps, type Decided } from './commands.js';
import { keyedFifo } from './fifo.js';

export type { CommandOutcome } from './commands.js';

export interface JoinOutcome {
  ack: JoinAck;
  /** The session joined, when the join was granted: its broadcasts are now this screen's. */
  joined: string | null;
}

export type LiveCore = ReturnType<typeof createLiveCore>;

/**
 * The transport's check of the sender (its sign-in, S11), begun when the message arrived and
 * awaited in the session's queue before anything is worked out: a refusal is the answer. It
 * never rejects; a check that failed is a refusal too.
 */
export type Admission = Promise<Failure | null>;

const ADMITTED: Admission = Promise.resolve(null);

/**
 * Records that a granted join read the session (docs/privacy.md D2). Awaited in the session's
 * queue before the join is answered: a join that cannot be recorded is refused (D4), and the
 * session's next commands wait, so the screen is in the room before any of them is broadcast.
 */
type RecordRead = (sessionId: string) => Promise<void>;

const UNRECORDED: RecordRead = () => Promise.resolve();

/**
 * The live sessions as a service that knows no transport: `execute` a command, `join` a session.
 * Each session has one queue (a FIFO): its commands and joins are worked out one at a time, in
 * arrival order, each on the state the one before left, and answered in that order once what the
 * answer shows is on disk. Appends are not waited for inside the queue, so one session's commands
 * still share group commits (../store/sqlite/live.ts). An answer whose state never reached the
 * disk — its append, or one it built on, failed — is STORAGE_FAILED, and the session is read back.
 */
export function createLiveCore(deps: CoreDeps) {
  const { clock, sessions, views } = deps;
  const queue = keyedFifo();
  const decideCommand = commandStep(deps);

  return {
    async execute(userId: string, raw: unknown, admission: Admission = ADMITTED): Promise<CommandOutcome> {
      const parsed = commandPayloadSchema.safeParse(raw);
      if (!parsed.success) {
        const ack = (await admission) ?? failure('BAD_REQUEST', describeIssues(parsed.error, 'command'));
        return { ack, broadcast: null };
      }
      // Queued at once, so the session's commands keep their order of arrival while the check runs.
      const decided = await queue(parsed.data.sessionId, async (): Promise<Decided<CommandOutcome>> => {
        const refused = await admission;
        if (refused) return { outcome: { ack: refused, broadcast: null }, written: Promise.resolve() };
        return decideCommand(userId, parsed.data);
      });
      const outcome = await shown(decided, { ack: failure('STORAGE_FAILED'), broadcast: null });
      // Written, but this process may no longer speak for the session (it fenced itself, P56): the
      // screen asks the new owner, which finds the command in the log and answers it as a duplicate.
      return sessions.owns(parsed.data.sessionId) ? outcome : { ack: failure('MOVING'), broadcast: null };
    },

    /** The session's state for a screen that holds `knownVersion` (null when that is current). */
    async join(userId: string, raw: unknown, admission: Admission = ADMITTED, recordRead: RecordRead = UNRECORDED): Promise<JoinOutcome> {
      const parsed = joinPayloadSchema.safeParse(raw);
      if (!parsed.success) return refusedJoin((await admission) ?? failure('BAD_REQUEST', describeIssues(parsed.error, 'request to join')));
      const { sessionId, knownVersion } = parsed.data;
      const decided = await queue(sessionId, async (): Promise<Decided<JoinOutcome>> => {
        const refused = await admission;
        if (refused) return { outcome: refusedJoin(refused), written: Promise.resolve() };
        const access = await sessions.access(sessionId, userId);
        if (access.refused) return { outcome: refusedJoin(failure(access.refused)), written: Promise.resolve() };
        const { live, row } = access;
        await recordRead(row.id);
        const version = live?.version ?? row.version;
        const update = version > knownVersion ? await (live ? views.update(live, null) : views.storedUpdate(row)) : null;
        const ack: JoinAck = { ok: true, version, serverNow: clock.now(), update };
        return { outcome: { ack, joined: row.id }, written: live?.written ?? Promise.resolve() };
      });
      const outcome = await shown(decided, refusedJoin(failure('STORAGE_FAILED')));
      return outcome.joined && !sessions.owns(sessionId) ? refusedJoin(failure('MOVING')) : outcome;
    },

    /**
     * Gives the session up (another process asked for it, P56, or this one is draining): in its
     * queue, after the commands before it are answered and their appends settled; the next to
     * claim it reads the log whole.
     */
    async handOver(sessionId: string): Promise<void> {
      await queue(sessionId, async () => {
        const live = sessions.get(sessionId);
        if (live) {
          sessions.release(sessionId, live);
          await live.written.catch(() => undefined);
        }
        await sessions.giveUp(sessionId);
      });
    },
  };
}

/**
 * The answer once what it shows is on disk. Commands and joins both end here, with the same
 * steps, so that answers of one session keep the order of its queue.
 */
async function shown<O>(decided: Decided<O>, failed: O): Promise<O> {
  try {
    await decided.written;
    return decided.outcome;
  } catch {
    return failed;
  }
}

const refusedJoin = (ack: Failure): JoinOutcome => ({ ack, joined: null });
