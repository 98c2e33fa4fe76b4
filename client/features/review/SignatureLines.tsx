import { useReview } from './reviewContext.js';

const ROLE_WORDS = { lead: 'Lead', co: 'Co-facilitator' } as const;

/** On a report printed before anyone signed it: a line to sign by hand for each facilitator. */
export function SignatureLines() {
  const { review } = useReview();
  return (
    <section className="review-section print-only signature-lines" aria-label="Signature lines">
      {review.facilitators.map((f) => (
        <p key={f.id} className="signature-line">
          {ROLE_WORDS[f.role]}: {f.name} <span className="sign-here">Signature</span> <span className="sign-date">Date</span>
        </p>
      ))}
    </section>
  );
}
