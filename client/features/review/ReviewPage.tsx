import { useCallback, useMemo, useState } from 'react';
import { clinicTime } from '../../../shared/review/clinic-time.js';
import type { ReviewResponse } from '../../../shared/rest/contract.js';
import { PageShell } from '../../shell/PageShell.js';
import { useResource } from '../../api/useResource.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { AcrossSessions } from './AcrossSessions.js';
import { FlagsNotes } from './FlagsNotes.js';
import { GroupNotes } from './GroupNotes.js';
import { MemberStubs } from './MemberStubs.js';
import { PhaseLog } from './PhaseLog.js';
import { PhasesTable } from './PhasesTable.js';
import { PrintFrame } from './PrintFrame.js';
import { ProgressNotes } from './ProgressNotes.js';
import { Ratings } from './Ratings.js';
import { ReviewContext, reviewView } from './reviewContext.js';
import { exportUrl, getReview } from './reviewApi.js';
import { ReviewHeader } from './ReviewHeader.js';
import { ReviewNav } from './ReviewNav.js';
import { ReviewSummary } from './ReviewSummary.js';
import { SignatureLines } from './SignatureLines.js';
import { SignPanel } from './SignPanel.js';
import { TalkTime } from './TalkTime.js';
import { Timeline } from './Timeline.js';
import './review.css';

/**
 * The review of one session (heading "Session review"): every figure computed by the server
 * from the phase log with the same code the exports use, so the page and the files agree.
 * Printing gives the report: the group summary with the timeline, then a stub per member.
 */
export function ReviewPage({ sessionId }: { sessionId: string }) {
  const load = useCallback(() => getReview(sessionId), [sessionId]);
  const [resource, retry] = useResource(load);
  return (
    <PageShell title="Session review" actions={<ReviewActions sessionId={sessionId} />}>
      <ResourceView resource={resource} retry={retry}>
        {(data) => <ReviewBody data={data} />}
      </ResourceView>
    </PageShell>
  );
}

function ReviewActions({ sessionId }: { sessionId: string }) {
  return (
    <div className="review-actions">
      <a className="button" href={exportUrl(sessionId, 'export.csv')} download>
        Download CSV
      </a>
      <a className="button" href={exportUrl(sessionId, 'members.csv')} download>
        Download member figures (CSV)
      </a>
      <a className="button" href={exportUrl(sessionId, 'export.json')} download>
        Download JSON
      </a>
      <button type="button" className="button primary" onClick={() => window.print()}>
        Print report
      </button>
    </div>
  );
}

function ReviewBody({ data }: { data: ReviewResponse }) {
  const [record, setRecord] = useState(data.record);
  const view = useMemo(() => reviewView(data.review, clinicTime(data)), [data]);
  return (
    <ReviewContext.Provider value={view}>
      <PrintFrame billingCode={data.billingCode} />
      {data.notice && (
        <p className="review-notice" role="note">
          {data.notice}
        </p>
      )}
      <ReviewSummary />
      <ReviewNav />
      <p className="muted review-zone">Times are in {data.timeZone}.</p>
      <ReviewHeader />
      <Timeline />
      <PhasesTable />
      <TalkTime />
      <Ratings ratings={data.ratings} />
      <GroupNotes />
      <FlagsNotes reviewer={data.myRole === 'reviewer'} />
      <SignPanel record={record} onRecord={setRecord} myRole={data.myRole} />
      {record.lock === null && <SignatureLines />}
      <ProgressNotes locked={record.lock !== null} />
      <MemberStubs />
      <PhaseLog />
      <AcrossSessions />
    </ReviewContext.Provider>
  );
}
