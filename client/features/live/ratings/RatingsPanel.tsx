import { useEffect, useState } from 'react';
import type { RatingLink } from '../../../../shared/schemas/ratings.js';
import { useLive, useLiveSession } from '../liveContext.js';
import { Modal } from '../../../ui/Modal.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { collectRatings, getRatingLink, lockThisScreen, stopRatings } from './ratingsApi.js';
import './ratings.css';

interface PanelProps {
  /** 'collect' opens a link (or gets the one already open, P52); 'show' fetches the open one (P54). */
  opening: 'collect' | 'show';
  present: number;
  close: () => void;
}

const failed = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong.');

/**
 * The open rating link for the room (docs/console.md L24): the QR code, the address as text (the
 * QR's text equivalent), the short code in large spaced type and the address to type it at, the
 * count, **Stop collecting** and **Rate on this screen**. Nothing about any member is on it, so
 * the tablet can be turned to the room.
 */
export function RatingsPanel({ opening, present, close }: PanelProps) {
  const live = useLiveSession();
  const sessionId = useLive((s) => s.sessionId);
  const collecting = useLive((s) => s.ratings?.collecting ?? null);
  const rated = useLive((s) => s.ratings?.rated ?? 0);
  const [link, setLink] = useState<RatingLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    const load =
      opening === 'collect'
        ? collectRatings(sessionId).then(({ status, link }) => {
            live.store.setState({ ratings: status });
            return link;
          })
        : getRatingLink(sessionId).then((answer) => answer.link);
    load.then(
      (opened) => current && setLink(opened),
      (failure: unknown) => current && setError(failed(failure)),
    );
    return () => {
      current = false;
    };
  }, [opening, sessionId, live]);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (failure) {
      setError(failed(failure));
      setBusy(false);
    }
  }

  const stop = () =>
    act(async () => {
      const { status } = await stopRatings(sessionId);
      live.store.setState({ ratings: status });
      close();
    });

  // The sign-in is locked before the form opens: whoever comes back from it meets the lock (L26).
  const rateHere = (opened: RatingLink) =>
    act(async () => {
      await lockThisScreen();
      window.location.assign(`${opened.url}?screen=1`);
    });

  const open = link !== null && collecting !== false;
  return (
    <Modal title={confirming ? 'Rate on this screen?' : 'Members rate the session'} onClose={close} className="ratings-panel">
      <ErrorMessage message={error} />
      {!link && !error && <p className="muted">Opening the rating link…</p>}
      {link && !open && <p>Collecting has stopped: the link no longer opens the form.</p>}
      {open && confirming && (
        <>
          <p>This screen will show the rating form only, one member at a time, and the console locks.</p>
          <p>To come back to the console you will need your password.</p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
            <button type="button" className="button primary" disabled={busy} onClick={() => void rateHere(link)}>
              Rate on this screen
            </button>
          </div>
        </>
      )}
      {open && !confirming && (
        <div className="ratings-link">
          <img className="ratings-qr" src={`data:image/svg+xml,${encodeURIComponent(link.qrSvg)}`} alt="QR code of the address below" />
          <div className="ratings-side">
            <p>
              Scan the code, or open <span className="ratings-url">{link.url}</span>
            </p>
            <p>
              Or go to <strong className="ratings-url">{link.codeUrl}</strong> and type
            </p>
            <p className="ratings-code">{link.code}</p>
            <p className="ratings-count" aria-live="polite">
              {rated} of {present} rated
            </p>
            <div className="modal-actions">
              <button type="button" className="button" disabled={busy} onClick={() => void stop()}>
                Stop collecting
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => setConfirming(true)}>
                Rate on this screen
              </button>
              <button type="button" className="button primary" onClick={close} autoFocus>
                Close
              </button>
            </div>
          </div>
        </div>
      )}
      {!open && (
        <div className="modal-actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </Modal>
  );
}
