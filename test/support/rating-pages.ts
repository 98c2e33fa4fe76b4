import type { Command } from '../../shared/schemas/commands.js';
import type { RatingLink } from '../../shared/schemas/ratings.js';
import { manualClock, type ManualClock } from './clock.js';
import { send, sessionFixture, type SessionFixture } from './session-fixture.js';
import type { TestServerOptions } from './server.js';

/**
 * A started session with Sam, Ana and Kit present and Jo absent, its rating link opened by the
 * lead through the real route (docs/ratings.md P52): what a member's phone is handed.
 */
export interface OpenLink {
  fx: SessionFixture;
  clock: ManualClock;
  link: RatingLink;
  token: string;
}

export async function openRatingLink(options: TestServerOptions = {}): Promise<OpenLink> {
  const clock = manualClock();
  const fx = await sessionFixture({ clock, ...options });
  const act = async (command: Command) => {
    const ack = await send(fx.lead.socket, fx.sessionId, command);
    if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code}`);
  };
  for (const name of ['Sam', 'Ana', 'Kit']) await act({ type: 'attendance.mark', memberId: fx.member[name]!, mark: 'present' });
  await act({ type: 'attendance.mark', memberId: fx.member.Jo!, mark: 'absent' });
  await act({ type: 'session.start' });
  const collected = await fx.lead.api.post(`/api/sessions/${fx.sessionId}/ratings/collect`, undefined);
  if (collected.status !== 200) throw new Error(`collect: ${JSON.stringify(collected.body)}`);
  const link = collected.body.link as RatingLink;
  return { fx, clock, link, token: link.url.split('/r/')[1]! };
}

/** The default scale's fields as the form posts them: every item scored `score`, unless given. */
export function ratingBody(memberId: string, scores: Partial<Record<string, string>> = {}, comment?: string): URLSearchParams {
  const body = new URLSearchParams({ member: memberId });
  for (const item of ['belonging', 'mattered', 'approach', 'overall']) {
    const score = item in scores ? scores[item] : '7';
    if (score !== undefined) body.set(`score-${item}`, score);
  }
  if (comment !== undefined) body.set('comment', comment);
  return body;
}

export interface PageAnswer {
  status: number;
  html: string;
  headers: Headers;
}

/** A request as a member's browser makes it: no cookie, a form post from this origin (no-referrer: `Origin: null`). */
export async function member(
  baseUrl: string,
  path: string,
  body?: URLSearchParams | string,
  headers: Record<string, string> = {},
): Promise<PageAnswer> {
  const form: Record<string, string> =
    body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' };
  const res = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...form, ...headers },
    body: body === undefined ? undefined : String(body),
    redirect: 'manual',
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}
