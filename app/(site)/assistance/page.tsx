import type { Metadata } from 'next';
import Link from 'next/link';
import { AssistanceForm } from '@/components/AssistanceForm';
import { LockIcon } from '@/components/LockIcon';
import { MembersGate } from '@/components/MembersGate';
import { audienceOf, canRequestAssistance } from '@/lib/access';
import { ASSISTANCE_TOPICS } from '@/lib/assistance/schema';
import { getViewer } from '@/lib/auth/viewer';
import { getClubPrice } from '@/lib/billing/price';
import { assistanceDraft } from '@/lib/file/draft';
import { ownFile } from '@/lib/file/service';
import { queryValue } from '@/lib/forms/query';
import { pageMetadata } from '@/lib/platform/seo';

export const metadata: Metadata = pageMetadata({
  title: 'Personalised assistance',
  description:
    'Sojoourn Club members describe their situation and an advisor answers by e-mail or phone, in English or French.',
  path: '/assistance',
});

/**
 * What personalised assistance is, for everyone; the request form for members only. Others get the
 * call to action that fits them (sign in or join, join, or update your card). Rendered per request
 * for everyone (no reader copy): the form is for members only.
 */
export default async function AssistancePage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const viewer = await getViewer();
  const audience = audienceOf(viewer);
  const priceLabel = audience === 'user' ? ((await getClubPrice())?.label ?? null) : null;
  const canRequest = canRequestAssistance(viewer);
  // "Ask an advisor" from the member's Carte Vitale file: the request starts with the file's state,
  // read here from the viewer's own file (nothing of it travels in the address).
  const own =
    canRequest && queryValue((await searchParams).from, 10) === 'file'
      ? await ownFile(viewer)
      : null;
  const draft =
    own?.kind === 'file' && own.canWrite
      ? { topic: 'health-insurance', description: assistanceDraft(own.file) }
      : undefined;
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-100">
        Sojoourn Club
      </p>
      <h1 className="mt-2 font-serif text-4xl font-bold">Personalised assistance</h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        Stuck on a French procedure? Describe your situation and a Sojoourn advisor answers you by
        e-mail or phone, in English or French. Personalised assistance is included in the Sojoourn
        Club membership.
      </p>

      <section aria-labelledby="how-it-works" className="mt-8">
        <h2 id="how-it-works" className="font-serif text-2xl font-bold">
          How it works
        </h2>
        <ol className="mt-3 list-decimal space-y-2 pl-6 text-slate-700 dark:text-slate-300">
          <li>
            Choose a topic —{' '}
            {Object.values(ASSISTANCE_TOPICS)
              .map((label) => label.toLowerCase())
              .join(', ')}{' '}
            — and tell us where you are stuck.
          </li>
          <li>Say how you would like us to contact you, and in which language.</li>
          <li>
            An advisor gets back to you. You can follow each request’s status on your account page.
          </li>
        </ol>
      </section>

      {canRequest ? (
        <section aria-labelledby="request-title" className="mt-10">
          <h2 id="request-title" className="font-serif text-2xl font-bold">
            Ask for assistance
          </h2>
          <p className="mt-2 mb-6 text-slate-700 dark:text-slate-300">
            Your earlier requests and their status are on{' '}
            <Link
              href="/account#assistance-requests"
              className="text-brand-700 underline dark:text-brand-100"
            >
              your account
            </Link>
            .
          </p>
          <AssistanceForm initial={draft} />
        </section>
      ) : audience === 'member' || audience === 'staff' ? null : (
        <section
          id="assistance-gate"
          aria-labelledby="assistance-gate-title"
          className="mt-10 rounded-2xl border border-amber-300 bg-amber-50/60 p-6 dark:border-amber-700 dark:bg-amber-950/30"
          data-members-section="locked"
        >
          <h2 id="assistance-gate-title" className="font-serif text-2xl font-bold">
            <LockIcon />A benefit for Sojoourn Club members
          </h2>
          <MembersGate
            audience={audience}
            returnTo="/assistance"
            priceLabel={priceLabel}
            what="Personalised assistance"
            joinReason="Join to ask an advisor about your situation, along with every other member benefit."
          />
        </section>
      )}
    </div>
  );
}
