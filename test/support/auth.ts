// Signing in the way a person does: ask for a link, read the real e-mail, open it, press the button.
import { expect, type Page } from '@playwright/test';
import { linkIn, waitForMail } from './mailbox';

/** Requests a magic link for `email` from the sign-in page and returns the link from the e-mail. */
export async function requestSignInLink(
  page: Page,
  email: string,
  callbackUrl?: string,
): Promise<string> {
  const before = (await fetchMailCount(email)) + 1;
  await page.goto(
    callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/signin',
  );
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const mail = await waitForMail(email, { subject: /sign-in link/i, count: before });
  return linkIn(mail, '/signin/confirm');
}

async function fetchMailCount(email: string): Promise<number> {
  const { mailFor } = await import('./mailbox');
  return (await mailFor(email)).filter((mail) => /sign-in link/i.test(mail.subject)).length;
}

/** Full sign-in; ends on the page the link leads back to. */
export async function signIn(page: Page, email: string, callbackUrl?: string): Promise<void> {
  const link = await requestSignInLink(page, email, callbackUrl);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
  // Signed in: the header's account link is there (it names no address).
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true }),
  ).toBeAttached();
}
