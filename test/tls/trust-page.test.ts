import fs from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derOf } from '../../server/tls/authority.js';
import { listRoutes } from '../support/routes.js';
import { startTestServer } from '../support/server.js';
import { MATRIX } from '../security/matrix.js';
import { plainGet, startHttpsServer, type HttpsServer } from './support.js';

/** The routes only an HTTPS=on server answers (docs/security.md, "With HTTPS on"). */
const TRUST_ROUTES = ['GET /trust', 'GET /trust/holdspace-ca.crt', 'GET /trust/holdspace.mobileconfig', 'GET /trust/trust.css'];

let server: HttpsServer;
let lanHost: string;
beforeAll(async () => {
  server = await startHttpsServer();
  lanHost = `holdspace-box.local:${server.httpPort}`;
});
afterAll(() => server.close());

describe('[S37] the plain http port', () => {
  it('sends every LAN request but the trust page to the same path over https', async () => {
    for (const path of ['/', '/sessions/abc?x=1', '/api/me']) {
      const answer = await plainGet(server.httpPort!, path, lanHost);
      expect(answer.status, path).toBe(307);
      expect(answer.headers.location).toBe(`https://holdspace-box.local:${server.port}${path}`);
    }
    const byAddress = await plainGet(server.httpPort!, '/', `192.168.1.20:${server.httpPort}`);
    expect(byAddress.headers.location).toBe(`https://192.168.1.20:${server.port}/`);
  });

  it('refuses the live socket to a LAN device over plain http (Socket.IO answers before any redirect)', async () => {
    const handshake = '/socket.io/?EIO=4&transport=polling';
    const refused = await plainGet(server.httpPort!, handshake, lanHost);
    expect(refused.status).toBe(403);
    expect(refused.body.toString()).not.toContain('"sid"');
    const local = await plainGet(server.httpPort!, handshake, `localhost:${server.httpPort}`);
    expect(local.status).toBe(200);
    expect(local.body.toString()).toContain('"sid"');
  });

  it('serves the machine itself on localhost without a redirect (a secure context already)', async () => {
    for (const host of [`localhost:${server.httpPort}`, `127.0.0.1:${server.httpPort}`]) {
      const answer = await plainGet(server.httpPort!, '/api/setup', host);
      expect(answer.status, host).toBe(200);
    }
  });

  it('serves "Trust this server" with both downloads, QR codes as data images, and the secure address, under the CSP', async () => {
    const page = await plainGet(server.httpPort!, '/trust', lanHost);
    expect(page.status).toBe(200);
    const html = page.body.toString();
    expect(html).toContain('<h1>Trust this server</h1>');
    expect(html).toContain('href="/trust/holdspace-ca.crt"');
    expect(html).toContain('href="/trust/holdspace.mobileconfig"');
    expect(html).toContain('Certificate Trust Settings');
    expect(html).toContain(`https://holdspace-box.local:${server.port}/`);
    expect(html.match(/<img class="qr" src="data:image\/svg\+xml;base64,/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("script-src 'self'");
  });

  it('offers the CA as an iOS configuration profile holding exactly that certificate', async () => {
    const answer = await plainGet(server.httpPort!, '/trust/holdspace.mobileconfig', lanHost);
    expect(answer.headers['content-type']).toBe('application/x-apple-aspen-config');
    const plist = answer.body.toString();
    expect(plist).toContain('<string>com.apple.security.root</string>');
    expect(plist).toContain(`<data>${derOf(server.keeper.caCertPem).toString('base64')}</data>`);
    // The same profile each time: iOS replaces it rather than installing a second one.
    expect((await plainGet(server.httpPort!, '/trust/holdspace.mobileconfig', lanHost)).body.toString()).toBe(plist);
  });
});

describe("[S37] no HSTS with the LAN's own TLS", () => {
  it("answers over https without Strict-Transport-Security, which would take the trust page's http port too", async () => {
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = https.get(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/setup',
          ca: server.keeper.caCertPem,
          servername: 'localhost',
          headers: { host: `localhost:${server.port}` },
        },
        (res) => {
          res.resume();
          resolve(res.headers);
        },
      );
      req.once('error', reject);
    });
    expect(headers['content-security-policy']).toBeDefined();
    expect(headers['strict-transport-security']).toBeUndefined();
  });
});

describe('[S38] GET /api/network', () => {
  it('tells a screen the secure address it can reach, and null when Holdspace serves no HTTPS', async () => {
    const answer = await plainGet(server.httpPort!, '/api/network', `localhost:${server.httpPort}`);
    expect(JSON.parse(answer.body.toString())).toEqual({ secureUrl: `https://localhost:${server.port}/` });
    const plain = await startTestServer();
    try {
      const response = await fetch(`${plain.url}/api/network`);
      expect(await response.json()).toEqual({ secureUrl: null });
    } finally {
      await plain.close();
    }
    const proxied = await startTestServer({ config: { publicUrl: 'https://holdspace.clinic.example' } });
    try {
      expect(await (await fetch(`${proxied.url}/api/network`)).json()).toEqual({ secureUrl: 'https://holdspace.clinic.example' });
    } finally {
      await proxied.close();
    }
  });
});

describe('[S19] routes with HTTPS on', () => {
  it('are the matrix routes plus the trust page, each written down in docs/security.md', () => {
    const extra = listRoutes(server.app.express).filter((route) => !(route in MATRIX));
    expect(extra.sort()).toEqual([...TRUST_ROUTES].sort());
    const doc = fs.readFileSync('docs/security.md', 'utf8');
    expect(TRUST_ROUTES.filter((route) => !doc.includes(`\`${route}\``))).toEqual([]);
  });
});
