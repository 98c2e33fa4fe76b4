import crypto from 'node:crypto';
import express, { type Request, type Router } from 'express';
import QRCode from 'qrcode';
import { isLoopback, origin, requestHostName } from './addresses.js';
import type { CertificateKeeper } from './keeper.js';
import { escapeXml, mobileConfig } from './mobileconfig.js';
import { TRUST_CSS, trustHtml } from './trust-html.js';

export interface TrustPageOptions {
  keeper: CertificateKeeper;
  hostName: string;
  httpsPort: () => number;
  httpPort: () => number;
}

/**
 * "Trust this server" (docs/operations.md "On a clinic LAN"), served over plain http too: the CA
 * certificate as `.crt` (Android, Windows, macOS) and as an iOS profile, QR codes made here as SVG
 * (no internet), the steps per platform, and the secure address. No script: the strict CSP holds.
 */
export function trustRoutes(options: TrustPageOptions): Router {
  const router = express.Router();
  const caDer = () => options.keeper.caDer;

  router.get('/trust', async (req, res) => {
    const host = hostForDevices(req, options);
    const pageUrl = `${origin('http', host, options.httpPort())}/trust`;
    const secureUrl = `${origin('https', host, options.httpsPort())}/`;
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(
      trustHtml({
        pageQr: await qrDataUrl(pageUrl),
        pageUrl: escapeXml(pageUrl),
        secureQr: await qrDataUrl(secureUrl),
        secureUrl: escapeXml(secureUrl),
        fingerprint: fingerprint(caDer()),
        serverName: escapeXml(options.hostName),
      }),
    );
  });
  router.get('/trust/holdspace-ca.crt', (_req, res) => {
    res.setHeader('Content-Type', 'application/x-x509-ca-cert');
    res.setHeader('Content-Disposition', 'attachment; filename="holdspace-ca.crt"');
    res.send(caDer());
  });
  router.get('/trust/holdspace.mobileconfig', (_req, res) => {
    res.setHeader('Content-Type', 'application/x-apple-aspen-config');
    res.setHeader('Content-Disposition', 'attachment; filename="holdspace.mobileconfig"');
    res.send(Buffer.from(mobileConfig(caDer(), options.hostName)));
  });
  router.get('/trust/trust.css', (_req, res) => {
    res.type('css').send(TRUST_CSS);
  });
  return router;
}

/**
 * The host a tablet should use: the one this request came by, unless that is the server's own
 * localhost (useless to a tablet), then the first LAN address the certificate names.
 */
function hostForDevices(req: Request, options: TrustPageOptions): string {
  const asked = requestHostName(req);
  if (asked && !isLoopback(asked)) return asked;
  const lan = options.keeper.currentNames().ips.find((ip) => !isLoopback(ip));
  return lan ?? asked ?? options.hostName;
}

async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** SHA-256 of the CA certificate, as the platforms show it (AB:CD:…): to compare by eye. */
function fingerprint(der: Buffer): string {
  return crypto.createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}
