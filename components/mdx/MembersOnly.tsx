import type { ReactNode } from 'react';
import { audienceOf, type Viewer } from '@/lib/access';
import { MembersGate } from '../MembersGate';
import { LockIcon } from '../LockIcon';

export interface MembersOnlyProps {
  id: string;
  title: string;
  teaser: string;
  children?: ReactNode;
}

/**
 * A members' section inside MDX. Server component: for a viewer who may not read it, only the
 * title, the teaser and a call to action are rendered — `children` is never rendered or sent.
 */
export function MembersOnly({
  id,
  title,
  teaser,
  children,
  viewer,
  pagePath,
  priceLabel,
}: MembersOnlyProps & { viewer: Viewer; pagePath: string; priceLabel?: string | null }) {
  const audience = audienceOf(viewer);
  const headingId = `${id}-title`;
  const badge = (
    <p className="not-prose mb-2 inline-flex items-center gap-1 rounded-full bg-amber-100 px-3 py-1 text-xs font-semibold uppercase tracking-wide text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
      <span aria-hidden="true">★</span> Sojoourn Club
    </p>
  );
  if (audience === 'member' || audience === 'staff') {
    return (
      <section
        id={id}
        aria-labelledby={headingId}
        className="my-10 rounded-2xl border border-amber-300 bg-amber-50/60 px-6 py-2 dark:border-amber-700 dark:bg-amber-950/30"
        data-members-section="open"
        data-pagefind-ignore="all"
      >
        <div className="pt-4">{badge}</div>
        <h2 id={headingId} className="mt-0">
          {title}
        </h2>
        {children}
      </section>
    );
  }
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className="not-prose my-10 rounded-2xl border border-amber-300 bg-amber-50/60 p-6 dark:border-amber-700 dark:bg-amber-950/30"
      data-members-section="locked"
      data-pagefind-ignore="all"
    >
      {badge}
      <h2
        id={headingId}
        className="font-serif text-2xl font-bold text-slate-900 dark:text-slate-50"
      >
        <LockIcon />
        {title}
      </h2>
      <p className="mt-2 text-slate-800 dark:text-slate-200">{teaser}</p>
      <MembersGate audience={audience} returnTo={`${pagePath}#${id}`} priceLabel={priceLabel} />
    </section>
  );
}
