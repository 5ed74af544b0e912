// "Your route to the Carte Vitale": the planner answers without JavaScript (a GET form with a
// shareable address) and instantly with it, and both give the same answer.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../../test/support/axe';

const PLANNER = '/guides/carte-vitale/planner';

async function choose(page: Page, answers: Record<string, string>) {
  for (const [question, label] of Object.entries(answers)) {
    await page
      .getByRole('group', { name: new RegExp(question) })
      .getByLabel(label, { exact: true })
      .check();
  }
}

const WORKER = {
  nationality: 'Another nationality',
  'situation in France': 'Employed by a French employer',
  'lived in France so far': 'Less than 3 months',
  'plan to stay': '3 months or more',
  'temporary social security number': 'No',
};

test.describe('planner without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form sends the answers in the address, and the answer page can be shared', async ({
    page,
    browser,
  }) => {
    await page.goto(PLANNER);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Your route to the Carte Vitale' }),
    ).toBeVisible();
    await expect(page.locator('#your-route')).toHaveCount(0);
    await choose(page, WORKER);
    await page.getByRole('button', { name: 'Show my route' }).click();
    await expect(page).toHaveURL(
      /\?nationality=other&situation=employed&sofar=under-3-months&plan=longer&number=no#your-route$/,
    );
    const answer = page.locator('#your-route');
    await expect(answer.getByRole('heading', { level: 2 })).toHaveText(
      'You join through your work',
    );
    await expect(answer).toContainText('you need a work authorisation');
    await expect(
      answer.getByRole('list', { name: 'Your timeline' }).getByRole('listitem'),
    ).toHaveCount(6);
    await expect(
      answer.getByRole('checkbox', { name: 'Your valid residence permit' }),
    ).toBeVisible();
    await expect(answer.getByRole('link', { name: /Work authorisation/ })).toHaveAttribute(
      'href',
      'https://www.service-public.fr/particuliers/vosdroits/F2728',
    );
    // The form keeps the answers it was sent.
    await expect(page.getByLabel('Employed by a French employer')).toBeChecked();
    // (axe needs JavaScript in the page: the a11y spec checks this server-rendered answer.)

    // The same address opened elsewhere gives the same answer.
    const shared = await browser.newContext({ javaScriptEnabled: false });
    const other = await shared.newPage();
    await other.goto(page.url());
    await expect(other.locator('#your-route h2')).toHaveText('You join through your work');
    await shared.close();
  });

  test('a short stay outside Europe points to private cover and PartirAssur', async ({ page }) => {
    await page.goto(
      `${PLANNER}?nationality=other&situation=not-working&sofar=not-yet&plan=under-3-months&number=no`,
    );
    const answer = page.locator('#your-route');
    await expect(answer.locator('h2')).toHaveText(
      'For a short stay, you need private health insurance',
    );
    await expect(answer).toContainText('at least €30,000');
    await expect(answer.getByRole('link', { name: 'PartirAssur' })).toHaveAttribute(
      'href',
      '/partners/partirassur',
    );
  });

  test('an unfinished or tampered address asks for the missing answers', async ({ page }) => {
    const response = await page.goto(
      `${PLANNER}?nationality=martian&situation=employed&plan=${'x'.repeat(300)}`,
    );
    expect(response?.status()).toBe(200);
    await expect(page.locator('#your-route')).toHaveText(
      'Answer every question to see your route.',
    );
    await expect(page.getByLabel('Employed by a French employer')).toBeChecked();
  });
});

test.describe('planner with JavaScript', () => {
  test('answers as soon as the last question is answered, and follows every change', async ({
    page,
  }) => {
    await page.goto(PLANNER);
    // A full page load would lose this marker: the answers must come without one.
    await page.evaluate(() => ((window as unknown as { plannerMarker: number }).plannerMarker = 1));
    await choose(page, WORKER);
    const answer = page.locator('#your-route');
    await expect(answer.locator('h2')).toHaveText('You join through your work');
    await expect(page.getByRole('status').filter({ hasText: 'Your route:' })).toHaveText(
      'Your route: You join through your work.',
    );
    await expect(page).toHaveURL(
      `${PLANNER}?nationality=other&situation=employed&sofar=under-3-months&plan=longer&number=no`,
    );

    await page.getByLabel('Posted to France by an employer based abroad').check();
    await expect(answer.locator('h2')).toHaveText('You probably stay insured in your home country');
    await page.getByLabel('EU, EEA or Swiss').check();
    await expect(answer.locator('h2')).toHaveText('You stay insured in your home country');
    await expect(page).toHaveURL(/nationality=eea&situation=posted/);

    await page.getByLabel('Not working', { exact: true }).check();
    await page.getByLabel('Yes, I have had the letter with my temporary number').check();
    await expect(answer.locator('h2')).toHaveText('You may be able to join, case by case');
    await expect(answer.getByRole('list', { name: 'Your timeline' })).toContainText(
      'Apply to your CPAM (done)',
    );
    expect(
      await page.evaluate(() => (window as unknown as { plannerMarker?: number }).plannerMarker),
    ).toBe(1);

    // Keyboard: "Show my route" takes focus to the answer.
    await page.getByRole('button', { name: 'Show my route' }).focus();
    await page.keyboard.press('Enter');
    await expect(answer).toBeFocused();
    await expectAccessible(page, 'planner answer, with JS');
  });

  test('the answer from a shared address is the one the server rendered', async ({ page }) => {
    await page.goto(
      `${PLANNER}?nationality=uk-s1&situation=retired&sofar=over-3-months&plan=longer&number=no`,
    );
    await expect(page.locator('#your-route h2')).toHaveText(
      'The UK pays for your healthcare through your S1',
    );
    await expect(
      page.getByLabel('British, with a UK S1 form (for example with a UK State Pension)'),
    ).toBeChecked();
  });

  test('is linked from the Carte Vitale guide and the home page', async ({ page }) => {
    await page.goto('/guides/carte-vitale');
    await page.getByRole('link', { name: 'Carte Vitale route planner' }).click();
    await expect(page).toHaveURL(PLANNER);
    await page.goto('/');
    await expect(
      page.getByRole('link', { name: 'Plan your route to the Carte Vitale' }),
    ).toHaveAttribute('href', PLANNER);
  });
});
