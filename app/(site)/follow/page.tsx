import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { FollowGuide } from '@/components/follow/FollowGuide';
import { Notice } from '@/components/Notice';
import { TYPED_COOKIE } from '@/lib/follow/actions';
import { followableGuide } from '@/lib/follow/guides';
import { ALL_GUIDES, FOLLOW_MESSAGES } from '@/lib/follow/schema';
import { lookup, queryValue } from '@/lib/forms/query';

export const metadata: Metadata = { title: 'Follow guides', robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where the follow forms land (they are plain HTML posts): "check your inbox" (the same words
 * whether or not the address is known), or the error with the form again, holding what was typed.
 */
export default async function FollowResultPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const slug = queryValue(query.guide, 100);
  const guide = slug && slug !== ALL_GUIDES ? followableGuide(slug) : undefined;
  const target = slug === ALL_GUIDES ? ALL_GUIDES : guide?.slug;
  const error = queryValue(query.error, 40);
  const errorText = error === 'sent' ? undefined : lookup(FOLLOW_MESSAGES, error);
  const typed = (await cookies()).get(TYPED_COOKIE)?.value?.slice(0, 254);
  const what = target === ALL_GUIDES ? 'all guides' : guide ? `“${guide.title}”` : 'guides';
  return (
    <div className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Follow {what}</h1>
      {queryValue(query.sent) === '1' ? (
        <Notice>{FOLLOW_MESSAGES.sent}</Notice>
      ) : queryValue(query.followed) === '1' && target ? (
        <Notice>
          You follow {what}: we e-mail you when {target === ALL_GUIDES ? 'one' : 'it'} changes.{' '}
          <Link href="/account#follows" className="underline">
            Everything you follow
          </Link>
        </Notice>
      ) : queryValue(query.unfollowed) === '1' && target ? (
        <Notice>You no longer follow {what}.</Notice>
      ) : queryValue(query.done) === 'erased' ? (
        <Notice>
          You follow no guide any more, and your address is erased from our follow list.
        </Notice>
      ) : errorText ? (
        // The form again, with the message beside the field and what was typed.
        target && (error === 'invalid-email' || error === 'limited') ? (
          <FollowGuide
            guide={target}
            headingLevel="h2"
            state={{ kind: 'reader', typedEmail: typed, error: errorText }}
          />
        ) : (
          <p
            role="alert"
            className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900"
          >
            {errorText}
          </p>
        )
      ) : (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          Every guide has a “Follow this guide” form at the end, and the list of guides one to
          follow them all.
        </p>
      )}
      <p className="mt-8">
        <Link href={guide ? guide.url : '/guides'} className="underline">
          {guide ? `Back to “${guide.title}”` : 'See the guides'}
        </Link>
      </p>
    </div>
  );
}
