import { useLive } from './liveContext.js';

/**
 * Calm one-line messages ("Already advanced by Dana"): floated over the layout so nothing
 * moves when one appears, read out politely, gone after a few seconds.
 */
export function NoticeToast() {
  const notice = useLive((s) => s.notice);
  return (
    <div className="notice-slot" aria-live="polite">
      {notice && (
        <p key={notice.id} className="notice">
          {notice.text}
        </p>
      )}
    </div>
  );
}
