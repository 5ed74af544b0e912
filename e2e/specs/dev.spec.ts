// A newcomer's first hour with `npm run dev` (issue 14), in a throwaway copy of the project so the
// edits to content/ never touch the checkout: the terminal says who is staff and where sign-in
// links go, a staff sign-in works from the printed link, a new guide reaches signed-out visitors
// as soon as it is listed, a broken guide shows in the browser and the terminal in plain words
// while the last good page stays, and a visitor leaving mid-request prints no stack trace.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeDevWorkspace } from '../../test/support/dev-workspace';
import { SIDE_PORTS } from '../../test/support/ports';

const DEV_PORT = SIDE_PORTS.devServer;
// The address `npm run dev` prints, and NEXTAUTH_URL's default there.
const DEV_URL = `http://localhost:${DEV_PORT}`;
const DEV_STAFF = 'staff@sojoourn.localhost';
const NEW_GUIDE = 'content/guides/dev-fresh-guide.mdx';
const NEW_TITLE = 'A guide saved a moment ago';
const EDITED_GUIDE = 'content/guides/health-cover-short-stays-france.mdx';
const CONTENTLAYER_NOISE =
  /possibly a bug|open an issue|SourceFetchDataError|HandledFetchDataError/i;
const STACK_FRAME = /^\s+at .+[(:]\d+/m;

// `next dev` compiles each route on its first request: 10–30 s apiece on this 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 360_000 });
const expectDev = expect.configure({ timeout: 120_000 });
test.use({ navigationTimeout: 120_000, actionTimeout: 120_000 });

let workspace: ReturnType<typeof makeDevWorkspace>;
let dev: ChildProcess;
let terminal = '';

/** Waits until the terminal, from `from` on, matches `pattern`; returns that part of it. */
async function terminalAfter(from: number, pattern: RegExp, timeout = 90_000): Promise<string> {
  await expect.poll(() => pattern.test(terminal.slice(from)), { timeout }).toBe(true);
  return terminal.slice(from);
}

function writeContent(file: string, text: string) {
  writeFileSync(path.join(workspace.dir, file), text);
}

const newGuide = (title: string | null) =>
  [
    '---',
    ...(title ? [`title: "${title}"`] : []),
    'summary: "Written during the first-hour test: it must reach readers as soon as it is saved."',
    'publishedAt: 2026-11-30',
    'updatedAt: 2026-11-30',
    'reviewedAt: 2026-11-30',
    'tags: [carte-vitale]',
    'access: public',
    'officialLinks:',
    '  - label: "Ameli"',
    '    url: "https://www.ameli.fr/"',
    '---',
    '',
    'Fresh words for readers, saved a moment ago.',
    '',
  ].join('\n');

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workspace = makeDevWorkspace();
  // A clean environment, as a newcomer has: no keys, no SMTP server, nothing from the e2e run.
  dev = spawn('npx', ['tsx', 'scripts/dev.ts'], {
    cwd: workspace.dir,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: process.env.LANG ?? 'C.UTF-8',
      PORT: String(DEV_PORT),
      STANDIN_PORT: String(SIDE_PORTS.devStandin),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'development',
    },
  });
  dev.stdout?.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
  dev.stderr?.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
  await terminalAfter(0, /Ready in/, 180_000);
  // The first page compiles on demand: wait for it before the journeys time anything.
  await expect
    .poll(async () => (await fetch(`${DEV_URL}/`).catch(() => null))?.status, { timeout: 180_000 })
    .toBe(200);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('npm run dev terminal', { body: terminal, contentType: 'text/plain' });
  }
});

