import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { namesTheApi } from './api-paths.js';

/** A Host header we are willing to repeat inside the CSP: a name or address and a port. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:]+\])(?::\d{1,5})?$/i;

/**
 * Powerful browser features, all off but the screen wake lock the live console holds for itself
 * (docs/security.md S27): a page that never asks for a camera, a microphone or a location cannot
 * be made to, by a bug or by anything injected. Features a browser does not know are ignored.
 */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'ambient-light-sensor=()',
  'autoplay=()',
  'bluetooth=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'identity-credentials-get=()',
  'idle-detection=()',
  'local-fonts=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-create=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=(self)',
  'serial=()',
  'storage-access=()',
  'usb=()',
  'window-management=()',
  'xr-spatial-tracking=()',
].join(', ');

/**
 * Security headers through helmet (docs/security.md S12). The Content-Security-Policy allows
 * only this origin: no inline script, no third-party anything, no framing. The socket's
 * ws:/wss: URL is named explicitly because older Safari does not count it as 'self'.
 * HSTS is sent only over TLS, and `upgrade-insecure-requests` never: a clinic LAN on plain http
 * would otherwise be told to use an https that is not there. With HTTPS on the LAN (S37) there is
 * no HSTS either (`hsts: false`): it holds for every port of a host, and would turn the plain http
 * port that serves the trust page into an https address that cannot answer.
 */
export function securityHeaders({ hsts: sendHsts = true }: { hsts?: boolean } = {}) {
  const csp = helmetWithCsp({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", (req) => socketOrigins(req as Request)],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  });
  return [
    csp,
    ...overTlsAndPermissions(sendHsts),
    // API answers hold patient data: never kept in a shared tablet's browser cache.
    (req: Request, res: Response, next: NextFunction) => {
      // Every spelling Express routes to the API (`/API/…` too, S47), and those it does not.
      if (namesTheApi(req.path)) res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}

type Directives = NonNullable<Exclude<NonNullable<HelmetOptions['contentSecurityPolicy']>, boolean>['directives']>;

/** helmet's headers with exactly these CSP directives, no HSTS (sent below) and no Referer. */
const helmetWithCsp = (directives: Directives) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });

/** HSTS over TLS only (see above), and the Permissions-Policy (S27): the same for every page. */
function overTlsAndPermissions(sendHsts: boolean) {
  const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 24 * 60 * 60 });
  return [
    (req: Request, res: Response, next: NextFunction) => (req.secure && sendHsts ? hsts(req, res, next) : next()),
    (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      next();
    },
  ];
}

/**
 * Headers for a page with no script at all, such as the members' rating pages (docs/security.md
 * S48): everything `securityHeaders` sends, but a CSP that allows nothing except the inline style
 * blocks whose hashes are given and forms posted to this origin; never kept in a cache, never
 * indexed, and no Referer (its address may hold a token).
 */
export function scriptlessPageHeaders({ hsts: sendHsts = true, styleHashes }: { hsts?: boolean; styleHashes: readonly string[] }) {
  const headers = helmetWithCsp({
    defaultSrc: ["'none'"],
    styleSrc: styleHashes.map((hash) => `'${hash}'`),
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  });
  return [
    headers,
    ...overTlsAndPermissions(sendHsts),
    (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Robots-Tag', 'noindex, nofollow');
      next();
    },
  ];
}

function socketOrigins(req: Request): string {
  const host = req.get('host');
  if (!host || !PLAIN_HOST.test(host)) return '';
  return req.secure ? `wss://${host}` : `ws://${host}`;
}
