// Search over the public guides (Pagefind, built from the readers' prerendered pages): the /search
// page, the header's box, the keyboard, and the fallback to /guides without JavaScript.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function search(page: Page, term: string) {
  await page.goto(`/search?q=${encodeURIComponent(term)}`);
  const status = page.locator('#search-status');
  // The index loads in the browser on first use (a WebAssembly module and a worker).
  await expect(status).toContainText(/found for/, { timeout: 30_000 });
  return page.getByRole('list', { name: 'Search results' }).getByRole('link');
}

test.describe('search with JavaScript', () => {
  test.describe.configure({ timeout: 120_000 });
  test('finds "Carte Vitale", "médecin traitant" and "EHIC" in the right guides', async ({
    page,
  }) => {
    const cases: [string, string][] = [
      ['Carte Vitale', 'How to get your Carte Vitale and French social security number'],
      ['médecin traitant', 'Your médecin traitant and top-up cover: getting properly reimbursed'],
      ['EHIC', 'Health cover for stays in France of less than 3 months'],
    ];
    for (const [term, title] of cases) {
      const links = await search(page, term);
      await expect(links.filter({ hasText: title }), `${term} → ${title}`).toHaveCount(1);
      await expect(page.locator('#search-status')).toContainText(`for “${term}”`);
    }
    await expect(page.getByText('Search needs JavaScript')).toHaveCount(0);
    const links = await search(page, 'médecin traitant');
    await expect(links.first()).toHaveAttribute(
      'href',
      '/guides/medecin-traitant-and-top-up-cover',
    );
    await expect(
      page.getByRole('list', { name: 'Search results' }).locator('mark').first(),
    ).toBeVisible();
  });

  test('excerpts start with the guide’s words, not with a badge’s', async ({ page }) => {
    // The guide header's badges ("★ Members only", "★ Includes a members’ tip") were indexed
    // before the title: excerpts began "only. Activating…" and "tip. How to get…".
    const cases: [string, string][] = [
      ['Activating', 'Activating the Carte Vitale app, step by step'],
      ['social security number', 'How to get your Carte Vitale and French social security number'],
    ];
    for (const [term, title] of cases) {
      await search(page, term);
      const result = page
        .getByRole('list', { name: 'Search results' })
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: title }) });
      const excerpt = result.locator('p');
      await expect(excerpt, term).toBeVisible();
      await expect(excerpt, term).not.toHaveText(/^\W*(only|tip|members)\b/i);
      await expect(excerpt, term).not.toContainText(/Members only|members’ tip/i);
    }
  });

  test('never finds a sentence from a members’ section', async ({ page }) => {
    // Sentences that appear only in the members' EHIC tip of the Carte Vitale guide.
    const results = page.getByRole('list', { name: 'Search results' });
    for (const term of [
      'certificat provisoire de remplacement',
      'Play it safe',
      'mountain rescue',
    ]) {
      await search(page, term);
      await expect(results.getByText(/provisoire|play it safe|mountain rescue/i)).toHaveCount(0);
    }
    // The same kind of check finds public text, so it can fail.
    await search(page, 'sworn translator');
    await expect(results.getByText(/sworn/i).first()).toBeVisible();
  });

  test('the header box: "/" focuses it, Enter searches, results are reachable by Tab', async ({
    page,
  }) => {
    await page.goto('/guides');
    // "/" is JavaScript's; before the header's listeners are in, the key does nothing.
    await expect(page.locator('html[data-enhanced]')).toBeAttached();
    await page.keyboard.press('/');
    const box = page.getByRole('banner').getByRole('searchbox', { name: 'Search the guides' });
    await expect(box).toBeFocused();
    await page.keyboard.type('EHIC');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/search?q=EHIC');
    await expect(page.locator('#search-status')).toContainText('found for “EHIC”', {
      timeout: 30_000,
    });
    // Typing refines at once, and the address follows.
    const input = page.getByRole('main').getByRole('searchbox', { name: 'Search the guides' });
    await expect(input).toBeFocused();
    await input.fill('Carte Vitale');
    await expect(page.locator('#search-status')).toContainText('for “Carte Vitale”');
    await expect(page).toHaveURL('/search?q=Carte%20Vitale');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(
      page.getByRole('list', { name: 'Search results' }).getByRole('link').first(),
    ).toBeFocused();

    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });
});

test.describe('search without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header box falls back to the list of guides', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('banner').getByRole('searchbox', { name: 'Search the guides' });
    await box.fill('EHIC');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/guides\?q=EHIC$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Guides' })).toBeVisible();
  });

  test('/search says why and links to the guides', async ({ page }) => {
    await page.goto('/search?q=EHIC');
    await expect(page.getByText('Search needs JavaScript')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Search results' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Browse all guides' }).click();
    await expect(page).toHaveURL('/guides');
  });
});
