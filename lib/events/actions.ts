'use server';
// Register for an event / cancel: plain form posts from the event page. lib/events/service checks
// lib/access again, so a forged post from a non-member registers nobody.
import { redirect } from 'next/navigation';
import { cancelSource, registrationInput } from './schema';
import { cancelRegistration, registerForEvent } from './service';
import { getViewer } from '../auth/viewer';

function slugFrom(formData: FormData): string | null {
  const raw = formData.get('slug');
  const parsed = registrationInput.safeParse({
    slug: typeof raw === 'string' ? raw.slice(0, 200) : '',
  });
  return parsed.success ? parsed.data.slug : null;
}

export async function registerForEventAction(formData: FormData): Promise<void> {
  const slug = slugFrom(formData);
  if (!slug) redirect('/events');
  const viewer = await getViewer();
  if (viewer.kind === 'reader')
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/events/${slug}`)}`);
  const result = await registerForEvent(viewer, slug);
  const notice =
    result.kind === 'placed'
      ? result.registration.status
      : result.kind === 'past'
        ? 'past'
        : 'refused';
  redirect(`/events/${slug}?registration=${notice}#registration`);
}

/** Where a cancel form was sent from, and so where its answer is shown. */
const CANCEL_ANSWERED_ON = {
  club: (outcome: string) => `/club?events=${outcome}#my-events`,
  account: (outcome: string) => `/account?events=${outcome}#my-events`,
} as const;

export async function cancelRegistrationAction(formData: FormData): Promise<void> {
  const slug = slugFrom(formData);
  if (!slug) redirect('/events');
  const viewer = await getViewer();
  if (viewer.kind === 'reader')
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/events/${slug}`)}`);
  const result = await cancelRegistration(viewer, slug);
  const outcome = result === 'cancelled' ? 'cancelled' : 'none';
  const from = cancelSource.safeParse(formData.get('from'));
  redirect(
    from.success
      ? CANCEL_ANSWERED_ON[from.data](outcome)
      : `/events/${slug}?registration=${outcome}#registration`,
  );
}
