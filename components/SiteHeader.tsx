import Link from 'next/link';
import { canReadMembersContent, type Viewer } from '@/lib/access';
import { site } from '@/lib/config';
import { PageEnhancements } from './PageEnhancements';
import { SearchBox } from './search/SearchBox';

export function SiteHeader({ viewer }: { viewer: Viewer }) {
  // Members' nav names their club home; the same for every member (no name, no address).
  const member = canReadMembersContent(viewer);
  const nav = site.nav.map((item) => ({
    href: item.href,
    label: member && 'memberLabel' in item ? item.memberLabel : item.label,
  }));
  const account =
    viewer.kind === 'reader' ? (
      <>
        {/* A plain <a>: lib/enhance/page-enhancements.ts rewrites its href at click time (back to this page and
            section), which <Link> would not follow. The rule sees every path as a page since
            app/(site)/[...missing] catches unknown addresses. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a
          href="/signin"
          data-signin-link=""
          className="text-sm font-medium text-slate-700 hover:text-brand-700 dark:text-slate-200 dark:hover:text-brand-100"
        >
          Sign in
        </a>
        <Link href="/club" className="btn-primary py-2">
          Join the club
        </Link>
      </>
    ) : (
      <>
        {/* Not the address: a member's guide is one edition for every member
            (lib/content/editions.ts); the account page shows who is signed in. */}
        <Link
          href="/account"
          aria-label="Your account"
          className="text-sm font-medium text-slate-700 hover:text-brand-700 dark:text-slate-200"
        >
          Account
        </Link>
        {viewer.isStaff ? (
          <Link
            href="/admin"
            className="text-sm font-medium text-slate-700 hover:text-brand-700 dark:text-slate-200"
          >
            Inbox
          </Link>
        ) : null}
        <Link href="/signout" className="btn-secondary py-2">
          Sign out
        </Link>
      </>
    );

  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white print:hidden dark:border-slate-800 dark:bg-slate-950">
      <PageEnhancements />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link
          href="/"
          className="font-serif text-2xl font-bold tracking-tight text-brand-800 dark:text-brand-100"
        >
          {site.name}
        </Link>
        <nav aria-label="Main" className="hidden md:block">
          <ul className="flex items-center gap-6">
            {nav.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="text-sm font-medium text-slate-700 hover:text-brand-700 dark:text-slate-200 dark:hover:text-brand-100"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="hidden items-center gap-4 md:flex">
          <SearchBox id="search-header" shortcut />
          {account}
        </div>
        {/* <details> opens and closes without JavaScript and is announced as a disclosure;
            with it, Escape or a click elsewhere closes it too (lib/enhance/page-enhancements.ts). */}
        <details className="group relative md:hidden" data-mobile-menu="">
          <summary className="btn-secondary cursor-pointer list-none py-2 [&::-webkit-details-marker]:hidden">
            <span className="group-open:hidden">Menu</span>
            <span className="hidden group-open:inline">Close</span>
          </summary>
          <div className="absolute right-0 mt-2 w-64 rounded-xl border border-slate-200 bg-white p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            <nav aria-label="Mobile">
              <ul className="space-y-3">
                {nav.map((item) => (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      prefetch={false}
                      className="block font-medium text-slate-800 dark:text-slate-100"
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <SearchBox id="search-menu" className="mt-4" fill />
            <div className="mt-4 flex flex-col gap-3 border-t border-slate-200 pt-4 dark:border-slate-700">
              {account}
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}
