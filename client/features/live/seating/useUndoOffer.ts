import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { UNDO_SHOWN_MS, type Tap } from '../../../../shared/session/tap.js';
import { useLiveSession } from '../liveContext.js';
import type { LastTap, UndoOffer } from './undoState.js';

/**
 * The Undo of this screen's last one-tap action (P46): shown for five seconds, pressed by the
 * button or the U key. Only the screen that tapped offers it; the machine decides whether it
 * still applies (a turn that has begun is not undone).
 */
export function useUndoOffer(): UndoOffer {
  const live = useLiveSession();
  const [last, setLast] = useState<LastTap | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(() => setLast((now) => (now?.id === last.id ? null : now)), UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [last]);

  const offer = useCallback((tap: Tap, name: string) => setLast({ id: ++seq.current, tap, name }), []);
  const undone = useRef(0);
  const undo = useCallback(() => {
    // A second press before the re-render sends nothing more.
    if (!last || undone.current === last.id) return;
    undone.current = last.id;
    setLast(null);
    void live.send(last.tap.undo);
  }, [last, live]);

  useEffect(() => {
    if (!last) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      if (event.key !== 'u' && event.key !== 'U') return;
      const target = event.target as HTMLElement | null;
      if (target && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)) return;
      event.preventDefault();
      undo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [last, undo]);

  return useMemo(() => ({ last, offer, undo }), [last, offer, undo]);
}
