'use server';

import { redirect } from 'next/navigation';
import { billingPortalUrl, startCheckout } from '@/lib/billing';
import { getViewer } from '@/lib/auth/viewer';
import { safeReturnPath } from '@/lib/platform/site-url';

function returnPathFrom(formData: FormData, fallback: string): string {
  const raw = formData.get('returnTo');
  return safeReturnPath(typeof raw === 'string' ? raw.slice(0, 500) : null, fallback);
}

/** Join: signed-in people go to Stripe Checkout; members are sent to their account instead. */
export async function joinClub(formData: FormData): Promise<void> {
  const returnTo = returnPathFrom(formData, '/club');
  const viewer = await getViewer();
  if (viewer.kind === 'reader') {
    redirect(
      `/signin?callbackUrl=${encodeURIComponent(`/club/join?returnTo=${encodeURIComponent(returnTo)}`)}`,
    );
  }
  let result;
  try {
    result = await startCheckout(viewer, returnTo);
  } catch (error) {
    console.error('[billing] checkout could not start:', error);
    redirect(`/club/join?error=checkout&returnTo=${encodeURIComponent(returnTo)}`);
  }
  if (result.kind === 'already-member') redirect('/account?notice=already-member');
  if (result.kind === 'rate-limited') {
    redirect(`/club/join?error=busy&returnTo=${encodeURIComponent(returnTo)}`);
  }
  redirect(result.url);
}

/** "Manage billing" / "Update your card": a Stripe Customer Portal session. */
export async function openBillingPortal(formData: FormData): Promise<void> {
  const returnTo = returnPathFrom(formData, '/account');
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect(`/signin?callbackUrl=${encodeURIComponent('/account')}`);
  let url: string | null;
  try {
    url = await billingPortalUrl(viewer, returnTo);
  } catch (error) {
    console.error('[billing] portal could not open:', error);
    redirect('/account?notice=portal-error');
  }
  if (!url) redirect('/club');
  redirect(url);
}
