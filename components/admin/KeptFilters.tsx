// A status form carries the inbox's filters, so staff land back on the list they were working.
import { inboxFilterParams, type InboxFilters } from '@/lib/inbox/schema';

export function KeptFilters({ filters }: { filters: InboxFilters }) {
  return Object.entries(inboxFilterParams(filters)).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
}
