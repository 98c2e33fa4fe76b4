/**
 * Registers the service worker that caches the app shell, so a tablet launched from its home
 * screen opens Holdspace even on a flaky clinic Wi-Fi. Production builds only: in development
 * a cached shell would hide Vite's reloads.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Not fatal: the console works without it (e.g. over plain http on a LAN address).
    });
  });
}
