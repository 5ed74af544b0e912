import Link from 'next/link';
import { site } from '@/lib/config';

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t print:hidden border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 md:grid-cols-2">
        <div>
          <p className="font-serif text-xl font-bold text-brand-800 dark:text-brand-100">
            {site.name}
          </p>
          <p className="mt-2 max-w-sm text-sm text-slate-700 dark:text-slate-300">
            {site.description}
          </p>
          <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">
            Our guides are general information, dated and reviewed, with links to the official
            pages. They are not legal advice.
          </p>
        </div>
        <nav aria-label="Footer">
          <ul className="grid grid-cols-2 gap-2 text-sm">
            {site.footerNav.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  prefetch={false}
                  className="text-slate-700 hover:text-brand-700 dark:text-slate-300 dark:hover:text-brand-100"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
