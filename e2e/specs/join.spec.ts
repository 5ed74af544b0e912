// Joining the Sojoourn Club through the local Stripe stand-in: from the EHIC bonus tip to paying,
// reading the tip, cancelling in the portal, keeping access until the period ends, and losing it.
import { expect, test, type Page } from '@playwright/test';
import { queryAppDb } from '../../test/support/app-db';
import { linkIn, waitForMail } from '../../test/support/mailbox';
import { becomeMember, payOnCheckout } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL, STANDIN_URL } from '../../test/support/ports';
import type { MembershipTable } from '../../lib/db/schema';
import { standin } from '../../test/support/standin';
import { SEEDED_PRICE_ID, STANDIN_SECRET_KEY } from '../../tools/stripe-standin/defaults';

const TIP_SENTENCE =
  'Play it safe and allow at least 20 days between your request and your departure.';
const TIP_PATH = '/guides/carte-vitale#ehic-bonus-tip';

type MembershipRow = Pick<
  MembershipTable,
  'subscription_id' | 'status' | 'cancel_at_period_end' | 'current_period_end'
>;

function membershipOf(email: string): MembershipRow | undefined {
  return queryAppDb<MembershipRow>(
    `SELECT m.subscription_id, m.status, m.cancel_at_period_end, m.current_period_end
       FROM membership m JOIN "User" u ON u.id = m.user_id WHERE lower(u.email) = ?`,
    email.toLowerCase(),
  )[0];
}

