// The guides' <Timeline> and <Checklist>: server-rendered and readable without JavaScript, ticks
// remembered in this browser only with it, and both print.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const GUIDE = '/guides/carte-vitale';
const STEPS = [
  'Apply to your CPAM',
  'Temporary number (NIA)',
  'Permanent number (NIR)',
  'Order the card',
  'Card in your hands',
];

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the timeline is an ordered list of the five stages, and the boxes can be ticked', async ({
    page,
  }) => {
    await page.goto(GUIDE);
    const timeline = page.getByRole('list', { name: 'From application to Carte Vitale' });
    const steps = timeline.getByRole('listitem');
    await expect(steps).toHaveCount(5);
    for (const [index, title] of STEPS.entries()) {
      await expect(steps.nth(index)).toContainText(`Step ${index + 1}: ${title}`);
    }
    await expect(steps.nth(2)).toContainText('Up to 9 months');
    await expect(steps.nth(4)).toContainText('About 2 to 3 weeks later');
    expect(await timeline.evaluate((el) => el.tagName)).toBe('OL');

    const checklist = page.getByRole('group', { name: 'Your application file' });
    const boxes = checklist.getByRole('checkbox');
    await expect(boxes).toHaveCount(8);
    await checklist.getByLabel(/Your full birth certificate/).check();
    await expect(checklist.getByLabel(/Your full birth certificate/)).toBeChecked();
    // The counter and buttons need JavaScript, so they are not shown.
    await expect(checklist.getByRole('button')).toHaveCount(0);
  });
});

test.describe('with JavaScript', () => {
  test.describe.configure({ timeout: 120_000 });
  test('ticks are kept in this browser across visits, counted, and can be cleared', async ({
    page,
    context,
  }) => {
    await page.goto(GUIDE);
    const checklist = page.getByRole('group', { name: 'Your application file' });
    await expect(checklist.getByRole('status')).toHaveText(
      '0 of 8 ticked · saved in this browser only',
    );
    await checklist.getByLabel(/Form cerfa 15763/).check();
    await checklist.getByLabel(/Proof of identity/).press('Space');
    await expect(checklist.getByRole('status')).toHaveText(
      '2 of 8 ticked · saved in this browser only',
    );

    await page.reload();
    await expect(checklist.getByLabel(/Form cerfa 15763/)).toBeChecked();
    await expect(checklist.getByLabel(/Proof of identity/)).toBeChecked();
    await expect(checklist.getByLabel(/Your full birth certificate/)).not.toBeChecked();
    expect(
      await page.evaluate(() => localStorage.getItem('sojoourn:checklist:carte-vitale-documents')),
    ).toBe('[0,1]');
    // Nothing of it reaches the server: no cookie was set.
    expect((await context.cookies()).filter((c) => /check/i.test(c.name))).toEqual([]);

    await checklist.getByRole('button', { name: 'Clear the ticks' }).click();
    await expect(checklist.getByRole('status')).toHaveText(
      '0 of 8 ticked · saved in this browser only',
    );
    await page.reload();
    await expect(checklist.getByLabel(/Form cerfa 15763/)).not.toBeChecked();

    const { violations } = await new AxeBuilder({ page })
      .include('[data-checklist]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  test('in print, the list and timeline stay and the buttons go', async ({ page }) => {
    await page.goto(GUIDE);
    const checklist = page.getByRole('group', { name: 'Your application file' });
    await checklist.getByLabel(/Form cerfa 15763/).check();
    await page.emulateMedia({ media: 'print' });
    await expect(checklist.getByRole('button', { name: 'Print this list' })).toBeHidden();
    await expect(checklist.getByLabel(/Form cerfa 15763/)).toBeVisible();
    await expect(checklist.getByLabel(/Form cerfa 15763/)).toBeChecked();
    await expect(
      page.getByRole('list', { name: 'From application to Carte Vitale' }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Feeling lost in the paperwork?' }),
    ).toBeHidden();
  });

  test('each guide ends with a single need-help block', async ({ page }) => {
    for (const slug of [
      'carte-vitale',
      'medecin-traitant-and-top-up-cover',
      'uk-nationals-health-cover-france',
      'health-cover-short-stays-france',
    ]) {
      await page.goto(`/guides/${slug}`);
      await expect(
        page.getByRole('heading', { name: 'Feeling lost in the paperwork?' }),
      ).toHaveCount(1);
      await expect(page.locator('article').getByRole('link', { name: /free quote/i })).toHaveCount(
        0,
      );
    }
  });
});
