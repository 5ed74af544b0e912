'use server';

import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { after } from 'next/server';
import { handleContactSubmission, newContactFormToken } from '@/lib/contact/submit';
import {
  contactFormDataToObject,
  contactValuesFrom,
  type ContactFormState,
} from '@/lib/contact/schema';
import {
  CONTACT_REFERENCE_COOKIE,
  CONTACT_REFERENCE_MAX_AGE_S,
  sealReference,
} from '@/lib/contact/reference';
import { changeContactStatus } from '@/lib/contact/service';
import { isStaff } from '@/lib/access';
import { getViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db';
import {
  inboxAddress,
  inboxFiltersFromForm,
  requestStatusUpdate,
  statusChangeAddress,
} from '@/lib/inbox/schema';
import { authSecret } from '@/lib/platform/env';
import { clientIp } from '@/lib/platform/rate-limit';
import { siteUrl } from '@/lib/platform/site-url';

/**
 * The free-quote form (with or without JavaScript). Success, or a robot, ends on the thank-you;
 * a stored request's reference goes with it in a short-lived cookie (./reference.ts).
 */
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
    const reference =
      outcome.kind === 'accepted'
        ? outcome.request.id
        : outcome.reason === 'duplicate'
          ? outcome.reference
          : null;
    if (reference) {
      (await cookies()).set(CONTACT_REFERENCE_COOKIE, sealReference(reference, authSecret()), {
        httpOnly: true,
        sameSite: 'lax',
        secure: siteUrl().startsWith('https:'),
        path: '/contact/thanks',
        maxAge: CONTACT_REFERENCE_MAX_AGE_S,
      });
    }
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

/** Staff change a free-quote request's status from the inbox (a plain form post). */
export async function updateContactStatus(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  if (!isStaff(viewer)) notFound();
  const parsed = requestStatusUpdate.safeParse({
    id: formData.get('id'),
    status: formData.get('status'),
  });
  // Back to the inbox as staff had filtered it (or to the request's page, when sent from there).
  const filters = inboxFiltersFromForm(formData);
  if (!parsed.success) redirect(inboxAddress(filters, 'invalid'));
  const result = await changeContactStatus(viewer, parsed.data);
  if (result !== 'updated') redirect(inboxAddress(filters, 'not-found'));
  redirect(statusChangeAddress('quote', formData, 'updated', parsed.data.id));
}
