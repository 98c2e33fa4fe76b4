import { activeCrisis, steppedOutWith } from '../../../../shared/session/crisis.js';
import { useView } from '../liveContext.js';
import { nameOf } from '../members.js';
import { SafetySteps } from './SafetySteps.js';

/** While a crisis pause lasts, both screens say so (who is taking it, about whom, who stepped out with whom) and show the group's safety steps. */
export function CrisisBanner() {
  const view = useView();
  const crisis = activeCrisis(view.context);
  if (!crisis) return null;
  const who = view.facilitators.find((f) => f.id === crisis.by)?.name ?? 'A facilitator';
  const about = crisis.memberId ? nameOf(view, crisis.memberId) : null;
  const outWith = crisis.memberId ? steppedOutWith(view.context, crisis.memberId) : null;
  return (
    <section className="crisis-banner" aria-label="Crisis pause">
      <p>
        <strong>Crisis pause</strong> · {who} is taking this{about ? ` · about ${about}` : ''}
        {about && outWith ? ` · ${about} stepped out with ${who}` : ''}
      </p>
      <SafetySteps groupId={view.groupId} />
    </section>
  );
}
