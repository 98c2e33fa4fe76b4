import { useSyncExternalStore } from 'react';

/**
 * Light or dim. Dim follows the system setting until someone taps the toggle; the choice is then
 * kept on this device. The effective theme is written to <html data-theme>, which the CSS reads.
 */
export type Theme = 'light' | 'dim';

const STORAGE_KEY = 'holdspace.theme';
const systemDim = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function chosen(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dim' ? value : null;
  } catch {
    return null; // storage blocked (private mode): follow the system
  }
}

export function currentTheme(): Theme {
  return chosen() ?? (systemDim.matches ? 'dim' : 'light');
}

function apply() {
  document.documentElement.dataset.theme = currentTheme();
  for (const listener of listeners) listener();
}

export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // not kept across reloads, but still applied now
  }
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

/** Called once at start-up, before the first paint of the app. */
export function initTheme(): void {
  apply();
  systemDim.addEventListener('change', apply);
}

export function useTheme(): Theme {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (document.documentElement.dataset.theme === 'dim' ? 'dim' : 'light'),
  );
}
