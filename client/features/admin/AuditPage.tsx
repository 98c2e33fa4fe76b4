import { TableScroll } from '../../ui/TableScroll.js';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../shell/PageShell.js';
import { RecordTable } from '../../ui/RecordTable.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { auditCsvUrl, getAudit, type AuditEntryView, type AuditRange } from './adminApi.js';
import { actionWords, actorWords, detailWords } from './auditWords.js';
import './admin.css';
import { formText } from '../../ui/formText.js';

const DAY_MS = 24 * 60 * 60_000;
/** Enough rows to read on a screen; the CSV holds the whole range. */
const SHOWN = 500;
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Admins read the audit log (docs/privacy.md D5): a range of UTC dates, newest first, and its CSV. */
export function AuditPage() {
  const [range, setRange] = useState<AuditRange>(() => ({ from: utcDate(Date.now() - 30 * DAY_MS), to: utcDate(Date.now()) }));
  const load = useCallback(() => getAudit(range), [range]);
  const [audit, retry] = useResource(load);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setRange({ from: formText(form, 'from'), to: formText(form, 'to') });
  }

  return (
    <PageShell title="Audit log">
      <p className="muted">
        Who signed in or out, read a session or exported a review, changed a group, an account or a setting, or erased a member, and from
        which address. Entries hold ids and codes only, never a member’s name or a note. Dates are UTC; times are shown in this device’s
        time zone.
      </p>
      <form className="audit-range" onSubmit={submit}>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" required defaultValue={range.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" required defaultValue={range.to} />
        </div>
        <button type="submit" className="button">
          Show entries
        </button>
        <a className="button" href={auditCsvUrl(range)} download>
          Download audit CSV
        </a>
      </form>
      <ResourceView resource={audit} retry={retry}>
        {(data) => <AuditTable key={`${data.from}/${data.to}`} entries={data.entries} truncated={data.truncated} />}
      </ResourceView>
    </PageShell>
  );
}

function AuditTable({ entries, truncated }: { entries: AuditEntryView[]; truncated: boolean }) {
  const [action, setAction] = useState('');
  const actions = useMemo(() => [...new Set(entries.map((e) => e.action))].sort(), [entries]);
  const shown = useMemo(() => entries.filter((e) => !action || e.action === action).toReversed(), [entries, action]);
  return (
    <section className="section" aria-labelledby="audit-entries-heading">
      <h2 id="audit-entries-heading">Entries</h2>
      {truncated && (
        <p className="form-error" role="note">
          The range holds more entries than one read returns: narrow it, or download the CSV in parts.
        </p>
      )}
      <div className="field audit-filter">
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" value={action} onChange={(event) => setAction(event.target.value)}>
          <option value="">Every action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {actionWords(a)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="muted">
        {shown.length === 0 ? 'No entries in this range.' : `${shown.length} ${shown.length === 1 ? 'entry' : 'entries'}, newest first`}
        {shown.length > SHOWN && `; the newest ${SHOWN} are shown here, all are in the CSV`}.
      </p>
      {shown.length > 0 && (
        <TableScroll label="Audit entries, scrolls sideways">
          <RecordTable
            caption="Audit entries"
            hideCaption
            className="audit-table"
            columns={['Time', 'Who', 'Action', 'Subject', 'Detail', 'From']}
            records={shown.slice(0, SHOWN)}
            keyOf={(e) => e.seq}
            cells={(e) => [
              timeFormat.format(new Date(e.at)),
              actorWords(e),
              <>
                {actionWords(e.action)} <code className="muted">{e.action}</code>
              </>,
              <>
                {e.subjectType}
                {e.subjectId && (
                  <>
                    {' '}
                    <code>{e.subjectId}</code>
                  </>
                )}
              </>,
              <span className="audit-detail">{detailWords(e.detail)}</span>,
              e.address ?? '—',
            ]}
          />
        </TableScroll>
      )}
    </section>
  );
}
