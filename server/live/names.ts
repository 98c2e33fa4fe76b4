import type { Facilitator, RosterMember } from '../../shared/session/view.js';
import type { SessionRow, Store } from '../store/types.js';

/** The human names around a session, kept outside the machine and the log (ADR 0003). */
export interface SessionNames {
  groupName: string;
  members: RosterMember[];
  facilitators: Facilitator[];
}

export async function loadNames(store: Store, row: SessionRow): Promise<SessionNames> {
  // Four reads that do not depend on each other: asked together.
  const [group, seated, lead, co] = await Promise.all([
    store.groups.get(row.groupId),
    store.groups.membersById(row.seats),
    store.users.get(row.leadId),
    row.coFacilitatorId ? store.users.get(row.coFacilitatorId) : null,
  ]);
  const byId = new Map(seated.map((m) => [m.id, m.name]));
  const facilitators: Facilitator[] = [];
  if (lead) facilitators.push({ id: lead.id, name: lead.name, role: 'lead' });
  if (co) facilitators.push({ id: co.id, name: co.name, role: 'co' });
  return {
    groupName: group?.name ?? '',
    members: row.seats.map((id, seat) => ({ id, name: byId.get(id) ?? '—', seat })),
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
