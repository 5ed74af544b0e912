import type { Metadata } from 'next';
import { Notice } from '@/components/Notice';
import { AssistanceRequests } from '@/components/AssistanceRequests';
import { MembershipPanel } from '@/components/MembershipPanel';
import { accountCreatedAt, requireSignedIn } from '@/lib/auth/viewer';
import { hasBillingAccount } from '@/lib/billing';
import { lookup, queryValue } from '@/lib/forms/query';
import { formatDate } from '@/lib/platform/format';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

const NOTICES: Record<string, string> = {
  'already-member': 'You are already a member of the Sojoourn Club, so there is nothing to pay.',
  'portal-error': 'We could not open the billing page just now. Please try again in a moment.',
};

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string | string[] }>;
}) {
  const viewer = await requireSignedIn('/account');
  const { notice } = await searchParams;
  const noticeText = lookup(NOTICES, queryValue(notice));
  const [createdAt, billingAccount] = await Promise.all([
    accountCreatedAt(viewer.userId),
    hasBillingAccount(viewer.userId),
  ]);
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
        <AssistanceRequests viewer={viewer} />
      </div>
    </div>
  );
}
