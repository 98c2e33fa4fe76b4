import { useEffect } from 'react';
import { useReview } from './reviewContext.js';
import { adoptPrintFrame } from './printFrame.js';

const ROLE_WORDS = { lead: 'lead', co: 'co-facilitator' } as const;

/** Puts the running header and footer on every printed page while the review is open. */
export function PrintFrame({ billingCode }: { billingCode: string | null }) {
  const { review, fmt } = useReview();
  const { startedAt, endedAt } = review.session;
  const date = startedAt !== null ? fmt.date(startedAt) : 'Not started';
  const time = startedAt !== null ? `${fmt.clock(startedAt)}–${endedAt !== null ? fmt.clock(endedAt) : 'not ended'}` : '';
  const facilitators = review.facilitators.map((f) => `${f.name} (${ROLE_WORDS[f.role]})`).join(', ') || '—';
  useEffect(
    () => adoptPrintFrame({ groupName: review.groupName, date, time, facilitators, billingCode }),
    [review.groupName, date, time, facilitators, billingCode],
  );
  return null;
}
