import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';

export interface CheckProps {
  children?: ReactNode;
  /** Set by <Checklist>; staff do not write them. */
  listId?: string;
  index?: number;
}

/** One item of a <Checklist>: a native checkbox, so ticking works without JavaScript too. */
export function Check({ children, listId = 'checklist', index = 0 }: CheckProps) {
  const inputId = `${listId}-item-${index + 1}`;
  return (
    <li className="flex items-start gap-3 py-1.5 print:break-inside-avoid">
      <input
        type="checkbox"
        id={inputId}
        name={inputId}
        data-checklist-item={index}
        className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
      />
      <label htmlFor={inputId} className="cursor-pointer text-slate-800 dark:text-slate-200">
        {children}
      </label>
    </li>
  );
}

/**
 * A list a reader can tick off and print, for MDX:
 *   <Checklist id="documents" title="Your application file">
 *   <Check>Form cerfa 15763</Check>
 *   </Checklist>
 * Rendered on the server; the ticks are remembered in this browser only (localStorage), by
 * lib/enhance/page-enhancements.ts, which reads the list's id and nothing of its text.
 */
export function Checklist({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children?: ReactNode;
}) {
  const items = Children.toArray(children).filter(isValidElement) as ReactElement<CheckProps>[];
  return (
    <fieldset
      data-checklist={id}
      className="not-prose my-8 rounded-2xl border border-slate-200 p-6 dark:border-slate-700 print:border-slate-400"
    >
      <legend className="px-2 font-serif text-lg font-bold text-slate-900 dark:text-slate-50">
        {title}
      </legend>
      <ul className="m-0 list-none p-0">
        {items.map((item, index) => cloneElement(item, { listId: id, index, key: index }))}
      </ul>
      {/* Shown and filled by lib/enhance/page-enhancements.ts, which remembers the ticks in this
          browser (it reads the list's id and the boxes' numbers, never their text). Without
          JavaScript the boxes still tick; there is just nothing to count or clear. */}
      <div data-checklist-controls="" hidden>
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-700 dark:text-slate-300 print:hidden">
          <p className="m-0" role="status" aria-live="polite" data-checklist-status="" />
          <button type="button" className="btn-secondary py-1.5" data-checklist-action="clear">
            Clear the ticks
          </button>
          <button type="button" className="btn-secondary py-1.5" data-checklist-action="print">
            Print this list
          </button>
        </div>
      </div>
    </fieldset>
  );
}
