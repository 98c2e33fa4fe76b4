import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { raw } from './support.js';

let server: TestServer;
afterEach(() => server.close());

/** A stand-in for the built client, so the page's own headers can be read without a build. */
function fakeClient(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-client-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
  );
  return dir;
}

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

describe('security headers', () => {
  it('[S12] the page and the API carry a strict CSP: only this origin, no inline script, no framing', async () => {
    server = await startTestServer({ config: { clientDir: fakeClient() } });
    for (const url of ['/', '/api/setup']) {
      const res = await raw(server, 'GET', url);
      const csp = directives(res.headers.get('content-security-policy')!);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      // The socket may reach this host only: ws: over http (wss: behind TLS).
      expect(csp['connect-src']).toEqual(["'self'", `ws://127.0.0.1:${server.port}`]);
      expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\/|\*/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Plain http on a clinic LAN: no HSTS, no upgrade to an https that is not there.
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(csp['upgrade-insecure-requests']).toBeUndefined();
    }
    expect((await raw(server, 'GET', '/api/setup')).headers.get('cache-control')).toBe('no-store');
  });

  it('[S12] a forged Host header cannot write itself into the policy', async () => {
    server = await startTestServer();
    // fetch() will not send a hand-made Host: a raw request does.
    const csp = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { port: server.port, host: '127.0.0.1', path: '/api/setup', headers: { host: "evil.example;script-src:'unsafe-inline'" } },
        (res) => {
          res.resume();
          resolve(String(res.headers['content-security-policy']));
        },
      );
      req.on('error', reject).end();
    });
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/evil|unsafe-inline/);
  });

  it('[S27] Permissions-Policy turns camera, microphone, geolocation and the rest off; the screen wake lock is ours only', async () => {
    server = await startTestServer({ config: { clientDir: fakeClient() } });
    for (const url of ['/', '/api/setup']) {
      const header = (await raw(server, 'GET', url)).headers.get('permissions-policy');
      expect(header, url).not.toBeNull();
      const policy = Object.fromEntries(header!.split(',').map((entry) => entry.trim().split('=') as [string, string]));
      expect(policy['screen-wake-lock']).toBe('(self)');
      for (const feature of [
        'camera',
        'microphone',
        'geolocation',
        'display-capture',
        'usb',
        'serial',
        'bluetooth',
        'payment',
        'fullscreen',
      ]) {
        expect(policy[feature], feature).toBe('()');
      }
      // Nothing else is granted, to this origin or any other.
      expect(Object.entries(policy).filter(([, allow]) => allow !== '()')).toEqual([['screen-wake-lock', '(self)']]);
    }
  });

  it('[S13] the client loads only its own module script: no inline script, no third-party origin', () => {
    const files = [path.resolve('client/index.html'), ...listFiles(path.resolve('client'))];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (file.endsWith('.html')) {
        for (const tag of text.match(/<script\b[^>]*>/g) ?? []) expect(tag, file).toMatch(/\bsrc="\/[^/]/);
        expect(text, file).not.toMatch(/\son[a-z]+\s*=/i); // inline event handlers
      }
      expect(text.replace(/http:\/\/www\.w3\.org\/[\w/.]+/g, ''), file).not.toMatch(/(?:https?:)?\/\/[a-z0-9-]+\.[a-z]{2,}/i);
      expect(text, file).not.toMatch(/dangerouslySetInnerHTML|\beval\(|new Function\(/);
    }
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return /\.(tsx?|css|html|js|webmanifest)$/.test(entry.name) ? [full] : [];
  });
}
