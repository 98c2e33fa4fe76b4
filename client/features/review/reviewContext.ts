import { createContext, useContext } from 'react';
import type { Review } from '../../../shared/review/types.js';
import type { Formats } from './format.js';

/** What every part of the review page reads: the figures, the clinic's time formats, the names. */
export interface ReviewView {
  review: Review;
  fmt: Formats;
  member: (id: string | null) => string;
  actor: (id: string) => string;
}

export const ReviewContext = createContext<ReviewView | null>(null);

export function useReview(): ReviewView {
  const view = useContext(ReviewContext);
  if (!view) throw new Error('useReview outside the review page');
  return view;
}

export function reviewView(review: Review, fmt: Formats): ReviewView {
  const members = new Map(review.members.map((m) => [m.id, m.name]));
  const facilitators = new Map(review.facilitators.map((f) => [f.id, f.name]));
  return {
    review,
    fmt,
    member: (id) => (id === null ? 'the group' : (members.get(id) ?? 'a former member')),
    actor: (id) => facilitators.get(id) ?? 'A facilitator',
  };
}
