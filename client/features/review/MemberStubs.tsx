import { useMemo } from 'react';
import { forRecord } from '../../../shared/review/exports.js';
import { memberStubs } from '../../../shared/review/stubs.js';
import { useReview } from './reviewContext.js';

/**
 * One short stub per member, to paste into that member's record: attendance, time present,
 * turns, talk time, and the flags and notes about them. Built from the review with private notes
 * removed, and naming no other member (shared/review/stubs.ts).
 */
export function MemberStubs() {
  const { review, fmt } = useReview();
  const stubs = useMemo(() => memberStubs(forRecord(review), fmt.clock), [review, fmt]);
  return (
    <section className="card review-section member-stubs" aria-labelledby="stubs-heading">
      <h2 id="stubs-heading">Member stubs</h2>
      <p className="muted screen-only">For each member's own record: no other member is named in a stub, and private notes are left out.</p>
      {stubs.map((stub) => (
        <article key={stub.memberId} className="stub" aria-label={`Stub: ${stub.name}`}>
          <h3>{stub.name}</h3>
          <ul>
            {stub.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
