import type { Metadata } from 'next';
import Link from 'next/link';
import { MemberFile } from '@/components/file/MemberFile';
import { MembersGate } from '@/components/MembersGate';
import { Notice } from '@/components/Notice';
import { audienceOf } from '@/lib/access';
import { requireSignedIn } from '@/lib/auth/viewer';
import { ownFile } from '@/lib/file/service';
import { lookup, queryValue } from '@/lib/forms/query';
import { loadPlanner } from '@/lib/planner/load';

// Personal data: rendered per request for the signed-in viewer only (private, no-store: see
// next.config.js), never indexed, never in a reader copy, the sitemap, search or the feed.
export const metadata: Metadata = { title: 'Your Carte Vitale file', robots: { index: false } };

const NOTICES: Record<string, string> = {
  created: 'Your file is started. Tick off each step as it happens.',
  updated: 'Your file follows your new route. Your dates stayed with the steps still on it.',
  'step-done': 'Step saved.',
  'step-undone': 'Step marked as not done.',
  'note-saved': 'Note saved.',
  'checklist-saved': 'Checklist saved.',
  'reminders-saved': 'Reminder setting saved.',
  'not-saved': 'Nothing was changed: your file is read-only, or the form was out of date.',
};

export default async function MemberFilePage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string | string[] }>;
}) {
  const viewer = await requireSignedIn('/account/file');
  const own = await ownFile(viewer);
  const notice = lookup(NOTICES, queryValue((await searchParams).notice));
  const audience = audienceOf(viewer);
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 print:py-0">
      <nav
        aria-label="Breadcrumb"
        className="text-sm text-slate-600 dark:text-slate-400 print:hidden"
      >
        <Link href="/account" className="hover:text-brand-700 hover:underline">
          Your account
        </Link>
        <span aria-hidden="true"> / </span>
        <span>Your Carte Vitale file</span>
      </nav>
      <h1 className="mt-4 font-serif text-4xl font-bold">Your Carte Vitale file</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {own.kind === 'file' ? (
        <>
          {!own.canWrite ? (
            <section
              aria-labelledby="read-only-title"
              className="mt-6 rounded-2xl border border-amber-300 bg-amber-50/60 p-6 dark:border-amber-700 dark:bg-amber-950/30 print:hidden"
            >
              <h2 id="read-only-title" className="font-serif text-2xl font-bold">
                Your file is read-only
              </h2>
              <p className="mt-2">
                Your membership has ended, so your file is kept as it was: you can read it and
                download it with your data, but not change it, and we send no reminders.
              </p>
              {audience === 'payment-issue' || audience === 'user' ? (
                <MembersGate
                  audience={audience}
                  returnTo="/account/file"
                  what="Keeping your file up to date"
                  joinReason="Rejoin the club to tick off your steps again, get reminders and ask an advisor about your file."
                />
              ) : null}
            </section>
          ) : null}
          <MemberFile
            file={own.file}
            canWrite={own.canWrite}
            formUrl={loadPlanner().sources['AM-NIA']?.url ?? null}
          />
        </>
      ) : (
        <section aria-labelledby="no-file-title" className="mt-8">
          <h2 id="no-file-title" className="font-serif text-2xl font-bold">
            {own.kind === 'none' && own.canStart ? 'Start your file' : 'What the file does'}
          </h2>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Your Carte Vitale file follows your own route step by step: tick off each step with its
            date, see when to expect the next one, get an e-mail when a step is late, keep your
            document checklist and private notes, and ask an advisor about your file.
          </p>
          {own.kind === 'none' && own.canStart ? (
            <Link href="/guides/carte-vitale/planner" className="btn-primary mt-4">
              Answer the planner to start your file
            </Link>
          ) : audience === 'user' || audience === 'payment-issue' ? (
            <MembersGate
              audience={audience}
              returnTo="/guides/carte-vitale/planner"
              what="The Carte Vitale file"
              joinReason="Join to keep your file, along with every other member benefit."
            />
          ) : null}
        </section>
      )}
    </div>
  );
}
