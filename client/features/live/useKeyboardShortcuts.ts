import { useEffect } from 'react';
import type { Command } from '../../../shared/schemas/commands.js';
import { useSignedIn } from '../auth/authState.js';
import { useLiveSession } from './liveContext.js';
import { whyNot } from './permissions.js';

/** Where keys type text: no shortcut there. */
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Where Space presses the focused control: Space is theirs. */
const PRESSABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

/**
 * Space: next speaker, N: next phase, P: pause or resume the session (shown on the buttons).
 * Off while a dialog is open, the screen is hidden or the connection is down; Space is left to
 * a focused button, which it presses.
 */
export function useKeyboardShortcuts(enabled: boolean): void {
  const live = useLiveSession();
  const { user } = useSignedIn();
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      if (event.key === ' ' && target && PRESSABLE.has(target.tagName)) return;
      const view = live.store.getState().update?.state;
      if (!view) return;
      let command: Command | null = null;
      if (event.key === ' ') command = { type: 'floor.next' };
      else if (event.key === 'n' || event.key === 'N') command = { type: 'phase.next' };
      else if (event.key === 'p' || event.key === 'P') command = { type: view.status === 'paused' ? 'session.resume' : 'session.pause' };
      if (!command) return;
      event.preventDefault();
      const reason = whyNot(view, command, user.id);
      if (reason) live.notify(reason);
      else void live.send(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, live, user.id]);
}
