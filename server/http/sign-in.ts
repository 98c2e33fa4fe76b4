import type { Response } from 'express';
import type { Auth } from '../auth/auth.js';

/** Signs an account in through better-auth and passes its session cookie on to the response. */
export async function signIn(auth: Auth, res: Response, email: string, password: string): Promise<void> {
  const { headers } = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  for (const cookie of headers.getSetCookie()) res.append('Set-Cookie', cookie);
}
