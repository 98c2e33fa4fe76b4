import type { ReactNode } from 'react';
import type { UserSummary } from '../../../shared/schemas/rest.js';
import { LockScreen } from './LockScreen.js';
import { NewPasswordRequired } from './NewPasswordRequired.js';
import { TwoFactorSetup } from './TwoFactorSetup.js';
import { useIdleLock } from './useIdleLock.js';

interface GateProps {
  state: { status: 'locked' | 'enrol' | 'changePassword'; user: UserSummary };
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

/** What a held sign-in sees instead of the console: the lock, a new password, or required 2FA set-up (S4, S18, S43). */
export function SecurityGate({ state, refresh, signOut }: GateProps) {
  if (state.status === 'locked') return <LockScreen userName={state.user.name} onUnlocked={refresh} onSignOut={signOut} />;
  if (state.status === 'changePassword') return <NewPasswordRequired onChanged={refresh} onSignOut={signOut} />;
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Set up two-factor sign-in</h1>
        <p className="muted">This server requires it for every account. Until it is set up, nothing else opens.</p>
        <TwoFactorSetup onDone={refresh} />
        <button type="button" className="button quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </main>
  );
}

/** Wraps the signed-in console so an idle screen locks itself (S18). */
export function IdleLock({ onLocked, children }: { onLocked: () => void; children: ReactNode }) {
  useIdleLock(onLocked);
  return <>{children}</>;
}
