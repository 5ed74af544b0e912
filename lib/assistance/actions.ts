'use server';
// The assistance form (members) and the inbox's status change (staff). Both check lib/access here,
// and lib/assistance/service checks again: a forged post from anyone else changes nothing.
import { notFound, redirect } from 'next/navigation';
import {
  assistanceFieldErrors,
  assistanceRequestInput,
  assistanceStatusUpdate,
  assistanceValuesFrom,
  type AssistanceFormState,
} from './schema';
import { changeAssistanceStatus, requestAssistance } from './service';
import { canRequestAssistance, isStaff } from '../access';
import { getViewer } from '../auth/viewer';
import { inboxAddress, inboxFiltersFromForm, statusChangeAddress } from '../inbox/schema';

const NOT_A_MEMBER =
  'Personalised assistance is for Sojoourn Club members. Sign in with your member account, or join the club, to send a request.';

/** The member's request form (useActionState; also a plain POST without JavaScript). */
export async function submitAssistanceRequest(
  _previous: AssistanceFormState,
  formData: FormData,
): Promise<AssistanceFormState> {
  const values = assistanceValuesFrom(formData);
  const refused = (formError: string): AssistanceFormState => ({
    status: 'refused',
    values,
    fieldErrors: {},
    formError,
  });
  const viewer = await getViewer();
  if (!canRequestAssistance(viewer)) return refused(NOT_A_MEMBER);
  const parsed = assistanceRequestInput.safeParse(values);
  if (!parsed.success) {
    return {
      status: 'invalid',
      values,
      fieldErrors: assistanceFieldErrors(parsed.error),
      formError: 'Please check the highlighted fields.',
    };
  }
  let result;
  try {
    result = await requestAssistance(viewer, parsed.data);
  } catch (error) {
    console.error('[assistance] request could not be stored:', error);
    return refused('We could not send your request just now. Nothing was lost: please try again.');
  }
  if (result.kind === 'refused')
    return refused('Personalised assistance is for Sojoourn Club members.');
  if (result.kind === 'rate-limited') {
    return refused(
      `You have sent several requests in a short time. Please try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
    );
  }
  return {
    status: 'sent',
    values: { ...values, description: '' },
    fieldErrors: {},
    formError: null,
    sent: {
      topic: result.request.topic,
      contactMethod: result.request.contactMethod,
      language: result.request.language,
      mailDelayed: result.mailDelayed === true,
    },
  };
}

/** Staff change an assistance request's status from the inbox (a plain form post). */
export async function updateAssistanceStatus(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  if (!isStaff(viewer)) notFound();
  const parsed = assistanceStatusUpdate.safeParse({
    id: formData.get('id'),
    status: formData.get('status'),
  });
  // Back to the inbox as staff had filtered it (or to the request's page, when sent from there).
  const filters = inboxFiltersFromForm(formData);
  if (!parsed.success) redirect(inboxAddress(filters, 'invalid'));
  const result = await changeAssistanceStatus(viewer, parsed.data);
  if (result !== 'updated') redirect(inboxAddress(filters, 'not-found'));
  redirect(statusChangeAddress('assistance', formData, 'updated', parsed.data.id));
}
