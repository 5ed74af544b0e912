import type { Metadata } from 'next';
import { FollowedGuidesList } from '@/components/follow/FollowedGuidesList';
import { Notice } from '@/components/Notice';
import { getDb } from '@/lib/db';
import { FOLLOW_MESSAGES } from '@/lib/follow/schema';
import { followerOfLink } from '@/lib/follow/service';
import { queryValue } from '@/lib/forms/query';

export const metadata: Metadata = { title: 'What you follow', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DONE: Record<string, string> = {
  confirmed: 'Done: you follow the guides below. We e-mail you when they change.',
  unfollowed: 'Done: you no longer follow that guide.',
};

/**
 * "Manage what I follow", from the link in any follow e-mail (no sign-in: the signed link is the
 * proof). Unfollow one guide, or everything, which erases the address.
 */
export default async function ManageFollowsPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const token = queryValue(query.token, 100) ?? '';
  const follower = await followerOfLink(token, { db: await getDb() });
  const done = queryValue(query.done, 20);
  const action = `/api/follow/unfollow?token=${encodeURIComponent(token)}`;
  return (
    <div className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">What you follow</h1>
      {done && Object.hasOwn(DONE, done) && follower ? <Notice>{DONE[done]}</Notice> : null}
      {follower ? (
        <>
          <FollowedGuidesList
            guides={follower.guides}
            action={action}
            fields={{ from: 'page' }}
            className="mt-6"
            label="Followed guides"
          />
          <form method="post" action={action} className="mt-8">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="from" value="page" />
            <p className="text-slate-700 dark:text-slate-300">
              Unfollow everything: we erase your address from our follow list and send you nothing
              more about guides.
            </p>
            <button type="submit" className="btn-primary mt-4">
              Unfollow everything
            </button>
          </form>
        </>
      ) : (
        <p
          role="alert"
          className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900"
        >
          {FOLLOW_MESSAGES['manage-invalid']}
        </p>
      )}
    </div>
  );
}
