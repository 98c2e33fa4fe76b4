import { createContext, useContext } from 'react';
import type { Tap } from '../../../../shared/session/tap.js';

/** The last one-tap action on this screen, offered for Undo until `until` (this device's clock). */
export interface LastTap {
  id: number;
  tap: Tap;
  name: string;
}

export interface UndoOffer {
  last: LastTap | null;
  /** A tap acted: offer its Undo for UNDO_SHOWN_MS. */
  offer: (tap: Tap, name: string) => void;
  /** Undo pressed (or U): send the reversing command and withdraw the offer. */
  undo: () => void;
}

export const UndoContext = createContext<UndoOffer>({ last: null, offer: () => {}, undo: () => {} });

export const useUndo = (): UndoOffer => useContext(UndoContext);
