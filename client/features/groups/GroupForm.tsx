import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/schemas/common.js';
import { groupInputSchema, type GroupInput, type GroupSummary } from '../../../shared/schemas/rest.js';
import { listFacilitators } from '../../api/endpoints.js';
import { HttpError } from '../../api/http.js';
import { useResource } from '../../api/useResource.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { CoFacilitatorSelect } from './CoFacilitatorSelect.js';
import { MembersEditor, type DraftMember } from './MembersEditor.js';
import { RatingScaleEditor } from './RatingScaleEditor.js';
import { TrendSettingsFields, trendSettingsFrom } from './TrendSettingsFields.js';
import { DEFAULT_TREND_SETTINGS } from '../../../shared/schemas/trends.js';
import { DEFAULT_RATING_ITEMS, type RatingItem } from '../../../shared/schemas/rating-scale.js';
import { formText } from '../../ui/formText.js';

const loadFacilitators = () => listFacilitators().then((r) => r.facilitators);

/** Create or edit a group. Validated with the server's own schema before it is sent. */
export function GroupForm({ group, onSave }: { group: GroupSummary | null; onSave: (input: GroupInput) => Promise<void> }) {
  const [facilitators] = useResource(loadFacilitators);
  const [members, setMembers] = useState<DraftMember[]>(() =>
    (group?.members ?? []).toSorted((a, b) => a.seat - b.seat).map((m) => ({ key: m.id, id: m.id, name: m.name })),
  );
  const [ratingItems, setRatingItems] = useState<RatingItem[]>(() => [...(group?.ratingItems ?? DEFAULT_RATING_ITEMS)]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const partTwoHint = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => formText(form, key).trim();
    const input: GroupInput = {
      name: text('name'),
      focus: text('focus') || null,
      billingCode: text('billingCode').toUpperCase() || '90853',
      agreements: text('agreements'),
      members: members.map((m) => (m.id ? { id: m.id, name: m.name } : { name: m.name })),
      coFacilitatorId: text('coFacilitatorId') || null,
      substanceUse: form.get('substanceUse') === 'on',
      safetySteps: text('safetySteps'),
      trendSettings: trendSettingsFrom(form),
      // Sent only when edited: an untouched scale stays as stored (the defaults stay "the defaults").
      ratingItems: sameScale(ratingItems, group?.ratingItems ?? DEFAULT_RATING_ITEMS) ? undefined : ratingItems.map(trimmed),
    };
    const parsed = groupInputSchema.safeParse(input);
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${describePath(i.path)} ${i.message}`).join('. '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(input);
    } catch (failure) {
      const issues = failure instanceof HttpError ? failure.issues.map((i) => `${i.path}: ${i.message}`) : [];
      setError([failure instanceof Error ? failure.message : 'Could not save.', ...issues].join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="group-form" onSubmit={(event) => void submit(event)}>
      <Field label="Group name" name="name" required maxLength={LIMITS.groupName} defaultValue={group?.name ?? ''} />
      <Field
        label="Focus"
        name="focus"
        maxLength={LIMITS.groupFocus}
        defaultValue={group?.focus ?? ''}
        hint="For example: anxiety, grief, substance use recovery."
      />
      <Field
        label="Billing code"
        name="billingCode"
        defaultValue={group?.billingCode ?? '90853'}
        pattern="[0-9A-Za-z]{4,7}"
        hint="The procedure code this group bills under; 90853 is group psychotherapy."
      />
      <div className="field">
        <label className="choice">
          <input type="checkbox" name="substanceUse" defaultChecked={group?.substanceUse ?? false} aria-describedby={partTwoHint} />
          Substance-use group (42 CFR Part 2)
        </label>
        <p id={partTwoHint} className="hint">
          US federal rules protect even the name and roster of such a group: its exports carry the redisclosure notice, and only its lead
          can export.
        </p>
      </div>
      <CoFacilitatorSelect name="coFacilitatorId" facilitators={facilitators} defaultValue={group?.coFacilitatorId ?? null} />
      <MembersEditor members={members} onChange={setMembers} />
      <div className="field">
        <label htmlFor="agreements">Group agreements</label>
        <textarea
          id="agreements"
          name="agreements"
          className="agreements-input"
          rows={6}
          maxLength={LIMITS.agreements}
          defaultValue={group?.agreements ?? ''}
          placeholder="What is said here stays here. One person speaks at a time. You may pass."
        />
      </div>
      <div className="field">
        <label htmlFor="safetySteps">Safety steps</label>
        <textarea
          id="safetySteps"
          name="safetySteps"
          rows={4}
          maxLength={LIMITS.agreements}
          defaultValue={group?.safetySteps ?? ''}
          placeholder="Who stays with the group, who steps out, whom to call, where the crisis line is."
        />
      </div>
      <RatingScaleEditor items={ratingItems} onChange={setRatingItems} />
      <TrendSettingsFields settings={group?.trendSettings ?? DEFAULT_TREND_SETTINGS} />
      <ErrorMessage message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        Save group
      </button>
    </form>
  );
}

const FIELD_WORDS: Record<string, string> = {
  name: 'Group name:',
  focus: 'Focus:',
  billingCode: 'Billing code:',
  agreements: 'Agreements:',
  safetySteps: 'Safety steps:',
  trendSettings: 'Worth a look:',
  ratingItems: 'Member ratings:',
  members: 'Members:',
};

function describePath(path: PropertyKey[]): string {
  return FIELD_WORDS[String(path[0])] ?? `${path.join('.')}:`;
}

const trimmed = (item: RatingItem): RatingItem => ({ id: item.id, label: item.label.trim() });

function sameScale(a: readonly RatingItem[], b: readonly RatingItem[]): boolean {
  return a.length === b.length && a.every((item, i) => item.id === b[i]!.id && item.label.trim() === b[i]!.label);
}
