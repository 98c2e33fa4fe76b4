import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export interface BundleSize {
  /** JS + CSS the console's page loads up front (index.html's scripts, styles and preloads), gzipped. */
  initialGzip: number;
  /** Every JS + CSS asset of the build, gzipped (lazy chunks included). */
  totalGzip: number;
  files: number;
  note: string;
}

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/**
 * Builds the current client into a scratch directory (leaving `dist/client` alone for whoever
 * else uses it) and measures it; falls back to an existing `dist/client`; or says why not.
 */
export function measureBundle(): BundleSize | { skipped: string } {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-bundle-'));
  let dir = outDir;
  let note = 'built now with `vite build`';
  try {
    execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'pipe', timeout: 180_000 });
  } catch (error) {
    const reason =
      String((error as { stderr?: Buffer }).stderr ?? error)
        .split('\n')
        .find(Boolean) ?? 'unknown error';
    if (!fs.existsSync('dist/client/index.html')) return { skipped: `the client does not build yet (${reason.slice(0, 160)})` };
    dir = path.resolve('dist/client');
    note = `read from the existing dist/client: the current client did not build (${reason.slice(0, 120)})`;
  }
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => path.join(dir, m[1]!));
  const assets: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(js|css)$/.test(entry.name)) assets.push(p);
    }
  };
  walk(dir);
  const result = {
    initialGzip: referenced.filter((f) => fs.existsSync(f)).reduce((n, f) => n + gz(f), 0),
    totalGzip: assets.reduce((n, f) => n + gz(f), 0),
    files: assets.length,
    note,
  };
  fs.rmSync(outDir, { recursive: true, force: true });
  return result;
}
