import type { Command } from '../../../../shared/schemas/commands.js';
import { CommandButton } from '../CommandButton.js';
import { useOpenDialog } from '../dialogState.js';

/**
 * Crisis pause in one tap (P42): the session pauses, a Risk flag is raised, the other facilitator
 * reads "I'll take this" — and the crisis sheet opens here for a one-line note and the group's
 * safety steps. From a member's menu the same command names the member and may step them out.
 */
export function CrisisButton({ memberId = null, stepOut = false, label = 'Crisis pause', className, onSent }: CrisisButtonProps) {
  const openDialog = useOpenDialog();
  const command: Command = { type: 'crisis.pause', memberId, stepOut };
  return (
    <CommandButton
      command={command}
      label={label}
      className={['crisis', className].filter(Boolean).join(' ')}
      onSent={() => {
        onSent?.();
        openDialog({ kind: 'crisis', memberId });
      }}
    />
  );
}

interface CrisisButtonProps {
  memberId?: string | null;
  stepOut?: boolean;
  label?: string;
  className?: string;
  onSent?: () => void;
}
