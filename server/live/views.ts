import type { StatePatch, StateUpdate } from '../../shared/protocol.js';
import { diffView } from '../../shared/session/patch.js';
import { statusOf, type SessionView } from '../../shared/session/view.js';
import type { Clock } from '../clock.js';
import type { SessionRow, Store } from '../store/types.js';
import type { Cause, LiveSession } from './live-session.js';
import { actorName, loadNames, type SessionNames } from './names.js';

export type SessionViews = ReturnType<typeof sessionViews>;

/**
 * What a session's screens are sent: the whole state (on join, with a refusal), or the patch from
 * the view they hold. Only facilitators are sent these (the access check comes first, in
 * ./live-sessions.ts); member names are joined in here from the roster, never from the log.
 */
export function sessionViews(store: Store, clock: Clock) {
  /**
   * Loaded once per held session and kept as a promise, so a `forgetNames` during a load drops
   * that load too; a load that failed is dropped, and the next view asks again.
   */
  const namesOf = (live: LiveSession): Promise<SessionNames> => {
    if (live.names) return live.names;
    const loading = loadNames(store, live.row);
    live.names = loading;
    loading.catch(() => live.names === loading && (live.names = null));
    return loading;
  };
  const withName = (names: SessionNames, cause: Cause | null): StateUpdate['cause'] =>
    cause && { ...cause, actorName: actorName(names, cause.actorId) };
  const view = (live: LiveSession, names: SessionNames): SessionView => viewOf(live.row, live.snapshot.value, live.snapshot.context, names);

  return {
    /** The whole state of a held session at its current version. */
    async update(live: LiveSession, cause: Cause | null): Promise<StateUpdate> {
      const names = await namesOf(live);
      return {
        sessionId: live.id,
        version: live.version,
        serverNow: clock.now(),
        state: view(live, names),
        cause: withName(names, cause),
      };
    },

    /**
     * The view the session's screens hold: the last one broadcast. After a change of names it
     * still has the old ones, so the next patch carries the new.
     */
    shownView: async (live: LiveSession): Promise<SessionView> => live.shown ?? view(live, await namesOf(live)),

    /** The broadcast for a session that just advanced one version from the view `before`. */
    async patch(live: LiveSession, before: SessionView, cause: Cause): Promise<StatePatch> {
      const names = await namesOf(live);
      const after = view(live, names);
      live.shown = after;
      return {
        sessionId: live.id,
        version: live.version,
        baseVersion: live.version - 1,
        serverNow: clock.now(),
        patch: diffView(before, after),
        cause: withName(names, cause),
      };
    },

    /** The state of a session that is not held (ended), straight from its stored snapshot. */
    async storedUpdate(row: SessionRow): Promise<StateUpdate> {
      const snapshot = JSON.parse(row.snapshot) as { value: unknown; context: SessionView['context'] };
      const state = viewOf(row, snapshot.value, snapshot.context, await loadNames(store, row));
      return { sessionId: row.id, version: row.version, serverNow: clock.now(), state, cause: null };
    },
  };
}

function viewOf(row: SessionRow, value: unknown, context: SessionView['context'], names: SessionNames): SessionView {
  return {
    sessionId: row.id,
    groupId: row.groupId,
    groupName: names.groupName,
    status: statusOf(value),
    phase: context.phase?.name ?? null,
    members: names.members,
    facilitators: names.facilitators,
    context,
  };
}