/** The price label the app must show, computed from the stand-in's own Price object. */
async function standinPriceLabel(): Promise<string> {
  const response = await fetch(`${STANDIN_URL}/v1/prices/${SEEDED_PRICE_ID}`, {
    headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}` },
  });
  expect(response.ok).toBe(true);
  const price = (await response.json()) as {
    unit_amount: number;
    currency: string;
    recurring: { interval: string; interval_count: number };
  };
  const amount = new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: price.currency.toUpperCase(),
  }).format(price.unit_amount / 100);
  const { interval, interval_count: count } = price.recurring;
  return `${amount} / ${count === 1 ? interval : `${count} ${interval}s`}`;
}

async function signInFromForm(page: Page, email: string) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const link = linkIn(await waitForMail(email, { subject: /sign-in link/i }), '/signin/confirm');
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
}

const tip = (page: Page) => page.locator('#ehic-bonus-tip');

test('reader → join from the EHIC tip → pay → read it → cancel → keep it → period ends → teaser', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('join');
  const priceLabel = await standinPriceLabel();

  // A reader meets the locked tip and chooses to join.
  await page.goto('/guides/carte-vitale');
  await expect(tip(page)).toHaveAttribute('data-members-section', 'locked');
  await expect(page.getByText(TIP_SENTENCE)).toHaveCount(0);
  await tip(page).getByRole('link', { name: 'Join the club' }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  // Sign in with the e-mailed link: back on the join page, with the price and where to return.
  await signInFromForm(page, email);
  await expect(page).toHaveURL(`${APP_URL}/club/join?returnTo=${encodeURIComponent(TIP_PATH)}`);
  await expect(page.getByRole('heading', { name: /join the sojoourn club/i })).toBeVisible();
  await expect(page.getByText(priceLabel).first()).toBeVisible();
  await expect(page.getByText(/test mode/i).first()).toBeVisible();

  // Pay on the stand-in's hosted checkout.
  await page.getByRole('button', { name: 'Continue to secure payment' }).click();
  await expect(page).toHaveURL(new RegExp(`^${STANDIN_URL}/checkout/`));
  await expect(page.getByText('TEST MODE', { exact: false }).first()).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await payOnCheckout(page);

  await expect(page.getByRole('heading', { name: 'Welcome to the Sojoourn Club!' })).toBeVisible();
  await page.getByRole('link', { name: 'Continue where you left off' }).click();
  await expect(page).toHaveURL(`${APP_URL}${TIP_PATH}`);
  await expect(tip(page)).toHaveAttribute('data-members-section', 'open');
  await expect(tip(page).getByText(TIP_SENTENCE)).toBeVisible();
  await expect(tip(page).getByRole('link', { name: 'Join the club' })).toHaveCount(0);

  const stored = membershipOf(email);
  expect(stored?.status).toBe('active');
  expect(stored?.cancel_at_period_end).toBe(0);

  // The account shows the membership and when it renews.
  await page.goto('/account');
  await expect(page.getByTestId('membership-status')).toHaveText('Active');
  await expect(page.getByTestId('membership-detail')).toContainText('Renews on');

  // Cancel in the portal: access stays until the end of the period.
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await expect(page).toHaveURL(new RegExp(`^${STANDIN_URL}/portal/`));
  await page.getByRole('button', { name: 'Cancel plan' }).click();
  await expect(page.getByRole('status')).toContainText('Your plan has been canceled');
  await page.getByRole('link', { name: 'Return to Sojoourn' }).click();
  await expect(page).toHaveURL(`${APP_URL}/account`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('membership-status')).toHaveText(
      'Active — cancels at the end of the period',
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId('membership-detail')).toContainText('Your access ends on');
  expect(membershipOf(email)?.cancel_at_period_end).toBe(1);

  await page.goto(TIP_PATH);
  await expect(tip(page).getByText(TIP_SENTENCE)).toBeVisible();

  // The period ends: the tip is a teaser again.
  await standin.endPeriod(stored!.subscription_id);
  await expect(async () => {
    // Without the #hash: going to the same address with it would not reload the page.
    await page.goto('/guides/carte-vitale');
    await expect(tip(page)).toHaveAttribute('data-members-section', 'locked', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(TIP_SENTENCE)).toHaveCount(0);
  await expect(tip(page).getByRole('link', { name: /join the club/i })).toBeVisible();
  expect(membershipOf(email)?.status).toBe('canceled');

  await page.goto('/account');
  await expect(page.getByTestId('membership-status')).toHaveText('Ended');
});

test('a declined card leaves a clear message and no membership', async ({ page }) => {
  const email = uniqueEmail('declined');
  await page.goto(`/signin?callbackUrl=${encodeURIComponent('/club/join')}`);
  await signInFromForm(page, email);
  await expect(page).toHaveURL(`${APP_URL}/club/join`);
  await page.getByRole('button', { name: 'Continue to secure payment' }).click();
  await payOnCheckout(page, '4000 0000 0000 0002');
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  await expect(page).toHaveURL(new RegExp(`^${STANDIN_URL}/checkout/`));

  // Giving up returns to the site, which says nothing was charged.
  await page.getByRole('link', { name: 'Cancel and return' }).click();
  await expect(page).toHaveURL(/\/club\/join\?cancelled=1/);
  await expect(page.getByRole('status')).toContainText('You have not been charged');

  await page.goto('/account');
  await expect(page.getByTestId('membership-status')).toContainText('You are not a member yet');
  expect(membershipOf(email)).toBeUndefined();
  await page.goto('/guides/carte-vitale');
  await expect(tip(page)).toHaveAttribute('data-members-section', 'locked');
  await expect(page.getByText(TIP_SENTENCE)).toHaveCount(0);
});

test('the club page shows a visible test-mode badge and the stand-in’s price', async ({ page }) => {
  const priceLabel = await standinPriceLabel();
  await page.goto('/club');
  await expect(page.getByText(/test mode/i).first()).toBeVisible();
  await expect(page.getByTestId('club-price')).toHaveText(priceLabel);
  await expect(page.getByRole('link', { name: 'Join the club' }).last()).toBeVisible();
});

test('a member who clicks Join is sent to their account instead of paying twice', async ({
  page,
}) => {
  const email = uniqueEmail('member-join');
  await becomeMember(page, email);
  const before = membershipOf(email);
  expect(before?.status).toBe('active');

  // The club page is now their home (e2e/specs/member-home.spec.ts): nothing to join there.
  await page.goto('/club');
  await expect(page.getByRole('heading', { level: 1, name: 'Your Sojoourn Club' })).toBeVisible();
  await expect(page.getByRole('button', { name: /join the club/i })).toHaveCount(0);

  await page.goto('/club/join');
  await expect(page).toHaveURL(`${APP_URL}/account?notice=already-member`);
  await expect(page.getByRole('status')).toContainText('You are already a member');
  expect(membershipOf(email)?.subscription_id).toBe(before?.subscription_id);
});
