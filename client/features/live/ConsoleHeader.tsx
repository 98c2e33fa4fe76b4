import { href } from '../../shell/router.js';
import { ThemeToggle } from '../../shell/ThemeToggle.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { useOpenDialog } from './dialogState.js';
import { useLive } from './liveContext.js';
import { Timer } from './Timer.js';

/**
 * Group, session time, connection, theme, End session and Hide screen. Hide screen works even
 * offline; End session only opens its confirmation, whose button the connection governs.
 */
export function ConsoleHeader({ onHide }: { onHide: () => void }) {
  const openDialog = useOpenDialog();
  const groupName = useLive((s) => s.update?.state.groupName ?? '');
  return (
    <header className="console-header">
      <a className="console-back" href={href({ name: 'home' })}>
        Groups
      </a>
      <h1 className="console-title">{groupName}</h1>
      <Timer which="session" />
      <span className="header-spacer" />
      <ConnectionStatus />
      <ThemeToggle compact />
      <button type="button" className="button danger-quiet" onClick={() => openDialog({ kind: 'endSession' })}>
        End session
      </button>
      <button type="button" className="button hide-button" onClick={onHide}>
        Hide screen
      </button>
    </header>
  );
}
