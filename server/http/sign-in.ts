import { fromNodeHeaders } from 'better-auth/node';
import type { Request, Response } from 'express';
import type { Auth } from '../auth/auth.js';

/** Signs an account in through better-auth and passes its session cookie on to the response. */
export async function signIn(auth: Auth, req: Request, res: Response, email: string, password: string): Promise<void> {
  const { headers } = await auth.api.signInEmail({
    body: { email, password },
    // The request's own headers: better-auth derives the origin and records the user agent.
    headers: fromNodeHeaders(req.headers),
    returnHeaders: true,
  });
  for (const cookie of headers.getSetCookie()) res.append('Set-Cookie', cookie);
}
