import 'server-only';
// The sign-in form sent without its script: JavaScript off, or a press of the button before the
// page's script has run. The form then posts plainly to /signin/request, and this asks next-auth
// exactly as its own client does once the script runs: a CSRF token (GET /api/auth/csrf), then
// POST /api/auth/signin/email, inside the same guard (limits, code cookie). The answer is a
// redirect: to "Check your inbox", or back to the form with the reason and the address as typed.
import { cookies } from 'next/headers';
import { NextRequest } from 'next/server';
import { emailAddress } from '../forms/email-address';
import * as z from '../forms/zod';
import { sentFromAnotherSite } from '../platform/fetch-site';
import { clientIp } from '../platform/rate-limit';
import { safeReturnPath, siteUrl } from '../platform/site-url';
import { CHECK_EMAIL_PATH } from './code-cookie';
import { authHandler } from './handler';
import { guardedSignInPost } from './signin-guard';

export const signInFormFields = z.object({
  email: z.string().max(254).catch(''),
  callbackUrl: z.string().max(2048).catch(''),
});

type SignInFormFields = z.infer<typeof signInFormFields>;

const nextAuthUrl = (path: string) => new URL(`/api/auth/${path}`, siteUrl());

function seeOther(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: location, 'Cache-Control': 'private, no-store' },
  });
}

/** Back to the form, saying why, with the address as it was typed. */
function backToForm(error: string, form: SignInFormFields, callbackUrl: string): Response {
  const query = new URLSearchParams({ error, callbackUrl });
  if (form.email) query.set('email', form.email);
  return seeOther(`/signin?${query}`);
}

/**
 * The browser's next-auth CSRF cookie, made here when it has none: next-auth reads cookies from the
 * request (next/headers), and a route handler's cookies() sees what it set. Returns the token.
 */
async function csrfToken(request: NextRequest): Promise<string> {
  const answer = await authHandler(
    new NextRequest(nextAuthUrl('csrf'), { headers: request.headers }),
    {
      params: Promise.resolve({ nextauth: ['csrf'] }),
    },
  );
  const { csrfToken: token } = z
    .object({ csrfToken: z.string().min(1) })
    .parse(await answer.json());
  const jar = await cookies();
  for (const header of answer.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';');
    const index = pair.indexOf('=');
    jar.set(pair.slice(0, index).trim(), decodeURIComponent(pair.slice(index + 1).trim()), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: attributes.some((attribute) => attribute.trim().toLowerCase() === 'secure'),
    });
  }
  return token;
}

/** The error code in next-auth's `{ url }` answer, or null when the link was sent. */
function errorOf(answer: unknown): string | null {
  const parsed = z.object({ url: z.string().max(4096) }).safeParse(answer);
  if (!parsed.success) return 'Default';
  const url = new URL(parsed.data.url, siteUrl());
  if (url.searchParams.has('error')) return url.searchParams.get('error') || 'Default';
  // next-auth names its own page (/api/auth/verify-request), which leads to CHECK_EMAIL_PATH.
  return url.pathname === '/api/auth/verify-request' || url.pathname === CHECK_EMAIL_PATH
    ? null
    : 'Default';
}

/** Answers the plain POST of the sign-in form (fields already read and capped). */
export async function answerSignInForm(
  request: NextRequest,
  form: SignInFormFields,
): Promise<Response> {
  // Another site's page may not make this browser ask for links (next-auth's CSRF token's job).
  if (sentFromAnotherSite(request.headers)) {
    return new Response('This form can only be sent from Sojoourn’s sign-in page.', {
      status: 403,
    });
  }
  const callbackUrl = safeReturnPath(form.callbackUrl, '/account');
  const body = new URLSearchParams({
    email: form.email,
    callbackUrl,
    csrfToken: await csrfToken(request),
    json: 'true',
  });
  const answer = await guardedSignInPost(clientIp(request.headers), () =>
    authHandler(
      new NextRequest(nextAuthUrl('signin/email'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
      { params: Promise.resolve({ nextauth: ['signin', 'email'] }) },
    ),
  );
  const error = errorOf(await answer.json().catch(() => null));
  if (error) return backToForm(error, form, callbackUrl);
  // The address as the script's form shows it (trimmed), for "Check your inbox".
  const email = emailAddress.safeParse(form.email).data ?? form.email;
  const sent = seeOther(`${CHECK_EMAIL_PATH}?${new URLSearchParams({ email, callbackUrl })}`);
  for (const cookie of answer.headers.getSetCookie()) sent.headers.append('Set-Cookie', cookie);
  return sent;
}
