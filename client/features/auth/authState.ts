import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { UserSummary } from '../../../shared/schemas/rest.js';
import { getMe, getSetup, signOut as postSignOut } from '../../api/endpoints.js';

import { HttpError } from '../../api/http.js';

/** Who is using this screen, as the server sees it. */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signedOut'; needsFirstAccount: boolean }
  | { status: 'signedIn'; user: UserSummary; twoFactorEnabled: boolean }
  /** Signed in, but the screen was locked when idle: only the password brings it back (S18). */
  | { status: 'locked'; user: UserSummary }
  /** Signed in, but the server requires 2FA and this account has none yet (S4). */
  | { status: 'enrol'; user: UserSummary }
  /** Signed in with a temporary password an admin set: a new one first (S43). */
  | { status: 'changePassword'; user: UserSummary }
  | { status: 'unreachable'; message: string };

/** Asks the server: signed in? If not, is this a fresh server that needs its first account? */
export async function loadAuth(): Promise<AuthState> {
  try {
    const { user, locked, mustEnrolTwoFactor, mustChangePassword, twoFactorEnabled } = await getMe();
    if (locked) return { status: 'locked', user };
    if (mustChangePassword) return { status: 'changePassword', user };
    if (mustEnrolTwoFactor) return { status: 'enrol', user };
    return { status: 'signedIn', user, twoFactorEnabled };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401) return unreachable(error);
  }
  try {
    const { needsFirstAccount } = await getSetup();
    return { status: 'signedOut', needsFirstAccount };
  } catch (error) {
    return unreachable(error);
  }
}

function unreachable(error: unknown): AuthState {
  return { status: 'unreachable', message: error instanceof Error ? error.message : 'The server cannot be reached.' };
}

export function useAuthState() {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const refresh = useCallback(async () => setState(await loadAuth()), []);
  useEffect(() => {
    let live = true;
    void loadAuth().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, []);
  const signOut = useCallback(async () => {
    try {
      await postSignOut();
    } finally {
      setState(await loadAuth());
    }
  }, []);
  return { state, refresh, signOut };
}

export interface SignedIn {
  user: UserSummary;
  signOut: () => Promise<void>;
}

export const SignedInContext = createContext<SignedIn | null>(null);

/** The signed-in facilitator; only used below the auth gate, where there always is one. */
export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error('useSignedIn is used outside the signed-in part of the app');
  return value;
}
