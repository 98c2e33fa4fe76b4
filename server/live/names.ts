import type { Facilitator, RosterMember } from '../../shared/session/view.js';
import type { SessionRow, Store } from '../store/types.js';

/** The human names around a session, kept outside the machine and the log (ADR 0003). */
export interface SessionNames {
  groupName: string;
  members: RosterMember[];
  facilitators: Facilitator[];
}

export function loadNames(store: Store, row: SessionRow): SessionNames {
  const group = store.groups.get(row.groupId);
  const byId = new Map(store.groups.membersById(row.seats).map((m) => [m.id, m.name]));
  const facilitators: Facilitator[] = [];
  const lead = store.users.get(row.leadId);
  if (lead) facilitators.push({ id: lead.id, name: lead.name, role: 'lead' });
  const co = row.coFacilitatorId ? store.users.get(row.coFacilitatorId) : null;
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
