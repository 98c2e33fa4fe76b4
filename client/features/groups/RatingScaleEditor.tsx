import { useId } from 'react';
import {
  DEFAULT_RATING_ITEMS,
  RATING_ITEM_LABEL_MAX,
  RATING_ITEMS_MAX,
  RATING_ITEMS_MIN,
  type RatingItem,
} from '../../../shared/schemas/rating-scale.js';

/**
 * The statements members rate after a session (docs/ratings.md, docs/console.md L27): 2 to 6, each
 * at most 80 characters, in our own words. Rewording keeps an item's id, so members' trends follow
 * it; a new statement gets a fresh id, never one a removed statement had.
 */
export function RatingScaleEditor({ items, onChange }: { items: RatingItem[]; onChange: (items: RatingItem[]) => void }) {
  const hint = useId();
  const reword = (id: string, label: string) => onChange(items.map((item) => (item.id === id ? { ...item, label } : item)));
  return (
    <fieldset className="field rating-scale">
      <legend>Member ratings: the statements</legend>
      <p id={hint} className="hint">
        Members rate each statement from 0 to 10 at the end of a session. Keep them in your own words, never a licensed questionnaire’s.
      </p>
      <ol className="rating-items">
        {items.map((item, index) => (
          <li key={item.id} className="rating-item">
            <label htmlFor={`rating-item-${item.id}`}>Statement {index + 1}</label>
            <input
              id={`rating-item-${item.id}`}
              value={item.label}
              maxLength={RATING_ITEM_LABEL_MAX}
              required
              aria-describedby={hint}
              onChange={(event) => reword(item.id, event.target.value)}
            />
            <button
              type="button"
              className="button quiet"
              aria-label={`Remove statement ${index + 1}`}
              disabled={items.length <= RATING_ITEMS_MIN}
              onClick={() => onChange(items.filter((other) => other !== item))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="rating-scale-actions">
        <button
          type="button"
          className="button"
          disabled={items.length >= RATING_ITEMS_MAX}
          onClick={() => onChange([...items, { id: freshItemId(items), label: '' }])}
        >
          Add statement
        </button>
        <button type="button" className="button quiet" onClick={() => onChange([...DEFAULT_RATING_ITEMS])}>
          Restore default statements
        </button>
      </div>
    </fieldset>
  );
}

/** `item-` and six random characters, unlike any id on the scale (the schema's `[a-z0-9-]{1,24}`). */
function freshItemId(items: readonly RatingItem[]): string {
  for (;;) {
    const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => (byte % 36).toString(36)).join('');
    const id = `item-${random}`;
    if (!items.some((item) => item.id === id)) return id;
  }
}
