import path from 'node:path';
import { build } from 'vite';
import { chromiumPath } from './support/browser.js';

/**
 * Once before the end-to-end files: check the browser is there (fail with how to install it,
 * never skip), then build the client the test servers serve from dist/client.
 */
export default async function setup(): Promise<void> {
  chromiumPath();
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.resolve('vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
