import { RECORD_STATE_WORDS, WORK_REASON_WORDS, type WorkItem } from '../../../shared/review/record-state.js';
import { getWorklist } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { href } from '../../shell/router.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { sessionDate } from './SessionList.js';

const loadWorklist = () => getWorklist().then((r) => r.items);

const notesWords = (notes: WorkItem['notes']) => (notes && notes.due > 0 ? ` · notes ${notes.written} of ${notes.due}` : '');

/**
 * What waits for the person signed in (review.md R28), oldest first: their ended sessions to write
 * up and sign, or, as a reviewer, signed records new to them. Each opens the session's review.
 */
export function Worklist() {
  const [items, retry] = useResource(loadWorklist);
  return (
    <section aria-labelledby="worklist-heading" className="section">
      <h2 id="worklist-heading">Waiting for you</h2>
      <ResourceView resource={items} retry={retry}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">Nothing is waiting for you.</p>
          ) : (
            <ul className="card-list session-list" aria-label="Waiting for you">
              {list.map((item) => (
                <li key={item.sessionId} className="card session-card">
                  <a href={href({ name: 'review', sessionId: item.sessionId })}>
                    {item.groupName}, {item.startedAt ? sessionDate.format(new Date(item.startedAt)) : 'not started'}
                  </a>
                  <span className="muted">
                    {WORK_REASON_WORDS[item.reason]}
                    {notesWords(item.notes)}
                  </span>
                  <span className={`pill record-${item.state}`}>{RECORD_STATE_WORDS[item.state]}</span>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </section>
  );
}
