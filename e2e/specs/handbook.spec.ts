// The publishing handbook (issue 26): staff reach it from the desk and see every component of the
// registry rendered live from the examples docs/staff.md shows, the members' section both as a
// member and as a reader sees it, and the rules content:check applies; nobody else sees it.
import { expect, test } from '@playwright/test';
import { CONTENT_CHECK_RULES } from '../../lib/content/check-rules';
import { MDX_COMPONENTS } from '../../lib/content/components';
import { expectAccessible } from '../../test/support/axe';
import { signIn } from '../../test/support/auth';
import { uniqueEmail } from '../../test/support/people';
import { STAFF_SIGNIN } from '../../test/support/ports';

// Words of the example (lib/content/handbook-examples.ts): the teaser is public, the body is not.
const TEASER = 'The letter that gets most refusals reversed within a week.';
const MEMBERS_TEXT = 'they name a';

test('staff open the handbook from the desk: components live, the members’ section both ways, the rules', async ({
  page,
}) => {
  await signIn(page, STAFF_SIGNIN.handbook, '/admin');
  await page.goto('/admin');
  await page.getByRole('link', { name: 'The publishing handbook' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publishing handbook' })).toBeVisible();

  // A section per component that is not an item of another (Step, Check are shown with theirs).
  const sections = MDX_COMPONENTS.filter((spec) => !('inside' in spec)).map((spec) => spec.name);
  await expect(
    // The section's own heading (a members' section rendered inside has an h2 of its own).
    page.getByTestId('handbook-component').locator(':scope > h2'),
  ).toHaveText(sections.map((name) => `<${name}>`));

  const asMember = page.getByTestId('handbook-as-member');
  await expect(asMember.locator('[data-members-section="open"]')).toContainText(MEMBERS_TEXT);
  const asReader = page.getByTestId('handbook-as-reader');
  await expect(asReader.locator('[data-members-section="locked"]')).toContainText(TEASER);
  await expect(asReader).not.toContainText(MEMBERS_TEXT);
  await expect(asReader.getByRole('link', { name: /sign in/i }).first()).toBeVisible();

  for (const label of ['Good to know', 'Keep a copy', 'Watch out']) {
    await expect(page.getByRole('complementary', { name: label })).toBeVisible();
  }
  await expect(
    page.getByRole('list', { name: 'From application to card' }).getByRole('listitem'),
  ).toHaveCount(3);
  await expect(
    page.getByRole('group', { name: 'What the bank asks for' }).getByRole('checkbox'),
  ).toHaveCount(3);

  await expect(page.getByTestId('handbook-rule')).toHaveCount(CONTENT_CHECK_RULES.length);
  await expect(page.getByTestId('handbook-rules')).toContainText(
    // The rule as written in the list, its `code` shown as code.
    (
      CONTENT_CHECK_RULES.find((rule) => rule.id === 'unknown-component')?.rule ?? 'missing rule'
    ).replaceAll('`', ''),
  );
  await expectAccessible(page, '/admin/handbook');
});

test('the handbook is staff only: a reader is sent to sign in, a signed-in member of the public gets a 404', async ({
  page,
}) => {
  await page.goto('/admin/handbook');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fhandbook/);
  await signIn(page, uniqueEmail('handbook-not-staff'));
  const response = await page.goto('/admin/handbook');
  expect(response?.status()).toBe(404);
  await expect(page.getByText(TEASER)).toHaveCount(0);
});
