// The code from the sign-in e-mail, typed on "Check your inbox" (a plain form POST: no script
// needed). A right code in the browser that asked hands the link's token to next-auth's own e-mail
// callback, which signs in exactly as the link does; anything else goes back to the page with the
// reason and what was typed (lib/auth/signin-code.ts).
import { NextRequest } from 'next/server';
import * as z from '@/lib/forms/zod';
import {
  CHECK_EMAIL_PATH,
  clearCodeNonceCookie,
  clearTypedCodeCookie,
  codeNonceCookieName,
  readCookie,
  setTypedCodeCookie,
} from '@/lib/auth/code-cookie';
import { authHandler } from '@/lib/auth/handler';
import { linkState } from '@/lib/auth/link-problem';
import { checkSignInCode, type CodeRefusal } from '@/lib/auth/signin-code';
import { getDb } from '@/lib/db';
import { authSecret, signInCodeSettings } from '@/lib/platform/env';
import { log } from '@/lib/platform/log';
import { clientIp } from '@/lib/platform/rate-limit';
import { bodyTooLargeResponse, readFormCapped } from '@/lib/platform/request-body';
import { siteUrl } from '@/lib/platform/site-url';

const MAX_BODY_BYTES = 2048;

const codeForm = z.object({
  code: z.string().max(40).catch(''),
  email: z.string().max(254).catch(''),
});

function backToPage(refusal: CodeRefusal, typed: string, email: string, triesLeft?: number) {
  const query = new URLSearchParams({ error: refusal });
  if (email) query.set('email', email);
  if (triesLeft !== undefined) query.set('left', String(triesLeft));
  const headers = new Headers({
    Location: `${CHECK_EMAIL_PATH}?${query}`,
    'Cache-Control': 'private, no-store',
  });
  // What was typed waits in a short-lived cookie, not in the address bar (or a log).
  headers.append('Set-Cookie', typed ? setTypedCodeCookie(typed) : clearTypedCodeCookie());
  return new Response(null, { status: 303, headers });
}

export async function POST(request: NextRequest) {
  const fields = await readFormCapped(request, MAX_BODY_BYTES);
  if (!fields) return bodyTooLargeResponse();
  const form = codeForm.parse(fields);
  const check = await checkSignInCode(
    await getDb(),
    {
      nonce: readCookie(request.headers.get('cookie'), codeNonceCookieName()),
      typed: form.code,
      client: clientIp(request.headers),
    },
    { secret: authSecret(), settings: signInCodeSettings() },
  );
  if (!check.ok) {
    log.info({ event: 'signin.code_refused', refusal: check.refusal }, 'sign-in code refused');
    return backToPage(check.refusal, form.code, form.email, check.triesLeft);
  }
  // The link of the same e-mail may have been used meanwhile: then so is the code.
  if ((await linkState(check.token, check.email)) !== 'valid') {
    return backToPage('CodeMissing', form.code, form.email);
  }
  // next-auth's e-mail callback, as the link's button calls it: same token, same signIn callback,
  // same session. It reads cookies and headers from this request (next/headers).
  const callback = new URL('/api/auth/callback/email', siteUrl());
  callback.search = new URLSearchParams({
    token: check.token,
    email: check.email,
    callbackUrl: check.callbackUrl,
  }).toString();
  const answer = await authHandler(new NextRequest(callback, { headers: request.headers }), {
    params: Promise.resolve({ nextauth: ['callback', 'email'] }),
  });
  log.info({ event: 'signin.code_used' }, 'sign-in code used');
  const headers = new Headers(answer.headers);
  headers.append('Set-Cookie', clearCodeNonceCookie());
  headers.append('Set-Cookie', clearTypedCodeCookie());
  headers.set('Cache-Control', 'private, no-store');
  return new Response(null, { status: 303, headers });
}
