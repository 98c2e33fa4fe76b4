import { useEffect, useState } from 'react';
import { createLiveSession } from '../../api/liveSession.js';
import { href } from '../../shell/router.js';
import { useSignedIn } from '../auth/authState.js';
import { Lobby } from '../lobby/Lobby.js';
import { EndedSummary } from '../live/EndedSummary.js';
import { LiveConsole } from '../live/LiveConsole.js';
import { LiveSessionContext, useLive } from '../live/liveContext.js';

/**
 * A session's page: one live connection for as long as it is open. The same page shows the
 * lobby, the live console and the ended summary, switching when the session's state does, so
 * both screens move on together when either facilitator presses Start or End.
 */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const { user } = useSignedIn();
  // Creating a LiveSession has no side effect; the effect below connects it.
  const [live] = useState(() => createLiveSession(sessionId, { userId: user.id }));
  useEffect(() => live.start(), [live]);
  return (
    <LiveSessionContext.Provider value={live}>
      <SessionScreen />
    </LiveSessionContext.Provider>
  );
}

function SessionScreen() {
  const fatal = useLive((s) => s.fatal);
  const status = useLive((s) => s.update?.state.status ?? null);
  if (fatal) {
    return (
      <main className="auth-page">
        <div className="card auth-card" role="alert">
          <h1>This session cannot be shown</h1>
          <p>{fatal}</p>
          <div className="modal-actions">
            <a className="button" href={href({ name: 'home' })}>
              Back to groups
            </a>
            <button type="button" className="button primary" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        </div>
      </main>
    );
  }
  switch (status) {
    case null:
      return <p className="page-loading">Connecting to the session…</p>;
    case 'lobby':
      return <Lobby />;
    case 'live':
    case 'paused':
      return <LiveConsole />;
    case 'ended':
      return <EndedSummary />;
    default:
      return status satisfies never;
  }
}
