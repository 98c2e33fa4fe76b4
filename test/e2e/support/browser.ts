import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a headless Chromium in a container: no sandbox, no GPU, nothing phoning home. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Debian's Chromium (or CHROMIUM_PATH). A missing browser fails the run with how to install
 * one: the browser tests never skip.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(path)) {
    throw new Error(
      `The end-to-end tests need Chromium and there is none at ${path}.\n` +
        'Install Debian\'s with: sudo apt-get update && sudo apt-get install -y chromium\n' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return path;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS });
}
