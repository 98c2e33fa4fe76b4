import { RATING_CODE_INPUT_MAX, RATING_FIELDS } from '../../../shared/schemas/rating-form.js';
import { RATING_COMMENT_MAX, RATING_MAX, RATING_MIN } from '../../../shared/schemas/rating-scale.js';
import type { OpenRatingForm } from '../../ratings/desk.js';
import { escapeHtml, page } from './html.js';

/**
 * The members' pages (docs/ratings.md "The members' pages"), one function each, HTML in and out.
 * Copy is short and calm: a member reads it on a phone, in a therapy room, often at the end of a
 * hard hour. Nothing here says more about the group than the names of those present.
 */

/** The sentence for every link or code that does not open a form: wrong, malformed, closed or expired alike (S49). */
const NOT_OPEN = 'This rating link is not open.';
const ASK = 'Ask your facilitator for the code on their screen.';

/** Where the rating form of a link posts, and where "Next person" leads in kiosk mode. */
export const formAddress = (token: string, screen: boolean) => `/r/${encodeURIComponent(token)}${screen ? '?screen=1' : ''}`;

const codeForm = () =>
  `<form method="post" action="/r"><label class="field" for="code">Code</label>` +
  `<input class="code" id="code" name="code" type="text" required maxlength="${RATING_CODE_INPUT_MAX}" ` +
  `autocomplete="off" autocapitalize="characters" spellcheck="false" enterkeyhint="go">` +
  `<button type="submit">Continue</button></form>`;

/** GET /r: where a member types the short code. */
export function codePage(): string {
  return page('Rate today’s group', `<h1>Rate today’s group</h1><p>Type the code shown on your facilitator’s screen.</p>${codeForm()}`);
}

/**
 * The one answer for every link or code that opens nothing, with the code field to try again; on
 * a facilitator's screen (kiosk mode, which the address says, not the link) also the way back.
 */
export function notOpenPage(screen: boolean): string {
  const done = screen ? '<a class="button quiet" href="/">Done</a>' : '';
  return page('Rating link not open', `<h1>${NOT_OPEN}</h1><p>${ASK}</p>${codeForm()}${done}`);
}

/** The calm 429: the wait, and nothing about why. */
export function tooManyPage(): string {
  return page('Please wait', '<h1>Too many tries from this device.</h1><p>Wait a minute, then try again.</p>');
}

/** A request no page of ours sends (another body type, too big, from another site). */
export function unusablePage(): string {
  return page('Not sent', '<h1>That could not be sent.</h1><p>Go back to the form and send it again.</p>');
}

/** What the member chose so far, as the form posted it; kept when the form comes back with a problem. */
type Chosen = Readonly<Record<string, unknown>>;

/** A problem with one field of the form (keyed by field name), or with the form as a whole (`''`). */
export type Problems = ReadonlyMap<string, string>;

interface FormOptions {
  token: string;
  screen: boolean;
  chosen?: Chosen;
  problems?: Problems;
}

/** GET /r/<token>: who are you, a 0–10 line per item, an optional comment, **Submit rating**. */
export function formPage(form: OpenRatingForm, { token, screen, chosen = {}, problems = new Map() }: FormOptions): string {
  const value = (field: string) => (typeof chosen[field] === 'string' ? chosen[field] : '');
  const summary = problems.size
    ? `<div class="problem" role="alert"><p class="error">Please check the form:</p>` +
      `${[...problems.values()].map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`
    : '';
  const names = form.members
    .map(
      (m) =>
        `<label><input type="radio" name="${RATING_FIELDS.member}" value="${escapeHtml(m.id)}" required` +
        `${value(RATING_FIELDS.member) === m.id ? ' checked' : ''}><span>${escapeHtml(m.name)}</span></label>`,
    )
    .join('');
  const items = form.items
    .map((item) => {
      const field = RATING_FIELDS.score(item.id);
      const buttons = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => String(RATING_MIN + i))
        .map(
          (n) =>
            `<label><input type="radio" name="${field}" value="${n}" required${value(field) === n ? ' checked' : ''}>` +
            `<span>${n}</span></label>`,
        )
        .join('');
      return group(
        `q-${item.id}`,
        escapeHtml(item.label),
        problems.get(field),
        `<div class="scale">${buttons}</div>` +
          `<div class="ends" aria-hidden="true"><span>${RATING_MIN} not at all</span><span>${RATING_MAX} completely</span></div>`,
      );
    })
    .join('');
  const commentProblem = problems.get(RATING_FIELDS.comment);
  const comment =
    `<label class="field" for="comment">Comment (optional)</label>` +
    (commentProblem ? `<p class="error" id="comment-problem">${escapeHtml(commentProblem)}</p>` : '') +
    `<input type="text" id="comment" name="${RATING_FIELDS.comment}" maxlength="${RATING_COMMENT_MAX}" ` +
    `value="${escapeHtml(value(RATING_FIELDS.comment))}" autocomplete="off"` +
    `${commentProblem ? ' aria-describedby="comment-problem"' : ''}>`;
  return page(
    'Rate today’s group',
    `<h1>How was today’s group?</h1><p class="muted">Only your group’s clinicians see your answers.</p>${summary}` +
      // autocomplete=off: a browser does not put one member's choices back when the next goes Back (kiosk mode, D34).
      `<form method="post" action="${escapeHtml(formAddress(token, screen))}" autocomplete="off">` +
      group('who', 'Who are you?', problems.get(RATING_FIELDS.member), `<div class="names">${names}</div>`) +
      `${items}${comment}<button type="submit">Submit rating</button></form>`,
  );
}

/** A fieldset that is a radio group named by its legend, with its problem (if any) under the legend. */
function group(id: string, legend: string, problem: string | undefined, inner: string): string {
  const described = problem ? ` aria-describedby="${id}-problem"` : '';
  const shown = problem ? `<p class="error" id="${id}-problem">${escapeHtml(problem)}</p>` : '';
  return `<fieldset role="radiogroup" aria-labelledby="${id}"${described}><legend id="${id}">${legend}</legend>${shown}${inner}</fieldset>`;
}

/** After **Submit rating**: the thanks, whether it replaced an earlier one, and in kiosk mode the way on. */
export function thanksPage({ replaced, screen, token }: { replaced: boolean; screen: boolean; token: string }): string {
  const again = replaced ? '<p>It replaces the rating you sent before.</p>' : '';
  const next = screen
    ? '<p>Hand the screen to the next person, or press Done when everyone has rated.</p>' +
      `<a class="button" href="${escapeHtml(formAddress(token, true))}">Next person</a>` +
      '<a class="button quiet" href="/">Done</a>'
    : '<p class="muted">You can close this page.</p>';
  return page('Thank you', `<h1>Thank you — your rating is in.</h1>${again}${next}`);
}
