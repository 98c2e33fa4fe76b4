import { useCallback } from 'react';
import { PHASES, PHASE_LABELS } from '../../../shared/phases.js';
import { getGroup } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { href } from '../../shell/router.js';
import { ThemeToggle } from '../../shell/ThemeToggle.js';
import { CommandButton } from '../live/CommandButton.js';
import { ConnectionStatus } from '../live/ConnectionStatus.js';
import { selectConnected, useLive, useView } from '../live/liveContext.js';
import { seatedMembers } from '../live/members.js';
import { NoticeToast } from '../live/NoticeToast.js';
import { AttendanceRow } from './AttendanceRow.js';
import { CancelSession } from './CancelSession.js';

/**
 * Before the session: who is here (both screens see each mark as it is made), the group
 * agreements in large type, the plan, and Start session.
 */
export function Lobby() {
  const view = useView();
  const connected = useLive(selectConnected);
  const loadGroup = useCallback(() => getGroup(view.groupId).then((r) => r.group), [view.groupId]);
  const [group] = useResource(loadGroup);
  const members = seatedMembers(view);
  const attending = members.filter((m) => ['present', 'late'].includes(view.context.attendance[m.id]?.status ?? '')).length;
  const { plan } = view.context;
  const total = PHASES.reduce((sum, p) => sum + plan.phaseMinutes[p], 0);

  return (
    <div className="lobby">
      <header className="console-header">
        <a className="console-back" href={href({ name: 'home' })}>
          Groups
        </a>
        <h1 className="console-title">{view.groupName}: lobby</h1>
        <span className="header-spacer" />
        <ConnectionStatus />
        <ThemeToggle />
      </header>
      <main className="lobby-main">
        <section className="card lobby-attendance" aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">Attendance</h2>
          <fieldset className="attendance-list" disabled={!connected}>
            <legend className="visually-hidden">Mark each member present, late or absent</legend>
            <ul>
              {members.map((m) => (
                <AttendanceRow key={m.id} memberId={m.id} name={m.name} />
              ))}
            </ul>
          </fieldset>
          <p className="muted">
            {attending} of {members.length} here
          </p>
          <CommandButton command={{ type: 'session.start' }} label="Start session" className="primary large" />
          <div className="lobby-secondary">
            <CancelSession />
          </div>
        </section>
        <section className="card lobby-agreements" aria-labelledby="agreements-heading">
          <h2 id="agreements-heading">Agreements</h2>
          {group.status === 'ready' && group.data.agreements ? (
            <p className="agreements">{group.data.agreements}</p>
          ) : (
            <p className="muted">{group.status === 'loading' ? 'Loading…' : 'No agreements written for this group yet.'}</p>
          )}
        </section>
        <section className="card lobby-plan" aria-labelledby="plan-heading">
          <h2 id="plan-heading">Plan</h2>
          <ul className="plan-summary">
            {PHASES.map((p) => (
              <li key={p}>
                {PHASE_LABELS[p]}: {plan.phaseMinutes[p]} min
              </li>
            ))}
            <li>Total: {total} min</li>
            <li>Turn allotment: {formatAllotment(plan.turnAllotmentSeconds)}</li>
            {plan.skill && <li>Skill: {plan.skill}</li>}
            <li>Facilitators: {view.facilitators.map((f) => `${f.name} (${f.role === 'lead' ? 'lead' : 'co-facilitator'})`).join(', ')}</li>
          </ul>
        </section>
      </main>
      <NoticeToast />
    </div>
  );
}

function formatAllotment(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
