import { PHASES, PHASE_LABELS } from '../../../shared/phases.js';
import { formatClock } from '../../../shared/time.js';
import { PageShell } from '../../shell/PageShell.js';
import { href } from '../../shell/router.js';
import { useLive, useView } from './liveContext.js';
import { seatedMembers } from './members.js';
import { RatingsControl } from './ratings/RatingsControl.js';
import { offeredAfterEnd } from './ratings/ratingsApi.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** After End session: when it ran, how long each phase took, who came. The review is its own page. */
export function EndedSummary() {
  const view = useView();
  const ratingsOffered = useLive(offeredAfterEnd);
  const ctx = view.context;
  const started = ctx.clock?.startedAt ?? null;
  const attended = seatedMembers(view).filter((m) => ['present', 'late', 'left'].includes(ctx.attendance[m.id]?.status ?? ''));
  return (
    <PageShell title="Session ended">
      <section className="card section" aria-label="Summary">
        <p>
          {view.groupName}
          {started !== null && `: ${timeFormat.format(started)}`}
          {ctx.endedAt !== null && ` to ${timeFormat.format(ctx.endedAt)}`}
        </p>
        <ul className="plan-summary">
          {PHASES.map((p) => (
            <li key={p}>
              {PHASE_LABELS[p]}: {formatClock(ctx.phaseMs[p])} of {ctx.plan.phaseMinutes[p]} min planned
            </li>
          ))}
        </ul>
        <p>Attended: {attended.map((m) => m.name).join(', ') || 'nobody'}</p>
        <p className="button-row">
          <a className="button primary" href={href({ name: 'review', sessionId: view.sessionId })}>
            Review
          </a>
          <a className="button" href={href({ name: 'home' })}>
            Back to groups
          </a>
        </p>
      </section>
      {/* The room often rates just after the end: the server takes it for 30 minutes (P52). */}
      {ratingsOffered && (
        <section className="card section" aria-label="Member ratings">
          <p className="muted">Members can rate today’s group until 30 minutes after its end.</p>
          <RatingsControl prominent />
        </section>
      )}
    </PageShell>
  );
}
