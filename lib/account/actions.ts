'use server';
// The account page's forms: change the sign-in address, confirm it, undo it, delete the account.
// Each reads the viewer (and the session, for how recent its sign-in is) itself; lib/account/
// service checks again.
import { redirect } from 'next/navigation';
import {
  deleteAccountInput,
  emailChangeInput,
  emailChangeToken,
  type DeleteAccountState,
  type EmailChangeState,
} from './schema';
import { confirmEmailChange, deleteAccount, requestEmailChange, undoEmailChange } from './service';
import { currentSession, getViewer } from '../auth/viewer';
import { fieldErrorsFrom } from '../forms/state';
import { stringFields } from '../forms/form-data';

const SIGN_IN_AGAIN =
  'For your safety, this needs a sign-in from the last 10 minutes. We can e-mail you a sign-in link to confirm it is you: it brings you back here.';

export async function requestEmailChangeAction(
  _previous: EmailChangeState,
  formData: FormData,
): Promise<EmailChangeState> {
  const values = stringFields(formData, ['email'] as const, 300);
  const refused = (formError: string): EmailChangeState => ({
    status: 'refused',
    values,
    fieldErrors: {},
    formError,
  });
  const viewer = await getViewer();
  if (viewer.kind === 'reader') return refused('Please sign in again to change your address.');
  const parsed = emailChangeInput.safeParse(values);
  if (!parsed.success) {
    return {
      status: 'invalid',
      values,
      fieldErrors: fieldErrorsFrom(parsed.error, ['email'] as const),
      formError: 'Please check the new address.',
    };
  }
  let result;
  try {
    result = await requestEmailChange(viewer, await currentSession(), parsed.data.email);
  } catch (error) {
    console.error('[account] e-mail change could not be requested:', error);
    return refused('We could not send the confirmation link just now. Please try again.');
  }
  switch (result.kind) {
    case 'same':
      return {
        status: 'invalid',
        values,
        fieldErrors: { email: 'That is already your sign-in address.' },
        formError: 'Please check the new address.',
      };
    case 'taken':
      return {
        status: 'invalid',
        values,
        fieldErrors: { email: 'That address already belongs to another Sojoourn account.' },
        formError: 'Please check the new address.',
      };
    case 'rate-limited':
      return refused(
        `You asked several times in a short while. Please try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
      );
    case 'refused':
      return refused('Please sign in again to change your address.');
    case 'sign-in-again':
      return { ...refused(SIGN_IN_AGAIN), needsRecentSignIn: true };
    case 'sent':
      return {
        status: 'sent',
        values: { email: '' },
        fieldErrors: {},
        formError: null,
        sentTo: parsed.data.email,
      };
  }
}

/** The button on /account/email/confirm (a click, so that a mail scanner's visit changes nothing). */
export async function confirmEmailChangeAction(formData: FormData): Promise<void> {
  const raw = formData.get('token');
  const token = emailChangeToken.safeParse(typeof raw === 'string' ? raw.slice(0, 100) : '');
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Faccount');
  if (!token.success) redirect('/account/email/confirm?error=invalid');
  const result = await confirmEmailChange(viewer, await currentSession(), token.data);
  if (result.kind === 'changed') redirect('/account?notice=email-changed');
  redirect(`/account/email/confirm?error=${result.kind}&token=${encodeURIComponent(token.data)}`);
}

export async function deleteAccountAction(
  _previous: DeleteAccountState,
  formData: FormData,
): Promise<DeleteAccountState> {
  const values = stringFields(formData, ['confirmation'] as const, 100);
  const refused = (formError: string): DeleteAccountState => ({
    status: 'refused',
    values,
    fieldErrors: {},
    formError,
  });
  const viewer = await getViewer();
  if (viewer.kind === 'reader') return refused('Please sign in again to delete your account.');
  const parsed = deleteAccountInput.safeParse(values);
  if (!parsed.success) {
    return {
      status: 'invalid',
      values,
      fieldErrors: fieldErrorsFrom(parsed.error, ['confirmation'] as const),
      formError: 'Your account was not deleted.',
    };
  }
  let result;
  try {
    result = await deleteAccount(viewer, await currentSession());
  } catch (error) {
    console.error('[account] deletion failed:', error);
    return refused(
      'Your account could not be deleted just now. Nothing was deleted: please try again.',
    );
  }
  if (result.kind === 'billing-failed') {
    return refused(
      'We could not reach Stripe to cancel your subscription, so nothing was deleted. Please try again in a few minutes.',
    );
  }
  if (result.kind === 'refused') return refused('Please sign in again to delete your account.');
  if (result.kind === 'sign-in-again')
    return { ...refused(SIGN_IN_AGAIN), needsRecentSignIn: true };
  // Every session is gone from the database, so this browser and every other one is signed out: a
  // cookie that names no session is treated as a reader's. The goodbye page is outside /account,
  // which sends visitors without a session to sign in.
  redirect('/account-deleted');
}

/** The button on /account-restore (a click, so that a mail scanner's visit changes nothing). */
export async function undoEmailChangeAction(formData: FormData): Promise<void> {
  const raw = formData.get('token');
  const token = emailChangeToken.safeParse(typeof raw === 'string' ? raw.slice(0, 100) : '');
  if (!token.success) redirect('/account-restore?error=invalid');
  let result;
  try {
    result = await undoEmailChange(token.data);
  } catch (error) {
    console.error('[account] undo of an e-mail change failed:', error);
    result = { kind: 'failed' } as const;
  }
  if (result.kind === 'restored') redirect('/account-restore?done=1');
  redirect(`/account-restore?error=${result.kind}&token=${encodeURIComponent(token.data)}`);
}
