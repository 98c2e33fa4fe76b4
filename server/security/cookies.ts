import type { NextFunction, Request, Response } from 'express';

/**
 * Marks every cookie Secure on a request that reached us over TLS (docs/security.md S9). With a
 * fixed https PUBLIC_URL better-auth does this itself; behind a proxy without one, only the
 * request knows (X-Forwarded-Proto, believed when TRUST_PROXY says so). better-auth decides its
 * cookie attributes once at start, so the header is amended on the way out.
 */
export function secureCookiesOverTls() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.secure) return next();
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) => {
      if (name.toLowerCase() !== 'set-cookie') return setHeader(name, value);
      const cookies = (Array.isArray(value) ? value : [String(value)]) as string[];
      return setHeader(
        name,
        cookies.map((c) => (/;\s*secure\b/i.test(c) ? c : `${c}; Secure`)),
      );
    };
    next();
  };
}
