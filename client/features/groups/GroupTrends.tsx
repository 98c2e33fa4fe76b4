import { useCallback } from 'react';
import { scoreWords } from '../../../shared/review/ratings.js';
import type { Trends } from '../../../shared/review/trends.js';
import type { LookLine } from '../../../shared/review/worth-a-look.js';
import type { TrendSettings } from '../../../shared/schemas/trends.js';
import { getGroupTrends } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { href } from '../../shell/router.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { BarChart } from './BarChart.js';

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
const minutes = (ms: number) => `${ms > 0 ? '+' : ''}${Math.round(ms / 60_000)} min`;

/**
 * The group over its latest sessions (review.md §Across sessions: worth a look, R29–R33, R36–R38): the
 * lines worth a look, each linked to the sessions behind it, and small charts on one axis of
 * sessions. For the group's facilitators and reviewers; the server sends nobody else anything.
 */
export function GroupTrends({ groupId }: { groupId: string }) {
  const load = useCallback(() => getGroupTrends(groupId), [groupId]);
  const [resource, retry] = useResource(load);
  return (
    <section className="section group-trends" aria-labelledby="trends-heading">
      <h2 id="trends-heading">Trends</h2>
      <ResourceView resource={resource} retry={retry}>
        {({ trends, lines, settings }) => {
          const dates = new Map(trends.sessions.map((s) => [s.sessionId, shortDate.format(new Date(s.startedAt))]));
          return trends.sessions.length === 0 ? (
            <p className="muted">No ended sessions yet.</p>
          ) : (
            <>
              <p className="muted">
                The last {trends.sessions.length === 1 ? 'session' : `${trends.sessions.length} sessions`} that ended (at most{' '}
                {settings.window}).
              </p>
              <WorthALook lines={lines} dates={dates} />
              <Charts trends={trends} settings={settings} dates={dates} />
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

function WorthALook({ lines, dates }: { lines: readonly LookLine[]; dates: ReadonlyMap<string, string> }) {
  return (
    <>
      <h3 id="worth-a-look-heading">Worth a look</h3>
      {lines.length === 0 ? (
        <p className="muted">Nothing stands out.</p>
      ) : (
        <ul className="worth-a-look" aria-labelledby="worth-a-look-heading">
          {lines.map((line) => (
            // A rule may give a member more than one line (an item each, R38).
            <li key={`${line.kind}-${line.memberId ?? 'group'}-${line.text}`}>
              <span>{line.text}</span>{' '}
              <span className="worth-a-look-sessions">
                {line.sessionIds.length === 1 ? 'Session' : 'Sessions'}:{' '}
                {line.sessionIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    <a href={href({ name: 'review', sessionId: id })}>{dates.get(id) ?? 'a session'}</a>
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Charts({ trends, settings, dates }: { trends: Trends; settings: TrendSettings; dates: ReadonlyMap<string, string> }) {
  const label = (i: number) => dates.get(trends.sessions[i]!.sessionId) ?? '';
  const offs = trends.sessions.map((s) => s.activeMs - s.plannedMs);
  const reach = Math.max(60_000, ...offs.map(Math.abs));
  const share = { value: settings.talkSharePercent / 100, label: `the line at ${settings.talkSharePercent} %` };
  return (
    <>
      <h3>Charts</h3>
      <div className="trend-charts">
        <BarChart
          title="Attendance rate"
          bars={trends.sessions.map((s, i) => ({ label: label(i), value: s.seated === 0 ? 0 : s.attended / s.seated }))}
          max={1}
          format={percent}
        />
        <BarChart
          title="Flags"
          bars={trends.sessions.map((s, i) => ({ label: label(i), value: s.flags }))}
          max={Math.max(1, ...trends.sessions.map((s) => s.flags))}
          format={(n) => `${n} ${n === 1 ? 'flag' : 'flags'}`}
        />
        <BarChart
          title="Against the plan"
          bars={offs.map((ms, i) => ({ label: label(i), value: ms }))}
          min={-reach}
          max={reach}
          format={minutes}
        />
      </div>
      <h3>Talk share</h3>
      <div className="trend-charts">
        {trends.members.map((m) => (
          <BarChart
            key={m.memberId}
            title={m.name}
            bars={m.cells.map((c, i) => ({ label: label(i), value: c.share }))}
            max={1}
            threshold={share}
            format={percent}
          />
        ))}
      </div>
      {trends.sessions.some((s) => s.ratingItems !== null) && (
        <>
          <h3>Overall rating</h3>
          <div className="trend-charts">
            {trends.members.map((m) => (
              <BarChart
                key={m.memberId}
                title={`${m.name}, overall rating`}
                bars={m.cells.map((c, i) => ({ label: label(i), value: c.rating?.overall ?? null }))}
                max={10}
                format={(n) => `${scoreWords(n)} of 10`}
                dots
                missing="not rated"
              />
            ))}
          </div>
        </>
      )}
    </>
  );
}
