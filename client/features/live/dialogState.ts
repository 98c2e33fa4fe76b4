import { createContext, useContext } from 'react';

/** The one dialog the console may show at a time (a tablet has room for one thing on top). */
export type ConsoleDialog =
  | { kind: 'member'; memberId: string }
  | { kind: 'flag'; memberId: string | null }
  | { kind: 'note'; memberId: string | null }
  | { kind: 'signal' }
  | { kind: 'records' }
  | { kind: 'endSession' }
  | { kind: 'roundStart' }
  | { kind: 'crisis'; memberId: string | null };

export const OpenDialogContext = createContext<(dialog: ConsoleDialog | null) => void>(() => {});

export function useOpenDialog(): (dialog: ConsoleDialog | null) => void {
  return useContext(OpenDialogContext);
}
