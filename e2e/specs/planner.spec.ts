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

/** The form's own status line (the answer's checklist has a status of its own). */
const formStatus = (page: Page) =>
  page.getByRole('status').filter({ hasText: /questions? left|Your route:/ });

const EMPLOYED = 'Employed by a French employer (a PhD with a work contract counts)';
const WORKER = {
  nationality: 'Another nationality',
  'situation in France': EMPLOYED,
  'temporary social security number': 'No',
};

test.describe('planner without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('asks a follow-up after the answer that makes it matter, then answers at a shareable address', async ({
    page,
    browser,
  }) => {
    await page.goto(PLANNER);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Your route to the Carte Vitale' }),
    ).toBeVisible();
    await expect(page.locator('#your-route')).toHaveCount(0);
    // Only the questions that matter for everyone are shown at first.
    await expect(page.getByRole('group')).toHaveCount(2);
    await choose(page, {
      nationality: WORKER.nationality,
      'situation in France': WORKER['situation in France'],
    });
    await page.getByRole('button', { name: 'Show my route' }).click();
    await expect(page).toHaveURL(/\?nationality=other&situation=employed#your-route$/);
    // Not an error: the next question, named and linked.
    await expect(page.locator('#your-route')).toHaveText(
      'One more question for your route: Do you already have a temporary social security number (NIA)?',
    );
    await expect(formStatus(page)).toHaveText('1 question left.');
    await expect(
      page.getByRole('group', { name: /temporary social security number/ }),
    ).toContainText('3. Do you already have a temporary social security number (NIA)?');
    await choose(page, { 'temporary social security number': 'No' });
    await page.getByRole('button', { name: 'Show my route' }).click();
    await expect(page).toHaveURL(/\?nationality=other&situation=employed&number=no#your-route$/);
    const answer = page.locator('#your-route');
    await expect(answer.getByRole('heading', { level: 2 })).toHaveText(
      'You join through your work',
    );
    await expect(answer).toContainText('you need a work authorisation');
    await expect(answer).toContainText('feuille de soins');
    await expect(
      answer.getByRole('list', { name: 'Your timeline' }).getByRole('listitem'),
    ).toHaveCount(6);
    await expect(
      answer.getByRole('checkbox', { name: /^Your valid residence permit/ }),
    ).toBeVisible();
    await expect(answer.getByRole('link', { name: /Work authorisation/ })).toHaveAttribute(
      'href',
      'https://www.service-public.gouv.fr/particuliers/vosdroits/F2728',
    );
    // "Your answers" lists the three questions asked, not the ones that did not matter.
    await expect(answer.locator('dl').last().locator('dt')).toHaveText([
      'What is your nationality? ',
      'What is your situation in France? ',
      'Do you already have a temporary social security number (NIA)? ',
    ]);
    // The form keeps the answers it was sent.
    await expect(page.getByLabel(EMPLOYED)).toBeChecked();
    // (axe needs JavaScript in the page: the a11y spec checks this server-rendered answer.)

    // The same address opened elsewhere gives the same answer.
    const shared = await browser.newContext({ javaScriptEnabled: false });
    const other = await shared.newPage();
    await other.goto(page.url());
    await expect(other.locator('#your-route h2')).toHaveText('You join through your work');
    await shared.close();
  });

  test('a posted worker is asked where the employer is established, not only the nationality', async ({
    page,
  }) => {
    await page.goto(`${PLANNER}?nationality=other&situation=posted`);
    const employer = page.getByRole('group', { name: /employer that posts you/ });
    await expect(employer).toContainText('3. Where is the employer that posts you established?');
    await expect(employer).toContainText('India');
    await employer
      .getByLabel('In a country with a social security agreement with France (listed above)')
      .check();
    await page.getByRole('button', { name: 'Show my route' }).click();
    await expect(page).toHaveURL(/\?nationality=other&situation=posted&employer=agreement#/);
    const answer = page.locator('#your-route');
    await expect(answer.locator('h2')).toHaveText('You probably stay insured in your home country');
    await expect(answer).toContainText('usually cover only nationals of the two countries');
  });

  test('an address shared before the follow-ups existed still answers; answers that no longer matter are dropped', async ({
    page,
  }) => {
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
    await expect(page.getByRole('group', { name: /lived in France so far/ })).toHaveCount(0);
    await expect(answer.locator('dl').last().locator('dt')).toHaveCount(3);
  });

  test('an unfinished or tampered address asks for the missing answers', async ({ page }) => {
    const response = await page.goto(
      `${PLANNER}?nationality=martian&situation=employed&plan=${'x'.repeat(300)}`,
    );
    expect(response?.status()).toBe(200);
    await expect(page.locator('#your-route')).toHaveText(
      '2 more questions for your route: What is your nationality?',
    );
    await expect(page.getByLabel(EMPLOYED)).toBeChecked();
  });
});

test.describe('planner with JavaScript', () => {
  test('shows a follow-up at once, answers as soon as the last question is answered, and follows every change', async ({
    page,
  }) => {
    await page.goto(PLANNER);
    // A full page load would lose this marker: the answers must come without one.
    await page.evaluate(() => ((window as unknown as { plannerMarker: number }).plannerMarker = 1));
    await choose(page, WORKER);
    const answer = page.locator('#your-route');
    await expect(answer.locator('h2')).toHaveText('You join through your work');
    await expect(formStatus(page)).toHaveText('Your route: You join through your work.');
    await expect(page).toHaveURL(`${PLANNER}?nationality=other&situation=employed&number=no`);

    // Posted: the employer question replaces the number question, and the route waits for it.
    await page.getByLabel('Posted to France for a while by an employer based abroad').check();
    await expect(formStatus(page)).toHaveText('1 question left.');
    await expect(answer).toHaveCount(0);
    await page.getByLabel('In the EU, the EEA or Switzerland').check();
    await expect(answer.locator('h2')).toHaveText('You stay insured in your home country');
    await expect(answer).toContainText('use your EHIC');
    await page.getByLabel('EU, EEA or Swiss').check();
    await expect(page).toHaveURL(/\?nationality=eea&situation=posted&employer=eea$/);

    await page.getByLabel('Not working in France, or looking for work').check();
    await page.getByLabel('3 months or more').check();
    await page.getByLabel('More than 3 months').check();
    await expect(
      page.getByRole('group', { name: /temporary social security number/ }),
    ).toContainText('5. Do you already have');
    await page.getByLabel('Yes, I have had the letter with my temporary number').check();
    await expect(answer.locator('h2')).toHaveText('You may be able to join, case by case');
    await expect(answer.getByRole('list', { name: 'Your timeline' })).toContainText(
      'Apply to your CPAM (done)',
    );
    // Less than 3 months here: the family question appears, and decides the route.
    await page
      .getByRole('group', { name: /lived in France so far/ })
      .getByLabel('Less than 3 months', { exact: true })
      .check();
    await expect(formStatus(page)).toHaveText('1 question left.');
    await page
      .getByRole('group', { name: /family member who is insured in France/ })
      .getByLabel('Yes', { exact: true })
      .check();
    await expect(answer.locator('h2')).toHaveText(
      'You can join with no 3-month wait, as a family member',
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
    await expect(page.locator('#your-route')).toContainText('UK GHIC rather than a UK EHIC');
    await expect(
      page.getByLabel(
        'British, in France since 2021 or moving now, with a UK S1 form (for example with a UK State Pension)',
      ),
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
