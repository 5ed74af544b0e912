// Following guides (issue 23): what a follow request may hold, client-safe. A follow names one
// guide by its slug or every guide ('*', new ones included). Addresses are lower-cased and capped.
import { emailAddress } from '../forms/email-address';
import * as z from '../forms/zod';

/** "Follow all guides": every guide, and each new guide when it is first published. */
export const ALL_GUIDES = '*';

/** A guide's slug as content uses them, or '*'. Whether the slug exists is checked on the server. */
export const followTarget = z
  .string()
  .trim()
  .max(100)
  .regex(/^(\*|[a-z0-9]+(?:-[a-z0-9]+)*)$/, 'Choose a guide to follow.');

export const followerAddress = emailAddress
  .transform((value) => value.normalize('NFKC').toLowerCase())
  .refine((value) => !/[,;\s"<>]/.test(value), 'Enter one e-mail address.');

/** The reader's form: an address and what to follow. */
export const followRequest = z.object({
  email: followerAddress,
  guide: followTarget,
});
export type FollowRequestInput = z.infer<typeof followRequest>;

/** A follow form posts little: an address, a slug and an intent. */
export const FOLLOW_BODY_MAX_BYTES = 2048;

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 48 * 3600_000;
/** Asking again for the same address within this sends no second confirmation e-mail. */
export const CONFIRMATION_RESEND_AFTER_MS = 3600_000;

/** The token in links (confirmation: random; manage/unfollow: signed follower id). */
export const confirmationToken = z
  .string()
  .max(100)
  .regex(/^[\w-]{43}$/);
export const MANAGE_TOKEN_PATTERN = /^[0-9a-f-]{36}\.[\w-]{43}$/;
export const manageToken = z.string().max(100).regex(MANAGE_TOKEN_PATTERN);

/** The messages a reader sees on the follow page, by outcome (never whether an address is known). */
export const FOLLOW_MESSAGES = {
  sent: 'Check your inbox: if this address can receive our e-mail, a link to confirm is on its way. Nothing is sent to it until you confirm. If nothing arrives, check your spam folder; asking again within the hour sends no second e-mail.',
  'invalid-email': 'Check your e-mail address: it should look like name@example.com.',
  'unknown-guide': 'That guide does not exist (any more). Choose a guide from the list of guides.',
  limited: 'Too many follow requests just now. Please try again in an hour.',
  'confirm-invalid':
    'This confirmation link is not valid or has expired. Ask to follow the guide again to get a new one.',
  'manage-invalid': 'This link is not valid (you may already have unfollowed everything).',
} as const;
export type FollowMessage = keyof typeof FOLLOW_MESSAGES;

/**
 * The follow block's state: a reader's form, or a signed-in person's one-click button. Neither
 * says who is looking or what they follow: the block is part of pages kept for many people (the
 * reader copies, the members' edition of a guide).
 */
export type FollowState =
  { kind: 'reader'; typedEmail?: string; error?: string } | { kind: 'signed-in' };
