import 'server-only';
// Checks a sign-in request before next-auth creates a token: a valid address, and within the
// per-address and per-IP limits. The answer never says whether the address has an account.
import { getDb } from '../db';
import { emailAddress } from '../forms/email-address';
import { signInLimits } from '../platform/env';
import { clientIp, consumeRateLimit } from '../platform/rate-limit';
import { siteUrl } from '../platform/site-url';

export type SignInRefusal = 'InvalidEmail' | 'RateLimited';

export async function checkSignInRequest(
  email: unknown,
  headers: Headers,
  now: Date = new Date(),
): Promise<SignInRefusal | null> {
  const parsed = emailAddress.safeParse(email);
  if (!parsed.success) return 'InvalidEmail';
  const db = await getDb();
  const limits = signInLimits();
  const [byEmail, byIp] = await Promise.all([
    consumeRateLimit(
      db,
      { bucket: 'signin-email', limit: limits.perEmail, windowMs: limits.windowMs },
      parsed.data.toLowerCase(),
      now,
    ),
    consumeRateLimit(
      db,
      { bucket: 'signin-ip', limit: limits.perIp, windowMs: limits.windowMs },
      clientIp(headers),
      now,
    ),
  ]);
  return byEmail.allowed && byIp.allowed ? null : 'RateLimited';
}

/** The reply next-auth's client expects (`{ url }` with an error parameter), or a redirect without JS. */
export function refusalResponse(refusal: SignInRefusal, wantsJson: boolean): Response {
  const url = `${siteUrl()}/signin?error=${refusal}`;
  const status = refusal === 'RateLimited' ? 429 : 400;
  if (wantsJson) return Response.json({ url }, { status });
  return Response.redirect(url, 303);
}
