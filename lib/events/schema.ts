// What an event registration post may hold. Client-safe.
import * as z from '../forms/zod';

export const REGISTRATION_STATUSES = {
  going: 'Registered',
  waiting: 'On the waiting list',
} as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

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
