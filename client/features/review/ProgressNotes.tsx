import { useCallback } from 'react';
import { useResource } from '../../api/useResource.js';
import { getProgressNotes } from '../../api/progressNotes.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { NoteCard } from './NoteCard.js';
import { useReview } from './reviewContext.js';
import './progress-notes.css';

/**
 * A progress note per member, for each member's own chart (docs/review.md §Progress notes):
 * facts from the log, narrative fields the facilitators write after the session, saved as they
 * type; once the session is signed, addenda only. Shown once the session has ended.
 */
export function ProgressNotes({ locked }: { locked: boolean }) {
  const { review } = useReview();
  const ended = review.session.status === 'ended';
  return (
    <section className="card review-section progress-notes" aria-labelledby="progress-notes-heading">
      <h2 id="progress-notes-heading" className="screen-only">
        Progress notes
      </h2>
      {ended ? (
        // Keyed by the lock: signing reloads the notes as they were signed.
        <NoteList key={String(locked)} sessionId={review.sessionId} />
      ) : (
        <p className="muted screen-only">Progress notes are written once the session has ended.</p>
      )}
    </section>
  );
}

function NoteList({ sessionId }: { sessionId: string }) {
  const load = useCallback(() => getProgressNotes(sessionId), [sessionId]);
  const [resource, retry] = useResource(load);
  return (
    <ResourceView resource={resource} retry={retry}>
      {(data) => (
        <>
          <p className="muted screen-only">
            One note per member, naming no other member.{' '}
            {data.signed ? 'Signed: each note takes addenda only.' : 'Saved as you type; signing the session signs them.'}
          </p>
          {data.notes.map((note) => (
            <NoteCard key={note.memberId} sessionId={sessionId} initial={note} signed={data.signed} canEdit={data.canEdit} />
          ))}
        </>
      )}
    </ResourceView>
  );
}
