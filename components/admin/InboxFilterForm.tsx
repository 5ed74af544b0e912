// The status filter and the name/e-mail search of one inbox list: a plain GET form, so the
// address holds the filter (shareable, works without JavaScript). The other list's filter is kept.
import { REQUEST_STATUSES, SEARCH_MAX, type InboxFilter } from '@/lib/inbox/schema';

export function InboxFilterForm({
  prefix,
  label,
  filter,
  keep,
}: {
  /** 'a' (assistance) or 'q' (quotes): the parameters are `${prefix}status` and `${prefix}q`. */
  prefix: 'a' | 'q';
  label: string;
  filter: InboxFilter;
  /** The other list's parameters, kept as they are. */
  keep: Record<string, string | undefined>;
}) {
  return (
    <form
      method="get"
      action="/admin"
      role="search"
      aria-label={label}
      className="mt-4 flex flex-wrap items-end gap-3"
    >
      {Object.entries(keep).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <div>
        <label htmlFor={`${prefix}-status-filter`} className="field-label">
          Status
        </label>
        <select
          id={`${prefix}-status-filter`}
          name={`${prefix}status`}
          defaultValue={filter.status ?? ''}
          className="field-input"
        >
          <option value="">All statuses</option>
          {Object.entries(REQUEST_STATUSES).map(([id, text]) => (
            <option key={id} value={id}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${prefix}-search`} className="field-label">
          Name or e-mail
        </label>
        <input
          id={`${prefix}-search`}
          name={`${prefix}q`}
          type="search"
          maxLength={SEARCH_MAX}
          defaultValue={filter.search ?? ''}
          className="field-input"
        />
      </div>
      <button type="submit" className="btn-secondary">
        Filter
      </button>
    </form>
  );
}
