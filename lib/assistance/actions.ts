'use server';

import { canRequestAssistance } from '@/lib/access';
import { requestAssistance } from '@/lib/assistance/service';
import {
  assistanceRequestInput,
  assistanceValuesFrom,
  fieldErrorsOf,
  type AssistanceFormState,
} from '@/lib/assistance/schema';
import { getViewer } from '@/lib/auth/options';

/**
 * The assistance form's action (useActionState; also a plain POST without JavaScript). Membership
 * is checked here and again in lib/assistance: a forged post from anyone else stores nothing.
 */
export async function submitAssistanceRequest(
  _previous: AssistanceFormState,
  formData: FormData,
): Promise<AssistanceFormState> {
  const values = assistanceValuesFrom(formData);
  const viewer = await getViewer();
  if (!canRequestAssistance(viewer)) {
    return {
      status: 'error',
      values,
      fieldErrors: {},
      formError:
        'Personalised assistance is for Sojoourn Club members. Sign in with your member account, or join the club, to send a request.',
    };
  }
  const parsed = assistanceRequestInput.safeParse(values);
  if (!parsed.success) {
    return {
      status: 'error',
      values,
      fieldErrors: fieldErrorsOf(parsed.error),
      formError: 'Please check the highlighted fields.',
    };
  }
  let result;
  try {
    result = await requestAssistance(viewer, parsed.data);
  } catch (error) {
    console.error('[assistance] request could not be stored:', error);
    return {
      status: 'error',
      values,
      fieldErrors: {},
      formError: 'We could not send your request just now. Nothing was lost: please try again.',
    };
  }
  if (result.kind === 'refused') {
    return {
      status: 'error',
      values,
      fieldErrors: {},
      formError: 'Personalised assistance is for Sojoourn Club members.',
    };
  }
  if (result.kind === 'rate-limited') {
    return {
      status: 'error',
      values,
      fieldErrors: {},
      formError: `You have sent several requests in a short time. Please try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
    };
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
    },
  };
}
