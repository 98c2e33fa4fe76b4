import { lazy, Suspense, useState } from 'react';
import type { LiveState } from '../../../api/liveSession.js';
import { sameFields } from '../../../api/store.js';
import { useLive, useView } from '../liveContext.js';
import { membersPresent } from './ratingsApi.js';

// The link's panel is needed once a session, near its end: kept out of the initial bundle.
const RatingsPanel = lazy(() => import('./RatingsPanel.js').then((m) => ({ default: m.RatingsPanel })));

// A link that ran out by itself (30 minutes after the end) is sent no broadcast: its time says so.
const selectCount = (s: LiveState) => ({
  collecting: (s.ratings?.collecting ?? false) && (s.ratings?.expiresAt == null || s.now < s.ratings.expiresAt),
  rated: s.ratings?.rated ?? 0,
});

/**
 * Member voice on a facilitator's screen (docs/console.md L23, L25): **Collect ratings**, or while
 * a link is open the count "N of M rated" — counts only, never a value — and the way to the link.
 * `prominent` during Feedback, when the room rates.
 */
export function RatingsControl({ prominent }: { prominent: boolean }) {
  const { collecting, rated } = useLive(selectCount, sameFields);
  const present = membersPresent(useView());
  const [panel, setPanel] = useState<'collect' | 'show' | null>(null);
  return (
    <div className="ratings-control">
      {(collecting || rated > 0) && (
        <p className="ratings-count" aria-live="polite">
          {rated} of {present} rated
        </p>
      )}
      {collecting ? (
        <button type="button" className="button" onClick={() => setPanel('show')}>
          Show rating link
        </button>
      ) : (
        <button type="button" className={prominent ? 'button primary' : 'button quiet'} onClick={() => setPanel('collect')}>
          Collect ratings
        </button>
      )}
      {panel && (
        <Suspense fallback={null}>
          <RatingsPanel opening={panel} present={present} close={() => setPanel(null)} />
        </Suspense>
      )}
    </div>
  );
}
