// What an event registration post may hold. Client-safe.
import * as z from '../forms/zod';

export const REGISTRATION_STATUSES = {
  going: 'Registered',
  waiting: 'On the waiting list',
} as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

/** Attendees per page of the staff's list on an event page (like the inbox's INBOX_PAGE_SIZE). */
export const ATTENDEE_PAGE_SIZE = 50;

/** Where the staff's list of attendees continues: after this registration (oldest first). */
export interface AttendeeCursor {
  createdAt: string;
  id: string;
}
const ATTENDEE_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)_([0-9a-f-]{36})$/;

/** `?attendees=<time>_<id>` as a cursor; anything else (missing, repeated, malformed): the start. */
export function attendeeCursorFrom(value: unknown): AttendeeCursor | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof first !== 'string' || first.length > 80) return undefined;
  const match = ATTENDEE_CURSOR.exec(first);
  return match ? { createdAt: match[1]!, id: match[2]! } : undefined;
}

/** The event page with the staff's list of attendees moved on to `after` (none: its start). */
export function attendeesAddress(slug: string, after?: AttendeeCursor): string {
  const query = after ? `?attendees=${encodeURIComponent(`${after.createdAt}_${after.id}`)}` : '';
  return `/events/${slug}${query}#attendees`;
}

/** The event a member registers for or cancels: a content slug, nothing else. */
export const registrationInput = z.strictObject({
  slug: z
    .string({ error: 'Unknown event.' })
    .max(100, 'Unknown event.')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Unknown event.'),
});
export type RegistrationInput = z.output<typeof registrationInput>;

/** The member's pages, besides the event page, that hold a cancel form: the answer is shown there. */
export const cancelSource = z.enum(['club', 'account']);
