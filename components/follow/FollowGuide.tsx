// "Follow this guide" / "Follow all guides". A server component with plain HTML forms posting to
// /api/follow, so it works in the readers' prerendered copies (no React runtime there) and without
// JavaScript. Readers enter an address and confirm from their inbox; a signed-in person follows in
// one click. Personal-free (lib/follow/schema.ts, FollowState): the same for everyone it is shown to.
import Link from 'next/link';
import type { FollowState } from '@/lib/follow/schema';

export function FollowGuide({
  guide,
  state,
  headingLevel = 'h2',
}: {
  /** A guide's slug, or '*' for all guides. */
  guide: string;
  state: FollowState;
  headingLevel?: 'h2' | 'h3';
}) {
  const all = guide === '*';
  const Heading = headingLevel;
  const title = all ? 'Follow all guides' : 'Follow this guide';
  const what = all
    ? 'Get an e-mail when a guide changes or a new guide is published: what changed, with the link.'
    : 'Get an e-mail when this guide changes: what changed, with the link.';
  return (
    <section
      id="follow"
      aria-labelledby="follow-title"
      className="mt-8 rounded-2xl border border-slate-200 p-6 print:hidden dark:border-slate-800"
      data-pagefind-ignore="all"
    >
      <Heading id="follow-title" className="font-serif text-xl font-bold">
        {title}
      </Heading>
      {state.kind === 'signed-in' ? (
        <SignedInFollow guide={guide} what={what} />
      ) : (
        <>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            {what} We send nothing until you confirm from your inbox, and every e-mail has a
            one-click unfollow.
          </p>
          {state.error ? (
            <p role="alert" id="follow-email-error" className="field-error">
              {state.error}
            </p>
          ) : null}
          <form method="post" action="/api/follow" className="mt-4 flex flex-wrap items-end gap-3">
            <input type="hidden" name="guide" value={guide} />
            <div className="min-w-64 flex-1">
              <label htmlFor="follow-email" className="field-label">
                Your e-mail address
              </label>
              <input
                id="follow-email"
                name="email"
                type="email"
                autoComplete="email"
                inputMode="email"
                required
                maxLength={254}
                defaultValue={state.typedEmail}
                aria-invalid={state.error ? true : undefined}
                aria-describedby={state.error ? 'follow-email-error' : undefined}
                className="field-input"
              />
            </div>
            <button type="submit" name="intent" value="follow" className="btn-primary">
              {all ? 'Follow all guides' : 'Follow'}
            </button>
          </form>
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            Signed in? You follow in one click and see what you follow on{' '}
            <Link href="/account#follows" prefetch={false} className="underline">
              your account
            </Link>
            .
          </p>
        </>
      )}
    </section>
  );
}

function SignedInFollow({ guide, what }: { guide: string; what: string }) {
  return (
    <>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{what}</p>
      <form method="post" action="/api/follow" className="mt-4">
        <input type="hidden" name="guide" value={guide} />
        <button type="submit" name="intent" value="follow" className="btn-primary">
          {guide === '*' ? 'Follow all guides' : 'Follow this guide'}
        </button>
      </form>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/account#follows" prefetch={false} className="underline">
          What you follow
        </Link>{' '}
        (on your account, where you can unfollow).
      </p>
    </>
  );
}
