import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { NextFunction, Request, Response } from 'express';
import { hostNameOf, isLoopback, origin, requestHostName } from './addresses.js';

/**
 * On the plain http port, only the "Trust this server" page is served to the LAN; everything else
 * is sent to the same path over https (docs/security.md S37). localhost stays on http: the
 * machine's own browser is a secure context there, and nothing crosses the network.
 */
export function redirectToHttps(httpsPort: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.secure) return next();
    const hostName = requestHostName(req);
    if (hostName && isLoopback(hostName)) return next();
    if (req.path === '/trust' || req.path.startsWith('/trust/')) return next();
    if (!hostName) return res.status(400).type('text/plain').send('This request has no usable Host header.');
    // 307, not 301/308: a browser caches a permanent redirect, and HTTPS may be turned off again.
    res.redirect(307, `${origin('https', hostName, httpsPort())}${req.originalUrl}`);
  };
}

type AllowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void;

/**
 * The socket's side of the same rule: Socket.IO answers on the http port before Express could
 * redirect, so a live session over plain http from the LAN is refused at the handshake (403).
 */
export function onlySecureOnLan(next: AllowRequest): AllowRequest {
  return (req, callback) => {
    const encrypted = (req.socket as TLSSocket).encrypted === true;
    const host = req.headers.host ? hostNameOf(req.headers.host) : null;
    if (!encrypted && !(host && isLoopback(host))) return callback('use the https address', false);
    next(req, callback);
  };
}
