import { useRef, type ReactNode } from 'react';
import type { Command } from '../../../shared/schemas/commands.js';
import { useSignedIn } from '../auth/authState.js';
import { selectConnected, useLive, useLiveSession, useView } from './liveContext.js';
import { whyNot } from './permissions.js';

interface CommandButtonProps {
  command: Command;
  /** The accessible name; also the visible text unless children are given. */
  label: string;
  children?: ReactNode;
  /** A keyboard shortcut, shown on the button and announced as aria-keyshortcuts. */
  shortcut?: string;
  className?: string;
  /** Called after the press was sent (e.g. to close the menu it sits in). */
  onSent?: () => void;
  /** Disabled for a reason of the screen's own (a no-op move, say), on top of the rules. */
  disabled?: boolean;
  /** The id of an element that describes the button (read after its name). */
  describedBy?: string;
}

/**
 * A button that sends one command. It is disabled, with the rule's own reason as its title,
 * when the session would refuse the command or the connection is down.
 */
export function CommandButton({
  command,
  label,
  children,
  shortcut,
  className,
  onSent,
  disabled = false,
  describedBy,
}: CommandButtonProps) {
  const live = useLiveSession();
  const view = useView();
  const connected = useLive(selectConnected);
  const { user } = useSignedIn();
  const reason = connected ? whyNot(view, command, user.id) : 'Reconnecting…';
  // When the finger went down: the moment the person decided, which P45 measures from (a change
  // that lands between touch and release was not what they pressed for).
  const downAt = useRef<number | null>(null);
  return (
    <button
      type="button"
      className={['button', className].filter(Boolean).join(' ')}
      aria-label={children ? label : undefined}
      aria-keyshortcuts={shortcut === 'Space' ? 'Space' : shortcut}
      aria-describedby={describedBy}
      disabled={disabled || reason !== null}
      title={reason ?? undefined}
      onPointerDown={() => (downAt.current = live.now())}
      onClick={(event) => {
        // A click from the keyboard (detail 0) has no pointer-down: it is pressed now.
        const pressedAt = event.detail > 0 ? (downAt.current ?? undefined) : undefined;
        downAt.current = null;
        void live.send(command, { pressedAt });
        onSent?.();
      }}
    >
      {children ?? label}
      {shortcut && (
        <kbd className="shortcut" aria-hidden="true">
          {shortcut}
        </kbd>
      )}
    </button>
  );
}
