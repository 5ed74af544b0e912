'use server';
// Register for an event / cancel: plain form posts from the event page. lib/events/service checks
// lib/access again, so a forged post from a non-member registers nobody.
import { redirect } from 'next/navigation';
import { registrationInput } from './schema';
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

export async function cancelRegistrationAction(formData: FormData): Promise<void> {
  const slug = slugFrom(formData);
  if (!slug) redirect('/events');
  const viewer = await getViewer();
  if (viewer.kind === 'reader')
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/events/${slug}`)}`);
  const result = await cancelRegistration(viewer, slug);
  redirect(
    `/events/${slug}?registration=${result === 'cancelled' ? 'cancelled' : 'none'}#registration`,
  );
}
