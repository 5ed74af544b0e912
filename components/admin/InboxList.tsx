// What both lists of the staff desk share: the section with its filter, count, requests and pager,
// and each request's status form. The lists differ in their cards and their statuses.
import type { ReactNode } from 'react';
import { InboxFilterForm } from './InboxFilterForm';
import { InboxPager } from './InboxPager';
import { KeptFilters } from './KeptFilters';
import { countText, emptyListText } from './inbox-text';
import {
  BACK_TO_REQUEST,
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
  card,
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
  card: (row: Row) => ReactNode;
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
        <ul className="mt-6 space-y-3">{shown.map(card)}</ul>
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

/** A request's "Change status" form: back to the list as staff had filtered it. */
export function StatusChangeForm({
  action,
  requestId,
  fieldId,
  status,
  statuses,
  filters,
  backToRequest = false,
}: {
  action: (formData: FormData) => Promise<void>;
  requestId: string;
  fieldId: string;
  status: string;
  statuses: Record<string, string>;
  filters: InboxFilters;
  /** On the request's own page: land back there, not on the inbox. */
  backToRequest?: boolean;
}) {
  return (
    <form action={action} className="mt-4 flex flex-wrap items-end gap-3">
      <input type="hidden" name="id" value={requestId} />
      {backToRequest ? <input type="hidden" name="back" value={BACK_TO_REQUEST} /> : null}
      <KeptFilters filters={filters} />
      <div>
        <label htmlFor={fieldId} className="field-label">
          Change status
        </label>
        <select id={fieldId} name="status" defaultValue={status} className="field-input">
          {Object.entries(statuses).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        Update status
      </button>
    </form>
  );
}
