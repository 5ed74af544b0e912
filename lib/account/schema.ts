// What the account forms may send, and the state they show. Client-safe: the server actions
// validate with it and the client forms read its labels.
import * as z from '../forms/zod';
import { emailAddress } from '../forms/email-address';
import type { FormState } from '../forms/state';

/** What a member types to confirm the deletion of their account. */
export const DELETE_CONFIRMATION = 'DELETE';

export const deleteAccountInput = z.strictObject({
  confirmation: z
    .string({ error: `Type ${DELETE_CONFIRMATION} to confirm.` })
    .trim()
    .max(50, `Type ${DELETE_CONFIRMATION} to confirm.`)
    .refine((value) => value === DELETE_CONFIRMATION, {
      message: `Type ${DELETE_CONFIRMATION}, in capital letters, to confirm.`,
    }),
});

export const emailChangeInput = z.strictObject({
  email: emailAddress.transform((value) => value.toLowerCase()),
});

/** The token in a confirmation link: 32 random bytes, base64url. */
export const emailChangeToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Unknown link.');

/** A refusal because the session's sign-in is not recent: the form offers a sign-in link. */
interface NeedsRecentSignIn {
  needsRecentSignIn?: boolean;
}

export type DeleteAccountField = 'confirmation';
export interface DeleteAccountState
  extends FormState<DeleteAccountField, Record<DeleteAccountField, string>>, NeedsRecentSignIn {}
export const initialDeleteAccountState: DeleteAccountState = {
  status: 'idle',
  values: { confirmation: '' },
  fieldErrors: {},
  formError: null,
};

export type EmailChangeField = 'email';
export interface EmailChangeState
  extends FormState<EmailChangeField, Record<EmailChangeField, string>>, NeedsRecentSignIn {
  /** After a successful request: where the confirmation link went. */
  sentTo?: string;
}
export const initialEmailChangeState: EmailChangeState = {
  status: 'idle',
  values: { email: '' },
  fieldErrors: {},
  formError: null,
};
