import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { issueServerCertificate } from '../../server/tls/authority.js';
import { startCertificateKeeper } from '../../server/tls/keeper.js';
import { manualClock } from '../support/clock.js';
import { derToPem, handshake, lan, plainGet, startHttpsServer, type HttpsServer } from './support.js';

const DAY = 24 * 60 * 60_000;

/** The CA as a tablet gets it: downloaded from the trust page over plain http. */
async function caFromTrustPage(server: HttpsServer): Promise<string> {
  const answer = await plainGet(server.httpPort!, '/trust/holdspace-ca.crt', `holdspace-box.local:${server.httpPort}`);
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe('application/x-x509-ca-cert');
  return derToPem(answer.body);
}

describe('[S36] the local CA and the server certificate', () => {
  let server: HttpsServer;
  let caPem: string;
  beforeAll(async () => {
    server = await startHttpsServer();
    caPem = await caFromTrustPage(server);
  });
  afterAll(() => server.close());

  it('verifies against the CA from the trust page, for the host name, its .local name and an IP address', async () => {
    for (const name of ['holdspace-box', 'holdspace-box.local', 'localhost']) {
      const result = await handshake(server.port, caPem, name);
      expect(result, name).toMatchObject({ authorized: true, error: null });
    }
    // No server name: Node checks the address connected to (127.0.0.1) against the certificate's IPs.
    const byAddress = await handshake(server.port, caPem);
    expect(byAddress).toMatchObject({ authorized: true, error: null });
    expect(byAddress.certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(byAddress.certificate.checkIP('192.168.1.20')).toBe('192.168.1.20');
    expect(byAddress.certificate.checkIP('192.168.1.99')).toBeUndefined();
  });

  it('is refused for a name it does not carry, and by a client that does not trust the CA', async () => {
    expect((await handshake(server.port, caPem, 'example.org')).authorized).toBe(false);
    const stranger = await startHttpsServer({ hostName: 'other-box' });
    try {
      const result = await handshake(server.port, await caFromTrustPage(stranger), 'holdspace-box.local');
      expect(result.authorized).toBe(false);
      expect(result.error).toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED|ISSUER/);
    } finally {
      await stranger.close();
    }
  });

  it('is name-constrained: a certificate the CA signs for a public name or address is refused', async () => {
    const ca = { certPem: server.keeper.caCertPem, keyPem: fs.readFileSync(path.join(server.dataDir, 'tls', 'ca.key'), 'utf8') };
    const served = async (names: { dns: string[]; ips: string[] }) => {
      const pem = await issueServerCertificate(ca, names, new Date(), 30);
      const tlsServer = tls.createServer({ cert: pem.certPem, key: pem.keyPem }, (socket) => socket.end());
      await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
      try {
        return await handshake((tlsServer.address() as { port: number }).port, caPem, names.dns[0]);
      } finally {
        tlsServer.close();
      }
    };
    // The same CA and the same issuing code: only the names differ.
    expect(await served({ dns: ['printer.local'], ips: ['10.1.2.3'] })).toMatchObject({ authorized: true, error: null });
    const forBank = await served({ dns: ['bank.example.com'], ips: [] });
    expect(forBank.authorized).toBe(false);
    expect(forBank.error).not.toBeNull();
    const forPublicAddress = await served({ dns: ['holdspace-box'], ips: ['93.184.216.34'] });
    expect(forPublicAddress.authorized).toBe(false);
  });

  it('keeps the CA key readable by the server alone (0600) in a directory only it may enter (0700)', () => {
    const dir = path.join(server.dataDir, 'tls');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'server.key')).mode & 0o777).toBe(0o600);
  });

  it('keeps the same CA across a restart (the tablets trust it once)', async () => {
    const again = await startCertificateKeeper({
      dataDir: server.dataDir,
      hostName: 'holdspace-box',
      names: () => ({ dns: ['holdspace-box'], ips: ['127.0.0.1'] }),
      clock: { now: () => Date.now() as never },
      validityDays: 397,
      renewWithinDays: 30,
      checkIntervalMs: 60 * 60_000,
      logger: createLogger('silent'),
    });
    again.stop();
    expect(again.caCertPem).toBe(server.keeper.caCertPem);
  });
});

describe('[S36] renewal and re-issue', () => {
  it('renews the server certificate near its expiry (simulated clock), and serves the new one at once', async () => {
    // Issued 380 days ago with 397 days' validity: 17 days left once the clock reaches today.
    const clock = manualClock(Date.now() - 380 * DAY);
    const server = await startHttpsServer({ clock });
    try {
      const caPem = await caFromTrustPage(server);
      const before = (await handshake(server.port, caPem)).certificate;
      expect(await server.keeper.check()).toBe(false);

      clock.set(Date.now());
      expect(await server.keeper.check()).toBe(true);
      const after = await handshake(server.port, caPem, 'holdspace-box.local');
      expect(after.authorized).toBe(true);
      expect(after.certificate.serialNumber).not.toBe(before.serialNumber);
      expect(new Date(after.certificate.validTo).getTime()).toBeGreaterThan(Date.now() + 390 * DAY);
      expect(await server.keeper.check()).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("re-issues the certificate when the machine's addresses change", async () => {
    const server = await startHttpsServer({ interfaces: lan('192.168.1.20') });
    try {
      const caPem = await caFromTrustPage(server);
      const before = (await handshake(server.port, caPem)).certificate;
      expect(before.checkIP('192.168.1.20')).toBe('192.168.1.20');

      server.setInterfaces(lan('10.0.0.7'));
      expect(await server.keeper.check()).toBe(true);
      const after = await handshake(server.port, caPem);
      expect(after.authorized).toBe(true);
      expect(after.certificate.serialNumber).not.toBe(before.serialNumber);
      expect(after.certificate.checkIP('10.0.0.7')).toBe('10.0.0.7');
      expect(after.certificate.checkIP('192.168.1.20')).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('notices a new address by itself, at its periodic check, and swaps the certificate in', async () => {
    const server = await startHttpsServer({ interfaces: lan('192.168.1.20'), checkIntervalMs: 100 });
    try {
      const caPem = await caFromTrustPage(server);
      const reissued = new Promise<void>((resolve) => server.keeper.onChange(() => resolve()));
      server.setInterfaces(lan('172.16.5.9'));
      await reissued;
      const after = await handshake(server.port, caPem);
      expect(after.authorized).toBe(true);
      expect(after.certificate.checkIP('172.16.5.9')).toBe('172.16.5.9');
    } finally {
      await server.close();
    }
  });

  it('leaves out an address the CA may not vouch for (a public one would void the certificate)', async () => {
    const server = await startHttpsServer({ interfaces: { ...lan('192.168.1.20'), wan0: lan('203.0.113.9').eth0 } });
    try {
      const result = await handshake(server.port, await caFromTrustPage(server));
      expect(result.authorized).toBe(true);
      expect(result.certificate.checkIP('203.0.113.9')).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
