import { useId } from 'react';
import type { Resource } from '../../api/useResource.js';

interface Props {
  name: string;
  facilitators: Resource<{ id: string; name: string }[]>;
  defaultValue: string | null;
}

/** The "Co-facilitator" select, shared by the group form and the session plan. */
export function CoFacilitatorSelect({ name, facilitators, defaultValue }: Props) {
  const id = useId();
  const options = facilitators.status === 'ready' ? facilitators.data : [];
  return (
    <div className="field">
      <label htmlFor={id}>Co-facilitator</label>
      {/* Keyed on the list so the default applies once the options have arrived. */}
      <select id={id} name={name} key={options.length} defaultValue={defaultValue ?? ''}>
        <option value="">None</option>
        {options.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
      {facilitators.status === 'failed' && <p className="field-error">{facilitators.message}</p>}
    </div>
  );
}
