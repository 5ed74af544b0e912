import 'server-only';
// Why a sign-in link pushed at next-auth's e-mail callback cannot work, checked before next-auth
// would answer its single "Verification" error: the error page then tells used, expired and
// made-up (or truncated) links apart (./signin-link.ts).
import { getDb } from '../db';
import { authSecret } from '../platform/env';
import { signInLinkState, type SignInLinkState } from './signin-link';

export const LINK_PROBLEMS: Record<Exclude<SignInLinkState, 'valid'>, string> = {
  used: 'LinkUsed',
  expired: 'LinkExpired',
  invalid: 'LinkInvalid',
};

/** The link's state, 'invalid' for anything too long or missing to be one of ours. */
export async function linkState(token: string, email: string): Promise<SignInLinkState> {
  if (!token || !email || token.length > 200 || email.length > 254) return 'invalid';
  return signInLinkState(await getDb(), { token, email }, authSecret());
}

/** For a GET of /api/auth/callback/email: the error code when its link cannot work, else null. */
export async function linkProblemCode(
  pathname: string,
  params: URLSearchParams,
): Promise<string | null> {
  if (!/^\/api\/auth\/callback\/email\/?$/.test(pathname)) return null;
  const state = await linkState(params.get('token') ?? '', params.get('email') ?? '');
  return state === 'valid' ? null : LINK_PROBLEMS[state];
}
