import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The client lives in `client/`; the server serves the build from `dist/client`. In development
 * Vite proxies the API and the socket to the server on :3000, so both run on one origin and the
 * session cookie works unchanged.
 */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Tablets in clinics run current browsers; no legacy bundle.
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
