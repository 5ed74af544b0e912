'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { handleContactSubmission, newContactFormToken } from '@/lib/contact/submit';
import {
  contactFormDataToObject,
  contactValuesFrom,
  type ContactFormState,
} from '@/lib/contact/schema';
import { getDb } from '@/lib/db';
import { clientIp } from '@/lib/platform/rate-limit';

/** The free-quote form (with or without JavaScript). Success, or a robot, ends on the thank-you. */
export async function submitContact(
  _previous: ContactFormState,
  formData: FormData,
): Promise<ContactFormState> {
  try {
    const outcome = await handleContactSubmission(await getDb(), formData, {
      ip: clientIp(await headers()),
    });
    if (outcome.kind === 'rejected') return outcome.state;
    // The e-mails go out after the reply: a slow mail server never holds up the thank-you.
    if (outcome.kind === 'accepted') after(outcome.notify);
  } catch (error) {
    console.error('[contact] a request could not be handled:', error);
    return {
      status: 'refused',
      values: contactValuesFrom(contactFormDataToObject(formData)),
      fieldErrors: {},
      formError:
        'Sorry, something went wrong on our side and your request was not sent. Please try again in a moment: what you typed is still here.',
      formToken:
        typeof formData.get('formToken') === 'string' ? String(formData.get('formToken')) : null,
    };
  }
  redirect('/contact/thanks');
}

/** A fresh fill-time token for a form shown from a prerendered page (called when it loads). */
export async function contactFormToken(): Promise<string> {
  return newContactFormToken();
}
