// Becoming a member the way a person does: sign in, join, pay on the (stand-in) Stripe Checkout.
import { expect, type Page } from '@playwright/test';
import { signIn } from './auth';

export async function payOnCheckout(page: Page, cardNumber = '4242 4242 4242 4242') {
  await expect(page.getByText(/test mode/i).first()).toBeVisible();
  await page.getByLabel('Card number').fill(cardNumber);
  await page.getByRole('button', { name: /pay and subscribe/i }).click();
}

/** Signs `email` in and makes them a paying member; ends on the welcome page. */
export async function becomeMember(page: Page, email: string): Promise<void> {
  await signIn(page, email, '/club');
  await page.goto('/club/join');
  await page.getByRole('button', { name: 'Continue to secure payment' }).click();
  await payOnCheckout(page);
  await expect(page.getByRole('heading', { name: /welcome to the sojoourn club/i })).toBeVisible();
}
