// The 404 content, without a shell: each layout (site, reader, admin) already draws the header and
// footer for its viewer, and the root not-found (URLs no route matches) wraps it in one itself.
import Link from 'next/link';

export function NotFoundPage() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center">
      <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-100">
        Error 404
      </p>
      <h1 className="mt-3 font-serif text-4xl font-bold">We couldn’t find that page</h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        Unlike French administration, we won’t ask you for another form. The page may have moved, or
        the address may have a typo.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link href="/guides" className="btn-primary">
          Browse the guides
        </Link>
        <Link href="/" className="btn-secondary">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
