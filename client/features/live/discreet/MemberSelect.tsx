import { useId } from 'react';
import { seatedMembers } from '../members.js';
import { useView } from '../liveContext.js';

/** "About": the whole group or one member (a flag or a note may concern either). */
export function MemberSelect({ defaultValue }: { defaultValue: string | null }) {
  const view = useView();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>About</label>
      <select id={id} name="memberId" defaultValue={defaultValue ?? ''}>
        <option value="">The whole group</option>
        {seatedMembers(view).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
  );
}
