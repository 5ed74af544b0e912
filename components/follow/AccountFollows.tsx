// /account's "Guides you follow": each with a one-click unfollow (plain HTML forms to /api/follow).
import Link from 'next/link';
import type { SignedInViewer } from '@/lib/access';
import { getDb } from '@/lib/db';
import { followableGuide, followLabel } from '@/lib/follow/guides';
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
          <ul className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
            {follows.map((guide) => {
              const found = guide === '*' ? undefined : followableGuide(guide);
              const label = followLabel(guide);
              return (
                <li key={guide} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  {found ? (
                    <Link href={found.url} className="underline">
                      {label}
                    </Link>
                  ) : (
                    <span>{label}</span>
                  )}
                  <form method="post" action="/api/follow">
                    <input type="hidden" name="guide" value={guide} />
                    <input type="hidden" name="from" value="account" />
                    <button
                      type="submit"
                      name="intent"
                      value="unfollow"
                      className="btn-secondary"
                      aria-label={`Unfollow ${label}`}
                    >
                      Unfollow
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
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
