import type { ConsoleDialog } from './dialogState.js';
import { EndSessionDialog } from './EndSessionDialog.js';
import { FlagDialog } from './discreet/FlagDialog.js';
import { NoteDialog } from './discreet/NoteDialog.js';
import { RecordsDialog } from './discreet/RecordsDialog.js';
import { SignalDialog } from './discreet/SignalDialog.js';
import { CrisisSheet } from './crisis/CrisisSheet.js';
import { RoundStartDialog } from './round/RoundStartDialog.js';
import { MemberMenu } from './seating/MemberMenu.js';

/** Renders whichever console dialog is open. */
export function ConsoleDialogs({ dialog, close }: { dialog: ConsoleDialog | null; close: () => void }) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'member':
      return <MemberMenu memberId={dialog.memberId} close={close} />;
    case 'flag':
      return <FlagDialog memberId={dialog.memberId} close={close} />;
    case 'note':
      return <NoteDialog memberId={dialog.memberId} close={close} />;
    case 'signal':
      return <SignalDialog close={close} />;
    case 'records':
      return <RecordsDialog close={close} />;
    case 'endSession':
      return <EndSessionDialog close={close} />;
    case 'roundStart':
      return <RoundStartDialog close={close} />;
    case 'crisis':
      return <CrisisSheet memberId={dialog.memberId} close={close} />;
    default:
      return dialog satisfies never;
  }
}
