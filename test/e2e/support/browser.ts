import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a headless Chromium in a container: no sandbox, no GPU, nothing phoning home. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Debian's Chromium (or CHROMIUM_PATH). A missing browser fails the run with how to install
 * one: the browser tests never skip.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(path)) {
    throw new Error(
      `The end-to-end tests need Chromium and there is none at ${path}.\n` +
        "Install Debian's with: sudo apt-get update && sudo apt-get install -y chromium\n" +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return path;
}

/** Extra flags (e.g. a host resolver rule) and environment (e.g. a HOME with its own NSS database). */
export function launchBrowser(options: { args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...ARGS, ...(options.args ?? [])],
    ...(options.env ? { env: options.env } : {}),
  });
}
