import type { Facilitator, RosterMember } from '../../shared/session/view.js';
import type { SessionRow, Store, StoredNames } from '../store/types.js';

/** The human names around a session, kept outside the machine and the log (ADR 0003). */
export interface SessionNames {
  groupName: string;
  members: RosterMember[];
  facilitators: Facilitator[];
}

export async function loadNames(store: Store, row: SessionRow): Promise<SessionNames> {
  return namesFrom(row, (await store.sessions.names([row.id])).get(row.id));
}

/** The names a session's screens are shown, from what the store holds (one read for many: ../peers/sweep.ts). */
export function namesFrom(row: SessionRow, stored: StoredNames | undefined): SessionNames {
  const facilitators: Facilitator[] = [];
  if (stored?.leadName != null) facilitators.push({ id: row.leadId, name: stored.leadName, role: 'lead' });
  if (row.coFacilitatorId && stored?.coName != null) facilitators.push({ id: row.coFacilitatorId, name: stored.coName, role: 'co' });
  return {
    groupName: stored?.groupName ?? '',
    members: row.seats.map((id, seat) => ({ id, name: stored?.memberNames.get(id) ?? '—', seat })),
    facilitators,
  };
}

export function actorName(names: SessionNames, actorId: string): string {
  return names.facilitators.find((f) => f.id === actorId)?.name ?? 'the other facilitator';
}

/**
 * Names for the accounts behind a record's signatures, notes and addenda: the session's
 * facilitators by their names here, anyone else (since replaced) looked up, 'A facilitator' for
 * an account that is gone.
 */
export async function authorNames(store: Store, names: SessionNames, ids: Iterable<string>): Promise<(id: string) => string> {
  const named = new Map(names.facilitators.map((f) => [f.id, f.name]));
  const others = [...new Set(ids)].filter((id) => !named.has(id));
  for (const user of await Promise.all(others.map((id) => store.users.get(id)))) if (user) named.set(user.id, user.name);
  return (id) => named.get(id) ?? 'A facilitator';
}
