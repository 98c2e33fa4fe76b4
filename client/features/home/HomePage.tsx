import { listGroups, listMySessions } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../shell/PageShell.js';
import { href, navigate } from '../../shell/router.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { SessionList } from './SessionList.js';
import { Worklist } from './Worklist.js';

const loadGroups = () => listGroups().then((r) => r.groups);
const loadSessions = () => listMySessions().then((r) => r.sessions);

/**
 * Where a facilitator lands: what waits for them, the groups they run, co-run or review, and their
 * sessions to open, each with where it stands as a record.
 */
const ROLE_WORDS = { lead: ' · lead', co: ' · co-facilitator', reviewer: ' · reviewer' } as const;

export function HomePage() {
  const [groups, retryGroups] = useResource(loadGroups);
  const [sessions, retrySessions] = useResource(loadSessions);
  return (
    <PageShell
      title="Groups"
      actions={
        <button type="button" className="button primary" onClick={() => navigate({ name: 'newGroup' })}>
          New group
        </button>
      }
    >
      <ResourceView resource={groups} retry={retryGroups}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No groups yet. Start with “New group”.</p>
          ) : (
            <ul className="card-list" aria-label="My groups">
              {list.map((group) => (
                <li key={group.id} className="card group-card">
                  <a className="group-link" href={href({ name: 'group', groupId: group.id })}>
                    {group.name}
                  </a>
                  <span className="muted">
                    {group.members.length} {group.members.length === 1 ? 'member' : 'members'}
                    {ROLE_WORDS[group.myRole]}
                    {group.focus ? ` · ${group.focus}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      <Worklist />
      <section aria-labelledby="sessions-heading" className="section">
        <h2 id="sessions-heading">Sessions</h2>
        <ResourceView resource={sessions} retry={retrySessions}>
          {(list) => <SessionList sessions={list} showGroup />}
        </ResourceView>
      </section>
    </PageShell>
  );
}
