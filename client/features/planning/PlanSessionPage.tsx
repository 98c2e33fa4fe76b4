import { useCallback, useState, type FormEvent } from 'react';
import { DEFAULT_PHASE_MINUTES, PHASES, PHASE_LABELS, type Phase } from '../../../shared/phases.js';
import { LIMITS } from '../../../shared/schemas/common.js';
import { sessionInputSchema, type SessionInputBody } from '../../../shared/schemas/rest.js';
import { createSession, getGroup, listFacilitators } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../shell/PageShell.js';
import { navigate } from '../../shell/router.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { CoFacilitatorSelect } from '../groups/CoFacilitatorSelect.js';
import { ExerciseFields, exerciseFrom } from './ExerciseFields.js';
import { PlanTotal } from './PlanTotal.js';
import { formText } from '../../ui/formText.js';

const loadFacilitators = () => listFacilitators().then((r) => r.facilitators);

/** The plan of one session: minutes per phase, the soft turn allotment, the skill, who co-runs it. */
export function PlanSessionPage({ groupId }: { groupId: string }) {
  const loadGroup = useCallback(() => getGroup(groupId).then((r) => r.group), [groupId]);
  const [group, retry] = useResource(loadGroup);
  const [facilitators] = useResource(loadFacilitators);
  const [minutes, setMinutes] = useState<Record<Phase, string>>(
    () => Object.fromEntries(PHASES.map((p) => [p, String(DEFAULT_PHASE_MINUTES[p])])) as Record<Phase, string>,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const allotmentMinutes = Number(form.get('turnAllotment'));
    const input: SessionInputBody = {
      plan: {
        phaseMinutes: Object.fromEntries(PHASES.map((p) => [p, Number(minutes[p])])),
        turnAllotmentSeconds: Math.round(allotmentMinutes * 60),
        skill: formText(form, 'skill').trim() || null,
        exercise: exerciseFrom(form),
      },
      coFacilitatorId: formText(form, 'coFacilitatorId') || null,
    };
    const parsed = sessionInputSchema.safeParse(input);
    if (!parsed.success)
      return setError(
        parsed.error.issues
          .map((i) => `${i.path.at(-1) === 'turnAllotmentSeconds' ? 'Turn allotment' : String(i.path.at(-1))}: ${i.message}`)
          .join('. '),
      );
    setBusy(true);
    setError(null);
    try {
      const { session } = await createSession(groupId, input);
      navigate({ name: 'session', sessionId: session.id });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not create the session.');
      setBusy(false);
    }
  }

  return (
    <PageShell title={group.status === 'ready' ? `Plan session: ${group.data.name}` : 'Plan session'}>
      <ResourceView resource={group} retry={retry}>
        {(data) => (
          <form className="plan-form" onSubmit={(event) => void submit(event)}>
            <fieldset className="phase-minutes">
              <legend>Planned minutes per phase</legend>
              {PHASES.map((phase) => (
                <Field
                  key={phase}
                  label={`${PHASE_LABELS[phase]} minutes`}
                  name={phase}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={LIMITS.phaseMinutes}
                  step={1}
                  required
                  value={minutes[phase]}
                  onChange={(event) => setMinutes({ ...minutes, [phase]: event.target.value })}
                />
              ))}
              <PlanTotal minutes={minutes} />
            </fieldset>
            <Field
              label="Turn allotment (minutes)"
              name="turnAllotment"
              type="number"
              inputMode="decimal"
              min={0.25}
              max={LIMITS.turnAllotmentSeconds / 60}
              step={0.25}
              defaultValue="2"
              hint="A soft guide shown only to facilitators; nobody is ever cut off."
            />
            <Field label="Skill to teach" name="skill" maxLength={LIMITS.skill} placeholder="Box breathing" />
            <ExerciseFields />
            <CoFacilitatorSelect name="coFacilitatorId" facilitators={facilitators} defaultValue={data.coFacilitatorId} />
            <ErrorMessage message={error} />
            <button type="submit" className="button primary" disabled={busy}>
              Create session
            </button>
          </form>
        )}
      </ResourceView>
    </PageShell>
  );
}
