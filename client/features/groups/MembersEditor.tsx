import { useState, type KeyboardEvent } from 'react';
import { LIMITS } from '../../../shared/schemas/common.js';

/** A roster row being edited: an existing member keeps its id; `key` is only for React. */
export interface DraftMember {
  key: string;
  id?: string;
  name: string;
}

interface MembersEditorProps {
  members: DraftMember[];
  onChange: (members: DraftMember[]) => void;
}

let draftSeq = 0;

/**
 * The roster in seat order. Members are first names or initials only (never full names), and
 * each name is unique in the group so every tile on the live console has its own name.
 */
export function MembersEditor({ members, onChange }: MembersEditorProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  function add() {
    const trimmed = name.trim();
    if (trimmed === '') return setError('Type a first name or initials first.');
    if (members.some((m) => m.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase())) {
      return setError(`There is already a ${trimmed} in this group: add an initial, e.g. “${trimmed} K.”`);
    }
    if (members.length >= LIMITS.membersPerGroup) return setError(`A group has at most ${LIMITS.membersPerGroup} members.`);
    onChange([...members, { key: `new-${++draftSeq}`, name: trimmed }]);
    setName('');
    setError(null);
  }

  function move(index: number, by: -1 | 1) {
    const next = [...members];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the member rather than submitting the whole group form.
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  }

  return (
    <fieldset className="members-editor">
      <legend>Members, in seat order</legend>
      <p className="hint">First names or initials only. The order is the seating order around the circle.</p>
      {members.length > 0 && (
        <ol className="member-rows">
          {members.map((member, index) => (
            <li key={member.key} className="member-row">
              <span className="seat-number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="member-row-name">{member.name}</span>
              <button
                type="button"
                className="button icon"
                aria-label={`Move ${member.name} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button icon"
                aria-label={`Move ${member.name} down`}
                disabled={index === members.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button quiet"
                aria-label={`Remove ${member.name}`}
                onClick={() => onChange(members.filter((m) => m !== member))}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="add-member">
        <div className="field">
          <label htmlFor="member-name">Member name</label>
          <input
            id="member-name"
            value={name}
            maxLength={LIMITS.memberName}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'member-name-error' : undefined}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <button type="button" className="button" onClick={add}>
          Add member
        </button>
      </div>
      {error && (
        <p id="member-name-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
