import type { Metadata } from 'next';
import Link from 'next/link';
import { lookup, queryValue } from '@/lib/forms/query';

export const metadata: Metadata = {
  title: 'Stop the reminders of your Carte Vitale file',
  robots: { index: false },
};

const ERRORS: Record<string, string> = {
  invalid:
    'This link is not valid. Open the link from your latest reminder, or turn reminders off with the switch on your file page.',
  expired:
    'This link has expired. Turn reminders off with the switch on your file page, or open the link from your latest reminder.',
  'not-one-click': 'The reminders were not stopped. Please press the button again.',
  limited: 'Too many requests came from your network just now. Please try again in a few minutes.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where a reminder's stop link lands. A button, so that a mail scanner opening the link changes
 * nothing: it posts `List-Unsubscribe=One-Click` to the same endpoint as mail clients' one-click
 * stop (RFC 8058), with no sign-in (the signed token in the link is the proof).
 */
export default async function StopRemindersPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const token = queryValue(query.token, 200) ?? '';
  const errorText = lookup(ERRORS, queryValue(query.error));
  const done = queryValue(query.done) === '1';
  const backOn = (
    <p className="mt-4 text-slate-700 dark:text-slate-300">
      To get them again, turn on the reminders switch on{' '}
      <Link href="/account/file" className="underline">
        your file page
      </Link>{' '}
      (you sign in first).
    </p>
  );
  return (
    <div className="mx-auto max-w-xl px-4 py-12">
      <h1 className="font-serif text-4xl font-bold">Reminders of your Carte Vitale file</h1>
      {done ? (
        <>
          <p className="mt-6 text-slate-700 dark:text-slate-300" role="status">
            Done: we will send no more reminders about overdue steps of your file.
          </p>
          {backOn}
        </>
      ) : errorText ? (
        <>
          <div
            role="alert"
            className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
          >
            {errorText}
          </div>
          <p className="mt-6">
            <Link href="/account/file" className="btn-primary">
              Open your file
            </Link>
          </p>
        </>
      ) : token ? (
        <form
          method="post"
          action={`/api/reminders/stop?token=${encodeURIComponent(token)}`}
          className="mt-6"
        >
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <input type="hidden" name="from" value="page" />
          <p className="text-slate-700 dark:text-slate-300">
            We e-mail you when a step of your file is later than expected: at most one every 14
            days, and 3 per step. Press the button to stop them.
          </p>
          <button type="submit" className="btn-primary mt-4">
            Stop the reminders
          </button>
          {backOn}
        </form>
      ) : (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          Open the link at the end of a reminder e-mail, or use the reminders switch on{' '}
          <Link href="/account/file" className="underline">
            your file page
          </Link>
          .
        </p>
      )}
    </div>
  );
}
