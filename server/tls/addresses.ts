import type { Request } from 'express';

/** The host name of a request (no port; IPv6 without brackets), or null for a Host header we will not repeat. */
export function requestHostName(req: Request): string | null {
  const host = req.get('host');
  return host ? hostNameOf(host) : null;
}

/** The host name in a Host header, or null for one that is not a plain name or address and port. */
export function hostNameOf(host: string): string | null {
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

/** localhost and the loopback addresses: a secure context over plain http already. */
export function isLoopback(hostName: string): boolean {
  return hostName === 'localhost' || hostName.endsWith('.localhost') || /^127\./.test(hostName) || hostName === '::1';
}

/** An origin for a host name and port, e.g. `https://192.168.1.20:3000` or `https://[fd00::5]`. */
export function origin(scheme: 'http' | 'https', hostName: string, port: number): string {
  const host = hostName.includes(':') ? `[${hostName}]` : hostName;
  const standard = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${host}${standard ? '' : `:${port}`}`;
}
