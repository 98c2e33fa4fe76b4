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
