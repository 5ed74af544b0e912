import type { ReactNode } from 'react';
import type { CalloutKind } from '@/lib/content/components';

// One style per kind of the registry (lib/content/components.ts): a kind added there needs one here.
const STYLES: Record<CalloutKind, { label: string; className: string }> = {
  info: {
    label: 'Good to know',
    className: 'border-sky-300 bg-sky-50 dark:border-sky-700 dark:bg-sky-950/40',
  },
  tip: {
    label: 'Tip',
    className: 'border-emerald-300 bg-emerald-50 dark:border-emerald-700 dark:bg-emerald-950/40',
  },
  warning: {
    label: 'Watch out',
    className: 'border-amber-400 bg-amber-50 dark:border-amber-600 dark:bg-amber-950/40',
  },
};

export function Callout({
  kind = 'info',
  title,
  children,
}: {
  kind?: CalloutKind;
  title?: string;
  children?: ReactNode;
}) {
  const style = STYLES[kind] ?? STYLES.info;
  return (
    <aside
      className={`my-6 rounded-xl border-l-4 px-5 py-1 ${style.className}`}
      aria-label={title ?? style.label}
    >
      {/* The default label is not the guide's words: kept out of search excerpts. */}
      <p className="font-semibold" data-pagefind-ignore={title ? undefined : ''}>
        {title ?? style.label}
      </p>
      {children}
    </aside>
  );
}
