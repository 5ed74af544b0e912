// What both lists of the staff desk share: the section with its filter, count, rows and pager. The
// lists differ in what a row says and in their statuses.
import { InboxFilterForm } from './InboxFilterForm';
import { InboxPager } from './InboxPager';
import { InboxRows, type InboxRow } from './InboxRows';
import { countText, emptyListText } from './inbox-text';
import {
  inboxFilterParams,
  inboxPage,
  type InboxCursor,
  type InboxFilters,
} from '@/lib/inbox/schema';

const LISTS = {
  assistance: { prefix: 'a', other: 'quote', otherPrefix: 'q' },
  quote: { prefix: 'q', other: 'assistance', otherPrefix: 'a' },
} as const;

/** `rows`: one page and one more (INBOX_PAGE_SIZE + 1), so the list knows older ones exist. */
export function InboxList<Row extends InboxCursor>({
  list,
  rows,
  filters,
  title,
  label,
  none,
  countNote,
  className,
  rowOf,
  action,
  statuses,
}: {
  list: keyof typeof LISTS;
  rows: Row[];
  filters: InboxFilters;
  title: string;
  /** What the list holds: "assistance requests". */
  label: string;
  /** What an empty, unfiltered list says. */
  none: string;
  /** Said after the count. */
  countNote?: string;
  className: string;
  /** What a row shows (InboxRows renders it). */
  rowOf: (row: Row) => InboxRow;
  /** The rows' status form: its action and the statuses it offers. */
  action: (formData: FormData) => Promise<void>;
  statuses: Readonly<Record<string, string>>;
}) {
  const { prefix, other, otherPrefix } = LISTS[list];
  const page = inboxPage(rows);
  const shown = page.shown;
  // The other list's filter, kept as it is when this one changes.
  const keep = {
    [`${otherPrefix}status`]: filters[other].status,
    [`${otherPrefix}q`]: filters[other].search,
  };
  return (
    <section aria-labelledby={`${list}-inbox-title`} className={className}>
      <h2 id={`${list}-inbox-title`} className="font-serif text-2xl font-bold">
        {title}
      </h2>
      <InboxFilterForm
        prefix={prefix}
        label={`Filter ${label}`}
        filter={filters[list]}
        keep={keep}
      />
      <p className="mt-3 text-slate-700 dark:text-slate-300" data-testid={`${list}-count`}>
        {countText(shown.length, page.more, filters[list])}
        {countNote ? ` ${countNote}` : null}
      </p>
      {shown.length ? (
        <InboxRows
          kind={list}
          rows={shown.map(rowOf)}
          action={action}
          statuses={statuses}
          kept={inboxFilterParams(filters)}
        />
      ) : (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          {emptyListText(filters[list], none)}
        </p>
      )}
      <InboxPager
        filters={filters}
        list={list}
        label={label}
        lastShown={shown.at(-1)}
        more={page.more}
      />
    </section>
  );
}
