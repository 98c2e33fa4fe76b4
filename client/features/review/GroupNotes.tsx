import { useReview } from './reviewContext.js';

/**
 * For the printed report: flags and notes about the group as a whole (those about one member go
 * in that member's stub). Private notes never print.
 */
export function GroupNotes() {
  const { review, fmt, actor } = useReview();
  const flags = review.flags.filter((f) => f.memberId === null);
  const notes = review.notes.filter((n) => n.memberId === null && !n.private);
  if (flags.length + notes.length === 0) return null;
  return (
    <section className="review-section print-only" aria-labelledby="group-notes-heading">
      <h2 id="group-notes-heading">About the group</h2>
      <ul>
        {flags.map((f) => (
          <li key={f.id}>
            Flag — {f.label}, {fmt.clock(f.at)}, by {actor(f.by)}
            {f.text && `: “${f.text}”`}
          </li>
        ))}
        {notes.map((n) => (
          <li key={n.id}>
            Note, {fmt.clock(n.at)}, by {actor(n.by)}: “{n.text}”
          </li>
        ))}
      </ul>
    </section>
  );
}
