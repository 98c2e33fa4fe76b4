import { useMemo } from 'react';
import { FirstAccountPage } from '../features/auth/FirstAccountPage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { SignedInContext, useAuthState } from '../features/auth/authState.js';
import { AcceptInvitePage } from '../features/security/AcceptInvitePage.js';
import { IdleLock, SecurityGate } from '../features/security/SecurityGate.js';
import { useAnyModalOpen } from '../ui/modalState.js';
import { useRoute } from '../shell/router.js';
import { Routes } from './Routes.js';

/** The auth gate: nothing below it renders without a signed-in facilitator. */
export function App() {
  const { state, refresh, signOut } = useAuthState();
  const modalOpen = useAnyModalOpen();
  const route = useRoute();
  const signedIn = useMemo(() => (state.status === 'signedIn' ? { user: state.user, signOut } : null), [state, signOut]);

  let content;
  switch (state.status) {
    case 'loading':
      content = <p className="page-loading">Loading…</p>;
      break;
    case 'unreachable':
      content = (
        <main className="auth-page">
          <div className="card auth-card">
            <h1>Holdspace cannot reach its server</h1>
            <p>{state.message}</p>
            <button type="button" className="button primary" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        </main>
      );
      break;
    case 'signedOut':
      if (route.name === 'invite') content = <AcceptInvitePage token={route.token} onAccepted={refresh} />;
      else content = state.needsFirstAccount ? <FirstAccountPage onCreated={refresh} /> : <SignInPage onSignedIn={refresh} />;
      break;
    case 'locked':
    case 'enrol':
    case 'changePassword':
      content = <SecurityGate state={state} refresh={refresh} signOut={signOut} />;
      break;
    case 'signedIn':
      content = (
        <SignedInContext.Provider value={signedIn}>
          <IdleLock onLocked={() => void refresh()}>
            <Routes />
          </IdleLock>
        </SignedInContext.Provider>
      );
      break;
    default:
      content = state satisfies never;
  }

  // Behind an open modal, the page is inert and hidden from assistive technology.
  return (
    <div className="app" inert={modalOpen} aria-hidden={modalOpen || undefined}>
      {content}
    </div>
  );
}
