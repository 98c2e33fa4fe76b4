import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, type Router } from 'express';
import { ratingCodeFormSchema, ratingFormSchema } from '../../../shared/schemas/rating-form.js';
import type { RatingPageLimits } from '../../config.js';
import { requestContext } from '../../privacy/request-context.js';
import type { RatingDesk } from '../../ratings/desk.js';
import { namesTheRatingPages } from '../../security/api-paths.js';
import type { RateLimitStores } from '../../security/brute-force.js';
import { requestOrigin } from '../../security/csrf.js';
import { scriptlessPageHeaders } from '../../security/headers.js';
import { STYLE_HASH } from './html.js';
import { ratingPageLimits } from './limits.js';
import { codePage, formAddress, formPage, notOpenPage, thanksPage, unusablePage, type Problems } from './views.js';

export interface RatingPagesOptions {
  /** Send HSTS over TLS (as the rest of the app does: not with HTTPS on the LAN, S37). */
  hsts: boolean;
  /** The fixed public address, if any (config.publicUrl): a form posted from it is ours too. */
  publicUrl: string | null;
  limits: RatingPageLimits;
  /** The limits' counters in PostgreSQL, shared by every process (S57); none: in memory. */
  stores?: RateLimitStores | undefined;
}

/** A link's token as it may appear in the address: URL-safe parts joined by dots, spelled exactly. */
const TOKEN = /^(?=.{1,256}$)[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
/** The body a rating form posts: a few short fields. */
const BODY_LIMIT = '4kb';

/**
 * The members' rating pages (docs/ratings.md, docs/security.md S48–S55), mounted at the root,
 * before the app's own headers, CSRF check, JSON body parser and sign-in: they take no sign-in and
 * set no cookie, and only their own form bodies. Every path that names `/r` in any spelling is
 * answered here and nowhere else; only `/r` and `/r/<token>` exactly are pages, every other such
 * path is the calm 404 of a link that is not open.
 */
export function ratingPages(desk: RatingDesk, { hsts, publicUrl, limits, stores }: RatingPagesOptions): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  router.use((req, _res, next) => next(namesTheRatingPages(req.path) ? undefined : 'router'));
  router.use(scriptlessPageHeaders({ hsts, styleHashes: [STYLE_HASH] }), requestContext(), ...ratingPageLimits(limits, stores));

  router.get('/r', (_req, res) => sendPage(res, 200, codePage()));
  router.post('/r', ...formBody(publicUrl), async (req, res) => {
    const parsed = ratingCodeFormSchema.safeParse(req.body);
    const token = parsed.success && parsed.data.code !== '' ? await desk.tokenForCode(parsed.data.code) : null;
    if (!token) return notOpen(res);
    res.redirect(303, formAddress(token, false));
  });
  router.get('/r/:token', async (req, res) => {
    const token = exactToken(req);
    const form = token ? await desk.formFor(token) : null;
    if (!token || !form) return notOpen(res, onScreen(req));
    sendPage(res, 200, formPage(form, { token, screen: onScreen(req) }));
  });
  router.post('/r/:token', ...formBody(publicUrl), async (req, res) => {
    const token = exactToken(req);
    const form = token ? await desk.formFor(token) : null;
    const screen = onScreen(req);
    if (!token || !form) return notOpen(res, screen);
    const body = req.body as Record<string, unknown>;
    const parsed = ratingFormSchema(
      form.items,
      form.members.map((m) => m.id),
    ).safeParse(body);
    if (!parsed.success) return sendPage(res, 400, formPage(form, { token, screen, chosen: body, problems: problemsOf(parsed.error) }));
    const saved = await desk.submit(token, parsed.data, screen ? 'screen' : 'phone');
    if (!saved) return notOpen(res, screen);
    sendPage(res, 200, thanksPage({ replaced: saved === 'replaced', screen, token }));
  });
  // Any other spelling, method or deeper path: the same answer as a wrong link (S50, S53).
  router.use((_req, res) => notOpen(res));
  router.use(refusedCalmly);
  return router;
}

function sendPage(res: Response, status: number, html: string) {
  res.status(status).type('html').send(html);
}

/** One answer for a link or code that opens nothing, whatever the reason (S49). */
function notOpen(res: Response, screen = false) {
  sendPage(res, 404, notOpenPage(screen));
}

/** The token exactly as the address spells it (no escapes decoded), or null. */
function exactToken(req: Request): string | null {
  const raw = req.path.slice('/r/'.length);
  return TOKEN.test(raw) ? raw : null;
}

/** Kiosk mode: the form on a facilitator's screen (`?screen=1`), one member after another. */
const onScreen = (req: Request) => req.query.screen === '1';

/**
 * A form post's guards (S52): from this origin only, form-encoded only, small. The form's page
 * sends no Referer, and with that policy browsers send `Origin: null` on its posts, so `null` is
 * accepted beside our own origin; `Sec-Fetch-Site` still refuses a post from another site. No
 * sign-in rides on these posts (the link's token is the only authority, and it is in the address).
 */
function formBody(publicUrl: string | null): RequestHandler[] {
  const fixed = publicUrl ? new URL(publicUrl).origin : null;
  const fromHere: RequestHandler = (req, res, next) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const foreignOrigin = origin !== undefined && origin !== 'null' && origin !== fixed && origin !== requestOrigin(req);
    if (foreignSite || foreignOrigin) return sendPage(res, 403, unusablePage());
    if (!req.is('application/x-www-form-urlencoded')) return sendPage(res, 415, unusablePage());
    next();
  };
  return [fromHere, express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 16 })];
}

/**
 * What Express refused before a page could answer, as a calm page rather than the API's JSON: a
 * body the parser would not take (too big, too many fields, unreadable), and an address whose
 * escapes do not decode (`/r/%`), which is one more link that opens nothing (S50).
 */
const refusedCalmly: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _req, res, next) => {
  if (error instanceof URIError) return notOpen(res);
  if (typeof error.type !== 'string' || typeof error.status !== 'number') return next(error);
  sendPage(res, error.status === 413 ? 413 : 400, unusablePage());
};

/** The form's problems by field name (`''`: the form as a whole), the first for each. */
function problemsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[] }): Problems {
  const problems = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.code === 'unrecognized_keys' ? '' : String(issue.path[0] ?? '');
    const message = field === '' ? 'The form was not understood. Please fill it in again.' : issue.message;
    if (!problems.has(field)) problems.set(field, message);
  }
  return problems;
}
