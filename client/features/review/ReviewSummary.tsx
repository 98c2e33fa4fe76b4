import { useMemo } from 'react';
import { reviewSummary } from '../../../shared/review/summary.js';
import { useReview } from './reviewContext.js';

/** The review in one sentence, first on the page and the print (docs/review.md R24). */
export function ReviewSummary() {
  const { review } = useReview();
  const text = useMemo(() => reviewSummary(review), [review]);
  return (
    <section className="card review-section review-sentence" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <p>{text}</p>
    </section>
  );
}
