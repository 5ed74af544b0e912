// /account's "Guides you follow": each with a one-click unfollow (plain HTML forms to /api/follow).
import Link from 'next/link';
import { FollowedGuidesList } from '@/components/follow/FollowedGuidesList';
import type { SignedInViewer } from '@/lib/access';
import { getDb } from '@/lib/db';
import { followsOfViewer } from '@/lib/follow/service';

export async function AccountFollows({ viewer }: { viewer: SignedInViewer }) {
  const follows = await followsOfViewer(viewer, { db: await getDb() });
  return (
    <section
      id="follows"
      aria-labelledby="follows-title"
      className="rounded-2xl border border-slate-200 p-6 dark:border-slate-800"
    >
      <h2 id="follows-title" className="font-serif text-2xl font-bold">
        Guides you follow
      </h2>
      {follows.length ? (
        <>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            We e-mail {viewer.email} when these change.
          </p>
          <FollowedGuidesList
            guides={follows}
            action="/api/follow"
            fields={{ from: 'account', intent: 'unfollow' }}
            className="mt-4"
          />
        </>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          You follow no guide. Each guide has “Follow this guide” at the end, and{' '}
          <Link href="/guides#follow" className="underline">
            the list of guides
          </Link>{' '}
          lets you follow them all.
        </p>
      )}
    </section>
  );
}