test.afterAll(async () => {
  if (dev?.pid) {
    try {
      process.kill(-dev.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      process.kill(-dev.pid, 'SIGKILL');
    } catch {
      // Stopped on SIGTERM.
    }
  }
  workspace?.remove();
});

test('the terminal says who is staff and where links go; staff sign in from the printed link', async ({
  page,
}) => {
  expect(terminal).toContain(`sign in as ${DEV_STAFF} to see /admin and drafts`);
  expect(terminal).toContain('sign-in links and e-mails are printed here');
  expect(terminal).toContain('Content OK');
  // One address for the site: Next's banner names the one the start banner and sign-in links use.
  expect(terminal).toContain(`🌍 Sojoourn: ${DEV_URL}`);
  expect(terminal).toMatch(new RegExp(`Local:\\s+${DEV_URL}`));
  expect(terminal).not.toContain(`127.0.0.1:${DEV_PORT}`);
  // The partner link leads to a placeholder in development, and the terminal says so.
  expect(terminal).toContain('Partner link: /go/partirassur leads to the placeholder');

  const from = terminal.length;
  await page.goto(`${DEV_URL}/signin`);
  await page.getByLabel('E-mail address').fill(DEV_STAFF);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expectDev(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByText('printed in the terminal')).toBeVisible();
  const printed = await terminalAfter(from, /Sign-in link for staff@sojoourn\.localhost:\s+(\S+)/);
  const link = /Sign-in link for staff@sojoourn\.localhost:\s+(\S+)/.exec(printed)![1]!;
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in to Sojoourn' }).click();
  await expectDev(
    page.getByRole('banner').getByRole('link', { name: 'Your account', exact: true }),
  ).toBeAttached();
  await page.goto(`${DEV_URL}/admin`);
  await expectDev(page.getByRole('heading', { level: 1 })).toHaveText('Staff inbox');
});

test('a guide saved a moment ago reaches a signed-out visitor as soon as it is listed', async ({
  page,
}) => {
  // The reader has the list open (compiled) when the guide is saved.
  await page.goto(`${DEV_URL}/guides`);
  await expectDev(page.getByRole('heading', { level: 1, name: 'Guides' })).toBeVisible();
  writeContent(NEW_GUIDE, newGuide(NEW_TITLE));
  await expect
    .poll(
      async () => {
        await page.goto(`${DEV_URL}/guides`);
        return page.getByRole('link', { name: NEW_TITLE }).count();
      },
      { timeout: 90_000 },
    )
    .toBeGreaterThan(0);
  // Listed, so its own address answers at once (it used to 404 to readers for 7–30 s).
  const response = await page.goto(`${DEV_URL}/guides/dev-fresh-guide`);
  expect(response?.status()).toBe(200);
  await expectDev(page.getByRole('heading', { level: 1, name: NEW_TITLE })).toBeVisible();
});

test('a broken guide shows in the browser and the terminal in plain words; the last good page stays', async ({
  page,
}) => {
  const original = readFileSync(path.join(workspace.dir, EDITED_GUIDE), 'utf8');
  const from = terminal.length;
  writeContent(NEW_GUIDE, newGuide(null));
  // An unclosed members' section and an unclosed expression: an MDX syntax error.
  const broken = original.replace(
    '## Why a short stay',
    '<MembersOnly title="Tip">\n\n## Why a short stay {',
  );
  writeContent(EDITED_GUIDE, broken);
  // The line of the file (frontmatter counted), not of the MDX body.
  const brokenLine = broken.split('\n').findIndex((line) => line.includes('short stay {')) + 1;
  const report = await terminalAfter(from, /short-stays-france\.mdx: line \d+/);
  expect(report).toContain('content/guides/dev-fresh-guide.mdx: title: title is required');
  expect(report).toMatch(
    new RegExp(
      `health-cover-short-stays-france\\.mdx: line ${brokenLine}, column \\d+: Unexpected end of file in expression`,
    ),
  );
  expect(report).not.toMatch(CONTENTLAYER_NOISE);
  // Contentlayer's own report ("Found 2 problems in 15 documents") never comes before ours.
  expect(report).not.toMatch(/Found \d+ problems?/);

  await page.goto(`${DEV_URL}/guides/health-cover-short-stays-france`);
  const problems = page.getByTestId('dev-content-problems');
  await expectDev(problems).toContainText('dev-fresh-guide.mdx: title: title is required');
  await expect(problems).toContainText(/short-stays-france\.mdx: line \d+, column \d+/);
  // The last version that built is still what the page shows.
  await expect(
    page.getByRole('heading', { level: 2, name: 'Why a short stay does not open French cover' }),
  ).toBeVisible();

  writeContent(EDITED_GUIDE, original);
  writeContent(NEW_GUIDE, newGuide(NEW_TITLE));
  await terminalAfter(from, /Content OK/);
  await page.reload();
  await expectDev(page.getByTestId('dev-content-problems')).toHaveCount(0);
});

test('search works in the first hour: the index is built from the development pages', async ({
  page,
}) => {
  // Built once Next is ready, and again after content changes (the guide saved above included).
  await terminalAfter(0, /🔎 Search: \d+ guide\(s\) indexed/, 240_000);
  const results = page.getByRole('list', { name: 'Search results' });
  const searchFor = async (term: string) => {
    await page.goto(`${DEV_URL}/search?q=${encodeURIComponent(term)}`);
    await expectDev(page.locator('#search-status')).toContainText(`for “${term}”`);
  };
  await searchFor('Carte Vitale');
  await expect(
    results.getByRole('link', {
      name: 'How to get your Carte Vitale and French social security number',
    }),
  ).toHaveCount(1);
  await expect
    .poll(
      async () => {
        await searchFor('Fresh words for readers');
        return results.getByRole('link', { name: NEW_TITLE }).count();
      },
      { timeout: 120_000 },
    )
    .toBe(1);
  // Readers' pages only: a sentence of the Carte Vitale guide's members' tip is not found.
  await searchFor('certificat provisoire de remplacement');
  await expect(results.getByText(/provisoire/i)).toHaveCount(0);
});

test('a visitor who leaves mid-request prints no stack trace', async () => {
  const from = terminal.length;
  // Leave while a page compiles, while one renders, and while one streams its payload.
  for (const [address, afterMs] of [
    ['/events', 50],
    ['/guides/carte-vitale', 20],
    ['/guides/carte-vitale?_rsc=leave', 5],
    ['/club', 100],
  ] as const) {
    const leaving = new AbortController();
    const request = fetch(`${DEV_URL}${address}`, {
      signal: leaving.signal,
      headers: address.includes('_rsc') ? { RSC: '1' } : {},
    }).catch(() => undefined);
    setTimeout(() => leaving.abort(), afterMs);
    await request;
  }
  // The pages left behind finish on the server; one full request more, then read the terminal.
  await expect
    .poll(async () => (await fetch(`${DEV_URL}/events`)).status, { timeout: 90_000 })
    .toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const since = terminal.slice(from);
  expect(since).not.toMatch(STACK_FRAME);
  expect(since).not.toMatch(/ECONNRESET|aborted|⨯/i);
});
