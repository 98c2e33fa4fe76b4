import { useCallback, useState } from 'react';
import { getGroup, listGroupSessions, updateGroup } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../shell/PageShell.js';
import { navigate } from '../../shell/router.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { SessionList } from '../home/SessionList.js';
import { InviteCoFacilitator } from '../security/InviteCoFacilitator.js';
import { EraseMembers } from './EraseMembers.js';
import { GroupForm } from './GroupForm.js';
import { GroupTrends } from './GroupTrends.js';
import { ReviewersSection } from './ReviewersSection.js';

/** One group: its roster and agreements, its sessions and how they went over time, and the form to change it. */
export function GroupPage({ groupId }: { groupId: string }) {
  const loadGroup = useCallback(() => getGroup(groupId).then((r) => r.group), [groupId]);
  const loadSessions = useCallback(() => listGroupSessions(groupId).then((r) => r.sessions), [groupId]);
  const [group, retryGroup] = useResource(loadGroup);
  const [sessions, retrySessions] = useResource(loadSessions);
  // Kept here, not in the form: the form starts afresh after a save (it needs the new ids).
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const title = group.status === 'ready' ? group.data.name : 'Group';
  // A reviewer reads the group's reviews; planning and editing are its facilitators'.
  const reviewer = group.status === 'ready' && group.data.myRole === 'reviewer';

  return (
    <PageShell
      title={title}
      actions={
        group.status === 'ready' &&
        !reviewer && (
          <button type="button" className="button primary" onClick={() => navigate({ name: 'plan', groupId })}>
            Plan session
          </button>
        )
      }
    >
      <ResourceView resource={group} retry={retryGroup}>
        {(data) => (
          <>
            {data.substanceUse && (
              <p className="muted" role="note">
                Substance-use group (42 CFR Part 2): its name and roster are protected, its exports carry the redisclosure notice, and only
                its lead exports them.
              </p>
            )}
            <section className="section" aria-labelledby="roster-heading">
              <h2 id="roster-heading">Members</h2>
              {data.members.length === 0 ? (
                <p className="muted">No members yet.</p>
              ) : (
                <ol className="roster" aria-label="Members in seat order">
                  {data.members
                    .toSorted((a, b) => a.seat - b.seat)
                    .map((m) => (
                      <li key={m.id}>{m.name}</li>
                    ))}
                </ol>
              )}
            </section>
            {data.agreements && (
              <section className="section" aria-labelledby="agreements-heading">
                <h2 id="agreements-heading">Agreements</h2>
                <p className="agreements">{data.agreements}</p>
              </section>
            )}
            <section className="section" aria-labelledby="group-sessions-heading">
              <h2 id="group-sessions-heading">Sessions</h2>
              <ResourceView resource={sessions} retry={retrySessions}>
                {(list) => <SessionList sessions={list} reviewerOnly={reviewer} />}
              </ResourceView>
            </section>
            <GroupTrends groupId={groupId} />
            {data.myRole === 'lead' && <InviteCoFacilitator groupId={groupId} />}
            {data.myRole === 'lead' && <ReviewersSection group={data} />}
            {data.myRole === 'lead' && (
              <section className="section" aria-labelledby="edit-heading">
                <h2 id="edit-heading">Edit group</h2>
                {savedAt && (
                  <p className="saved-note" role="status">
                    Group saved at {savedAt.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}.
                  </p>
                )}
                <GroupForm
                  // A fresh form after each save, holding the members' new ids.
                  key={JSON.stringify(data.members)}
                  group={data}
                  onSave={async (input) => {
                    await updateGroup(groupId, input);
                    setSavedAt(new Date());
                    retryGroup();
                  }}
                />
              </section>
            )}
            {data.myRole === 'lead' && <EraseMembers group={data} onErased={retryGroup} />}
          </>
        )}
      </ResourceView>
    </PageShell>
  );
}
