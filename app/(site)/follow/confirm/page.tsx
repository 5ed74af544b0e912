import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { followLabel } from '@/lib/follow/guides';
import { FOLLOW_MESSAGES } from '@/lib/follow/schema';
import { pendingOfLink } from '@/lib/follow/service';
import { queryValue } from '@/lib/forms/query';

export const metadata: Metadata = { title: 'Confirm to follow guides', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The confirmation e-mail's link: shows what would be followed and a button. Opening it confirms
 * nothing (mail scanners open links); the button posts to /api/follow/confirm.
 */
export default async function ConfirmFollowPage({ searchParams }: { searchParams: SearchParams }) {
  const token = queryValue((await searchParams).token, 100) ?? '';
  const guides = await pendingOfLink(token, { db: await getDb() });
  return (
    <div className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Confirm to follow</h1>
      {guides?.length ? (
        <form method="post" action="/api/follow/confirm" className="mt-6">
          <input type="hidden" name="token" value={token} />
          <p className="text-slate-700 dark:text-slate-300">
            We will e-mail you when these change, with what changed and a one-click unfollow:
          </p>
          <ul className="mt-3 list-disc pl-6">
            {guides.map((guide) => (
              <li key={guide}>{followLabel(guide)}</li>
            ))}
          </ul>
          <button type="submit" className="btn-primary mt-6">
            Confirm and follow
          </button>
        </form>
      ) : (
        <>
          <p
            role="alert"
            className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900"
          >
            {FOLLOW_MESSAGES['confirm-invalid']}
          </p>
          <p className="mt-6">
            <Link href="/guides" className="underline">
              See the guides
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
