import type { MouseEvent } from 'react';

/** The review's sections on screen, by the id of each one's heading. */
const SECTIONS = [
  ['summary-heading', 'Summary'],
  ['review-summary-heading', 'Session'],
  ['timeline-heading', 'Timeline'],
  ['phases-heading', 'Phases'],
  ['talk-heading', 'Talk time'],
  ['ratings-heading', 'Ratings'],
  ['flags-heading', 'Flags and notes'],
  ['sign-heading', 'Signatures'],
  ['progress-notes-heading', 'Progress notes'],
  ['stubs-heading', 'Member stubs'],
  ['log-heading', 'Phase log'],
  ['across-heading', 'Across sessions'],
] as const;

/**
 * Jump links to the review's sections (docs/console.md L20): the page is long, and a reviewer
 * comes for one part. The app routes by the URL's hash, so a link moves the focus to the
 * section's heading rather than to a `#fragment`; its href stays the review's own address.
 */
export function ReviewNav() {
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const heading = document.getElementById(id);
    if (!heading) return;
    event.preventDefault();
    heading.tabIndex = -1;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };
  return (
    <nav className="review-nav screen-only" aria-label="Review sections">
      <ul>
        {SECTIONS.map(([id, label]) => (
          <li key={id}>
            <a href={window.location.hash} onClick={(event) => jump(event, id)}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
