import 'server-only';
// next-auth (v4) with e-mail magic links and database sessions. Who is looking: ./viewer.ts.
import { KyselyAdapter } from '@auth/kysely-adapter';
import type { NextAuthOptions } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import EmailProvider from 'next-auth/providers/email';
import { getDb } from '../db';
import {
  authSecret,
  emailFrom,
  emailServer,
  isProduction,
  signInCodeSettings,
  signInLinkMaxAgeSeconds,
} from '../platform/env';
import { hashAddress, log, requestLog } from '../platform/log';
import { sendMail } from '../platform/mail';
import { signInEmail } from './emails';
import { issueSignInCode } from './signin-code';
import {
  keepCodeNonce,
  normalizeSignInAddress,
  reserveSignInLink,
  sendReservedLink,
} from './signin-guard';
import { confirmationUrl, recordingLinkUses } from './signin-link';
import { safeReturnPath, siteUrl } from '../platform/site-url';

const ADAPTER_METHODS = [
  'createUser',
  'getUser',
  'getUserByEmail',
  'getUserByAccount',
  'updateUser',
  'deleteUser',
  'linkAccount',
  'unlinkAccount',
  'createSession',
  'getSessionAndUser',
  'updateSession',
  'deleteSession',
  'createVerificationToken',
  'useVerificationToken',
] as const;

/** The Kysely adapter, created once the database is migrated (on the first call of any method). */
function migratedAdapter(): Adapter {
  let adapter: Promise<Adapter> | null = null;
  const ready = () =>
    (adapter ??= getDb().then(
      // @auth/kysely-adapter types its db as its own table interface; ours is a superset of it.
      (db) => KyselyAdapter(db as unknown as Parameters<typeof KyselyAdapter>[0]) as Adapter,
    ));
  const wrapped = Object.fromEntries(
    ADAPTER_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => {
        const inner = (await ready()) as Record<string, (...a: unknown[]) => unknown>;
        return inner[method]?.(...args);
      },
    ]),
  ) as Adapter;
  return {
    ...wrapped,
    useVerificationToken: recordingLinkUses(wrapped.useVerificationToken!, getDb, authSecret()),
    // next-auth creates a session only once a sign-in is proven (a link used or a code typed): the
    // session remembers when, for the changes that ask for a recent sign-in (./recent-sign-in.ts).
    createSession: (session) =>
      wrapped.createSession!({
        ...session,
        signedInAt: new Date().toISOString(),
      } as typeof session),
  };
}

export const authOptions: NextAuthOptions = {
  adapter: migratedAdapter(),
  secret: authSecret(),
  session: { strategy: 'database', maxAge: 30 * 24 * 3600, updateAge: 24 * 3600 },
  providers: [
    EmailProvider({
      from: emailFrom(),
      maxAge: signInLinkMaxAgeSeconds(),
      // The limits live where next-auth decides: it mails exactly the address normalised here,
      // after the signIn callback below reserved a link for it (./signin-guard.ts).
      normalizeIdentifier: normalizeSignInAddress,
      async sendVerificationRequest({ identifier, url, expires, token }) {
        const link = confirmationUrl(url, siteUrl());
        // The code stands for this same token: typed in the browser that asked, it goes through
        // next-auth's callback like the link (app/(site)/signin/code/route.ts).
        const code = await issueSignInCode(
          await getDb(),
          {
            address: identifier,
            token,
            callbackUrl: new URL(url).searchParams.get('callbackUrl') ?? '/',
          },
          { secret: authSecret(), settings: signInCodeSettings() },
        );
        keepCodeNonce(code.nonce, code.expires);
        const email = signInEmail(link, expires, code);
        await sendReservedLink(identifier, () => sendMail({ to: identifier, ...email }));
        (await requestLog()).info(
          { event: 'signin.link_sent', to: hashAddress(identifier) },
          'sign-in link sent',
        );
        if (!emailServer() && !isProduction()) {
          console.info(
            `\n🔑 Sign-in link for ${identifier}:\n   ${link}\n   or type the code ${code.code}\n`,
          );
        }
      },
    }),
  ],
  pages: {
    signIn: '/signin',
    verifyRequest: '/signin/check-email',
    error: '/signin/error',
    signOut: '/signout',
  },
  callbacks: {
    async signIn({ user, email }) {
      if (!email?.verificationRequest) return true;
      const refusal = await reserveSignInLink(normalizeSignInAddress(user.email));
      return refusal ? `${siteUrl()}/signin?error=${refusal}` : true;
    },
    session({ session, user }) {
      return { ...session, user: { ...session.user, id: user.id, email: user.email } };
    },
    // Redirects after sign-in/out stay on this site, whatever callbackUrl said.
    redirect({ url, baseUrl }) {
      if (url.startsWith(baseUrl)) return `${baseUrl}${safeReturnPath(url.slice(baseUrl.length))}`;
      return `${baseUrl}${safeReturnPath(url)}`;
    },
  },
  logger: {
    // next-auth's metadata holds the address and the sign-in URL with its token: the code and the
    // error's class only (log.ts's `err` serializer).
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : metadata.error;
      log.error({ event: 'auth.error', code, err: error }, 'next-auth error');
    },
    warn(code) {
      if (code !== 'DEBUG_ENABLED') log.warn({ event: 'auth.warning', code }, 'next-auth warning');
    },
    debug() {},
  },
};
