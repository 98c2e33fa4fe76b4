import type { IncomingMessage } from 'node:http';

/** Express's compiled `trust proxy` setting (`app.get('trust proxy fn')`): is this hop a proxy we trust? */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * A socket's client address, read as Express reads `req.ip`: the peer, then back along
 * `X-Forwarded-For` only while each hop is a trusted proxy. Without TRUST_PROXY nothing is
 * trusted, so a forged header changes nothing.
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string | null {
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  const hops = [request.socket.remoteAddress ?? '', ...forwarded];
  for (let hop = 0; hop < hops.length - 1; hop++) if (!trust(hops[hop]!, hop)) return hops[hop] || null;
  return hops.at(-1) || null;
}
