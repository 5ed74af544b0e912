// /partners/partirassur, shared by app/(site)/partners/partirassur and its prerendered reader copy.
// Nothing on it depends on the viewer; the (site) layout renders the signed-in header.
import type { Metadata } from 'next';
import Link from 'next/link';
import { partners } from '@/lib/config';
import { pageMetadata } from '@/lib/platform/seo';
import type { PageProps } from './page-props';

export const partirAssurMetadata: Metadata = pageMetadata({
  title: 'Health insurance for stays in France of less than 3 months',
  description:
    'Staying in France for less than 3 months? What covers you (EHIC, GHIC or private insurance), the Schengen visa insurance rule, and our insurance partner PartirAssur.',
  path: '/partners/partirassur',
});

const partner = partners.partirassur;
const linkClass = 'font-semibold text-brand-700 underline dark:text-brand-100';

// Facts from the health-insurance fact sheet (service-public F34308/F17760/F34441, Your Europe,
// EU Visa Code art. 15). Nothing here describes PartirAssur's products, prices or discounts.
export function PartirAssurPage(_props: PageProps) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-100">
        Insurance partner
      </p>
      <h1 className="mt-2 font-serif text-4xl font-bold md:text-5xl">
        Health insurance for stays in France of less than 3 months
      </h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        If you are not working in France and stay for less than 3 months, you cannot join French
        public health insurance: it requires proof of more than 3 months of stable residence. Your
        cover has to come from somewhere else.
      </p>

      <aside
        aria-labelledby="disclosure-title"
        className="mt-8 rounded-xl border-l-4 border-amber-400 bg-amber-50 px-5 py-4 text-slate-900 dark:border-amber-600 dark:bg-amber-950/40 dark:text-slate-100"
      >
        <h2 id="disclosure-title" className="font-semibold">
          Disclosure: this is a referral
        </h2>
        <p className="mt-1">
          Sojoourn refers readers to {partner.name}, and may receive a benefit when you take out
          cover through our link. Sojoourn is not an insurer: any contract is between you and the
          insurer you choose. Whichever insurer that is, check the policy against the questions
          below.
        </p>
      </aside>

      <section aria-labelledby="what-covers-you" className="mt-10">
        <h2 id="what-covers-you" className="font-serif text-2xl font-bold">
          What covers you during a short stay
        </h2>
        <ul className="mt-4 list-disc space-y-2 pl-5 text-slate-700 dark:text-slate-300">
          <li>
            <strong>From the European Economic Area (EEA) or Switzerland:</strong> the European
            Health Insurance Card (EHIC) issued by your own country.
          </li>
          <li>
            <strong>From the United Kingdom:</strong> your UK Global Health Insurance Card (GHIC).
          </li>
          <li>
            <strong>From anywhere else:</strong> private health insurance.
          </li>
        </ul>
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          The EHIC is not travel insurance. It covers medically necessary care on the same terms as
          people insured locally, but not private care, planned treatment, repatriation or rescue.
          If you want cover for those, you need a private policy as well.
        </p>
      </section>

      <section aria-labelledby="visa" className="mt-10">
        <h2 id="visa" className="font-serif text-2xl font-bold">
          If you need a Schengen short-stay visa
        </h2>
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          The visa requires travel medical insurance that:
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
          <li>covers at least €30,000;</li>
          <li>includes repatriation, urgent medical care and emergency hospital treatment;</li>
          <li>is valid across the whole Schengen area;</li>
          <li>lasts for the whole of your stay.</li>
        </ul>
      </section>

      <section aria-labelledby="what-to-look-for" className="mt-10">
        <h2 id="what-to-look-for" className="font-serif text-2xl font-bold">
          What to look for in a policy
        </h2>
        <ul className="mt-4 list-disc space-y-2 pl-5 text-slate-700 dark:text-slate-300">
          <li>
            <strong>Dates:</strong> does it cover every day of your stay, from arrival to departure?
          </li>
          <li>
            <strong>Territory:</strong> does it cover France, and the rest of the Schengen area if
            you need a visa or plan to travel on?
          </li>
          <li>
            <strong>Amount:</strong> if you need a visa, is medical cover at least €30,000?
          </li>
          <li>
            <strong>What is included:</strong> repatriation, urgent care and emergency hospital
            treatment?
          </li>
          <li>
            <strong>Exclusions:</strong> what does the policy leave out?
          </li>
          <li>
            <strong>Proof:</strong> if you apply for a visa, can you get the certificate you need?
          </li>
        </ul>
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          Our guide to{' '}
          <Link href="/guides/health-cover-short-stays-france" className={linkClass}>
            health cover for stays of less than 3 months
          </Link>{' '}
          explains each option in detail.
        </p>
      </section>

      <section
        aria-labelledby="about-partner"
        className="mt-10 rounded-2xl border border-slate-200 p-6 shadow-sm dark:border-slate-800"
      >
        <h2 id="about-partner" className="font-serif text-2xl font-bold">
          About {partner.name}
        </h2>
        <p className="mt-3 text-slate-700 dark:text-slate-300">{partner.description}</p>
        {/* A plain link, not next/link: a prefetch must never count as a click. */}
        <a href={`/go/${partner.id}`} rel="sponsored noopener" className="btn-primary mt-6">
          Visit {partner.name}
          <span className="sr-only">
            {' '}
            (partner website; Sojoourn may receive a referral benefit)
          </span>
        </a>
      </section>

      <section aria-labelledby="staying-longer" className="mt-10">
        <h2 id="staying-longer" className="font-serif text-2xl font-bold">
          Staying longer, or working in France?
        </h2>
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          Work in France, or settle here for more than 3 months, and you can join French public
          health insurance: our{' '}
          <Link href="/guides/carte-vitale" className={linkClass}>
            Carte Vitale guide
          </Link>{' '}
          explains how. If you would like a hand with the paperwork,{' '}
          <Link href="/contact" className={linkClass}>
            ask us for a free quote
          </Link>
          .
        </p>
      </section>
    </div>
  );
}
