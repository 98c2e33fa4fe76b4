/**
 * Whether a request path names the API (or Socket.IO) as some part of the stack could read it:
 * in any case, with escapes decoded, `\` as `/`, and doubled slashes or dot segments anywhere (S47).
 * Express routes `/API/…` to the API (its routing ignores case) but not `//api/…` or `/api%2F…`;
 * neither may then be answered as a page, nor leave the API's no-store rule behind.
 */
export function namesTheApi(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is no page's address: treat it as the API, which answers 404.
    return true;
  }
  return /(^|[/\\])(api|socket\.io)([/\\;]|$)/i.test(decoded);
}

/**
 * Whether a request path names the members' rating pages (`/r`, docs/security.md S50) as some
 * part of the stack could read it: its first segment is `r` in any case, with escapes decoded, `\`
 * as `/`, `;parameters` dropped, and doubled slashes and dot segments skipped or resolved. Such a
 * path is answered by the rating pages alone (their one calm 404 when it is not `/r` or
 * `/r/<token>` exactly): never by the client's page fallback, and never by anything else.
 */
export function namesTheRatingPages(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const segments = decoded
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => segment.split(';')[0]!.toLowerCase());
  const named = segments.filter((segment) => segment !== '' && segment !== '.');
  const resolved: string[] = [];
  for (const segment of named) {
    if (segment === '..') resolved.pop();
    else resolved.push(segment);
  }
  return named[0] === 'r' || resolved[0] === 'r';
}
