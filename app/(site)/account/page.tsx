import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/Notice';
import { AssistanceRequests } from '@/components/AssistanceRequests';
import { DeleteAccountForm } from '@/components/account/DeleteAccountForm';
import { EmailChangeForm } from '@/components/account/EmailChangeForm';
import { AccountFollows } from '@/components/follow/AccountFollows';
import { MyEvents } from '@/components/events/MyEvents';
import { canReadMembersContent, membershipIsActive } from '@/lib/access';
import { MembershipPanel } from '@/components/MembershipPanel';
import { isRecentSignIn } from '@/lib/auth/recent-sign-in';
import { accountCreatedAt, currentSession, requireSignedIn } from '@/lib/auth/viewer';
import { hasBillingAccount } from '@/lib/billing';
import { lookup, queryValue } from '@/lib/forms/query';
import { formatDate } from '@/lib/platform/format';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

const NOTICES: Record<string, string> = {
  'already-member': 'You are already a member of the Sojoourn Club, so there is nothing to pay.',
  'portal-error': 'We could not open the billing page just now. Please try again in a moment.',
  'email-changed': 'Your sign-in address is changed. Use it the next time you sign in.',
};

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string | string[]; events?: string | string[] }>;
}) {
  const viewer = await requireSignedIn('/account');
  const { notice, events } = await searchParams;
  const noticeText = lookup(NOTICES, queryValue(notice));
  const [createdAt, billingAccount, session] = await Promise.all([
    accountCreatedAt(viewer.userId),
    hasBillingAccount(viewer.userId),
    currentSession(),
  ]);
  const recentSignIn = session?.userId === viewer.userId && isRecentSignIn(session, new Date());
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Your account</h1>
      {noticeText ? <Notice>{noticeText}</Notice> : null}
      <section aria-labelledby="profile-title" className="mt-8">
        <h2 id="profile-title" className="sr-only">
          Profile
        </h2>
        <p className="text-slate-700 dark:text-slate-300">
          Signed in as <strong data-testid="account-email">{viewer.email}</strong>
          {viewer.isStaff ? ' (Sojoourn staff)' : ''}
        </p>
        {createdAt ? (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            With Sojoourn since {formatDate(createdAt)}
          </p>
        ) : null}
      </section>
      <div className="mt-8 space-y-8">
        <MembershipPanel membership={viewer.membership} hasBillingAccount={billingAccount} />
        <section
          aria-labelledby="file-link-title"
          className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
        >
          <h2 id="file-link-title" className="font-serif text-2xl font-bold">
            Your Carte Vitale file
          </h2>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Your route to the Carte Vitale, step by step, with when to expect each one.
          </p>
          <Link href="/account/file" className="btn-secondary mt-4">
            Open my file
          </Link>
        </section>
        <AssistanceRequests viewer={viewer} />
        <MyEvents viewer={viewer} from="account" notice={queryValue(events, 40)} />
        <AccountFollows viewer={viewer} />
        {canReadMembersContent(viewer) ? (
          <section
            aria-labelledby="offers-link-title"
            className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
          >
            <h2 id="offers-link-title" className="font-serif text-2xl font-bold">
              Partner offers
            </h2>
            <p className="mt-2 text-slate-700 dark:text-slate-300">
              Codes from Sojoourn’s partners, for members.
            </p>
            <Link href="/club/offers" className="btn-secondary mt-4">
              See the partner offers
            </Link>
          </section>
        ) : null}
        <section
          id="sign-in-address"
          aria-labelledby="sign-in-address-title"
          className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
        >
          <h2 id="sign-in-address-title" className="font-serif text-2xl font-bold">
            Your sign-in address
          </h2>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            You sign in with <strong>{viewer.email}</strong>. To use another address, we send a link
            to it first: it changes when you confirm from there. Your other devices are then signed
            out, and we tell {viewer.email}, with a link to undo the change.
          </p>
          <EmailChangeForm currentEmail={viewer.email} recentSignIn={recentSignIn} />
        </section>
        <section
          id="your-data"
          aria-labelledby="your-data-title"
          className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
        >
          <h2 id="your-data-title" className="font-serif text-2xl font-bold">
            Your data
          </h2>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Download everything we store about you — your profile, membership, assistance and quote
            requests, event registrations, your Carte Vitale file and the guides you follow — as a
            JSON file.{' '}
            <Link href="/privacy" className="text-brand-700 underline dark:text-brand-100">
              How we handle your data
            </Link>
          </p>
          {/* A plain link: the route checks the session itself and answers with a file. */}
          <a href="/account/export" download className="btn-secondary mt-4">
            Download my data
          </a>
        </section>
        <section
          id="delete-account"
          aria-labelledby="delete-account-title"
          className="rounded-2xl border border-red-300 p-6 dark:border-red-900"
        >
          <h2 id="delete-account-title" className="font-serif text-2xl font-bold">
            Delete your account
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
            {membershipIsActive(viewer.membership, new Date()) ||
            viewer.membership?.status === 'past_due' ? (
              <li data-testid="delete-cancels-subscription">
                <strong>Your Sojoourn Club subscription is cancelled at once</strong>, not at the
                end of the period: you lose access straight away and are not refunded for the days
                left. You will not be charged again.
              </li>
            ) : null}
            <li>
              Your profile, assistance and quote requests and event registrations are deleted,
              including what you sent under an earlier sign-in address (your place at an event goes
              to the next person on the waiting list).
            </li>
            <li>You are signed out on every device. This cannot be undone.</li>
          </ul>
          <DeleteAccountForm currentEmail={viewer.email} recentSignIn={recentSignIn} />
        </section>
      </div>
    </div>
  );
}
