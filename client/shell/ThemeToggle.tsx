import { setTheme, useTheme } from './theme.js';

/**
 * A pressed/unpressed toggle: the name stays "Dim theme" and the state is aria-pressed.
 * `compact` shows just "Dim" where the console header has no room.
 */
export function ThemeToggle({ compact = false }: { compact?: boolean }) {
  const theme = useTheme();
  const dim = theme === 'dim';
  return (
    <button
      type="button"
      className="button quiet theme-toggle"
      aria-pressed={dim}
      aria-label={compact ? 'Dim theme' : undefined}
      onClick={() => setTheme(dim ? 'light' : 'dim')}
    >
      {compact ? 'Dim' : 'Dim theme'}
    </button>
  );
}
