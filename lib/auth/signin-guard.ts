import 'server-only';
// Sign-in limits, enforced inside next-auth where it decides to send a link (options.ts): its
// identifier normaliser and signIn callback see the exact address the link goes to, whatever the
// path, content type or body looked like. The route (app/api/auth/[...nextauth]) only opens a
// request context (who is asking) and turns a refusal into the answer next-auth's client expects.
//
// Limits count links actually sent (a refused or failed request costs nobody anything):
//  - per address AND client (strict, SIGNIN_LIMIT_PER_EMAIL): one client cannot pester an address;
//  - per address, all clients together (SIGNIN_LIMIT_PER_EMAIL_TOTAL, higher): a ceiling that one
//    client alone cannot reach, so nobody can lock a person out from one connection;
//  - per client (SIGNIN_LIMIT_PER_IP): one client cannot mail many addresses.
// The answer never says whether the address has an account.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { emailAddress } from '../forms/email-address';
import { setCodeNonceCookie } from './code-cookie';
import { signInLimits } from '../platform/env';
import { reserveRateLimits, type Reservation } from '../platform/rate-limit';
import { siteUrl } from '../platform/site-url';

export type SignInRefusal = 'InvalidEmail' | 'RateLimited';

interface SignInRequestContext {
  client: string;
  refusal: SignInRefusal | null;
  /** Links allowed by the limits and not sent yet, by address. */
  reservations: Map<string, Reservation>;
  /** The nonce of the sign-in code mailed in this request: the route gives it to the browser. */
  codeNonce: { nonce: string; expires: Date } | null;
}

const requests = new AsyncLocalStorage<SignInRequestContext>();

/** Runs next-auth's handler for one request from `client`; says whether the guard refused it. */
export async function runSignInRequest<T>(
  client: string,
  handle: () => Promise<T>,
): Promise<{
  result: T;
  refusal: SignInRefusal | null;
  codeNonce: SignInRequestContext['codeNonce'];
}> {
  const context: SignInRequestContext = {
    client,
    refusal: null,
    reservations: new Map(),
    codeNonce: null,
  };
  const result = await requests.run(context, handle);
  // A reservation nobody used (next-auth stopped before sending) gives its count back.
  for (const reservation of context.reservations.values()) await reservation.release();
  return { result, refusal: context.refusal, codeNonce: context.codeNonce };
}

/** Records the nonce of the code mailed in this request, for the asking browser's cookie. */
export function keepCodeNonce(nonce: string, expires: Date): void {
  const context = requests.getStore();
  if (context) context.codeNonce = { nonce, expires };
}

function refuse(refusal: SignInRefusal): SignInRefusal {
  const context = requests.getStore();
  if (context) context.refusal = refusal;
  return refusal;
}

/**
 * next-auth's `normalizeIdentifier`: the address links go to, lower-cased and checked. Anything
 * that is not one plain address (an array, an object, two addresses) is refused.
 */
export function normalizeSignInAddress(identifier: unknown): string {
  const parsed = emailAddress.safeParse(
    typeof identifier === 'string' ? identifier.normalize('NFKC') : identifier,
  );
  if (!parsed.success || /[,;\s"<>]/.test(parsed.data)) {
    refuse('InvalidEmail');
    throw new Error('Invalid e-mail address');
  }
  return parsed.data.toLowerCase();
}

/** The limits as rate-limit checks for one address and client. */
export function signInChecks(address: string, client: string, limits = signInLimits()) {
  const rule = (bucket: string, limit: number) => ({ bucket, limit, windowMs: limits.windowMs });
  return [
    { rule: rule('signin-email-client', limits.perEmailAndClient), key: `${address}\n${client}` },
    { rule: rule('signin-email', limits.perEmail), key: address },
    { rule: rule('signin-ip', limits.perClient), key: client },
  ];
}

/**
 * Called from next-auth's signIn callback for a link request: reserves one link for `address`
 * within the limits. Null when allowed; otherwise the refusal (recorded for the route).
 */
export async function reserveSignInLink(
  address: string,
  { db, now = new Date() }: { db?: Kysely<Database>; now?: Date } = {},
): Promise<SignInRefusal | null> {
  const context = requests.getStore();
  // Outside a request the route opened, nobody knows who asks: send nothing.
  if (!context) return refuse('RateLimited');
  const reservation = await reserveRateLimits(
    db ?? (await getDb()),
    signInChecks(address, context.client),
    now,
  );
  if (!reservation.allowed) return refuse('RateLimited');
  await context.reservations.get(address)?.release();
  context.reservations.set(address, reservation);
  return null;
}

/**
 * Called from sendVerificationRequest: sends only a link reserved in this request, and gives the
 * reservation back when sending fails (only links actually sent count).
 */
export async function sendReservedLink(address: string, send: () => Promise<void>): Promise<void> {
  const context = requests.getStore();
  const reservation = context?.reservations.get(address);
  if (!context || !reservation) throw new Error('A sign-in link was not reserved: not sent');
  context.reservations.delete(address);
  try {
    await send();
  } catch (error) {
    await reservation.release();
    throw error;
  }
}

/**
 * next-auth's answer to one POST from `client`, run inside the guard: with the cookie that binds the
 * e-mailed code to this browser, or the guard's refusal in the form the caller expects.
 */
export async function guardedSignInPost(
  client: string,
  handle: () => Promise<Response>,
): Promise<Response> {
  const { result, refusal, codeNonce } = await runSignInRequest(client, handle);
  if (!refusal) {
    // The e-mail's code works only in the browser that asked: this one, holding the nonce.
    if (codeNonce)
      result.headers.append('Set-Cookie', setCodeNonceCookie(codeNonce.nonce, codeNonce.expires));
    return result;
  }
  const wantsJson = result.headers.get('content-type')?.includes('application/json') ?? false;
  return refusalResponse(refusal, wantsJson);
}

/** The reply next-auth's client expects (`{ url }` with an error parameter), or a redirect without JS. */
export function refusalResponse(refusal: SignInRefusal, wantsJson: boolean): Response {
  const url = `${siteUrl()}/signin?error=${refusal}`;
  const status = refusal === 'RateLimited' ? 429 : 400;
  if (wantsJson) return Response.json({ url }, { status });
  return Response.redirect(url, 303);
}
