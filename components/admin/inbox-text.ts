// What an inbox list says above and instead of its requests (both lists of the staff desk).
import type { InboxFilter } from '@/lib/inbox/schema';

const filtered = (filter: InboxFilter) =>
  filter.status || filter.search ? ' matching the filter' : '';

/** When a list is empty: older pages, a filter that matches nothing, or no request at all. */
export function emptyListText(filter: InboxFilter, none: string): string {
  return filter.before ? 'No older requests.' : filtered(filter) ? 'No request matches.' : none;
}

/** How many requests a list shows. A full page says so: the count would otherwise read as all. */
export function countText(shown: number, more: boolean, filter: InboxFilter): string {
  const requests = `request${shown === 1 ? '' : 's'}${filtered(filter)}`;
  if (filter.before) return `${shown} older ${requests}${more ? ', and more after them' : ''}.`;
  return more
    ? `The ${shown} most recent ${requests}; older ones follow.`
    : `${shown} ${requests}, newest first.`;
}

/** The longest excerpt of a request's text that a row of the inbox shows. */
export const EXCERPT_MAX = 240;

/** A request's text cut for its row in the inbox (the whole text is on the request's page). */
export function excerpt(text: string): string {
  const chars = [...text.trim()];
  return chars.length > EXCERPT_MAX ? `${chars.slice(0, EXCERPT_MAX).join('').trimEnd()}…` : text;
}
