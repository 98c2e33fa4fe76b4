import { createContext, useContext } from 'react';
import type { SessionView } from '../../../shared/session/view.js';
import type { LiveSession, LiveState } from '../../api/liveSession.js';
import { useStoreSelector } from '../../api/store.js';

export const LiveSessionContext = createContext<LiveSession | null>(null);

export function useLiveSession(): LiveSession {
  const live = useContext(LiveSessionContext);
  if (!live) throw new Error('useLiveSession is used outside a session page');
  return live;
}

/** A narrow slice of the session's one store; re-renders only when the slice changes. */
export function useLive<T>(selector: (state: LiveState) => T, isEqual?: (a: T, b: T) => boolean): T {
  return useStoreSelector(useLiveSession().store, selector, isEqual);
}

/**
 * The session as last received. Changes only when a new version arrives (never on a tick), so
 * components reading it re-render on real changes only. Only called below the "has state" gate.
 */
export function useView(): SessionView {
  const view = useLive(selectView);
  if (!view) throw new Error('useView is used before the session state arrived');
  return view;
}

const selectView = (s: LiveState) => s.update?.state ?? null;

export const selectConnected = (s: LiveState) => s.connection === 'connected';
