// The W3C Nu HTML checker (vnu-jar, run with the machine's Java) over every public page as a
// reader gets it: the sitemap's pages, the pages it leaves out (contact, club, sign-in, search,
// the thank-you) and the 404s. One java run for all of them: the checker takes seconds to start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';

const VNU_JAR = join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');

/** Pages the sitemap does not list, with the status a reader gets. */
const EXTRA_PAGES: { path: string; status: number }[] = [
  { path: '/contact', status: 200 },
  { path: '/contact/thanks', status: 200 },
  { path: '/club', status: 200 },
  { path: '/signin', status: 200 },
  { path: '/search', status: 200 },
  { path: '/search?q=carte', status: 200 },
  { path: '/events', status: 200 },
  { path: '/assistance', status: 200 },
  { path: '/guides/does-not-exist', status: 404 },
  { path: '/nope', status: 404 },
];

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  const paths = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => {
    const url = new URL((m[1] ?? '').trim());
    return `${url.pathname}${url.search}`;
  });
  expect(paths.length, 'the sitemap lists pages').toBeGreaterThan(5);
  return paths;
}

test('every public page is valid HTML (W3C Nu checker: 0 errors)', async ({ request }) => {
  test.setTimeout(240_000);
  const fromSitemap = await sitemapPaths(request);
  const pages = [
    ...fromSitemap.map((path) => ({ path, status: 200 })),
    ...EXTRA_PAGES.filter((extra) => !fromSitemap.includes(extra.path)),
  ];

  const dir = mkdtempSync(join(tmpdir(), 'sojoourn-vnu-'));
  try {
    const pathOfFile = new Map<string, string>();
    for (const [index, { path, status }] of pages.entries()) {
      // No cookie: a reader's page, as the prerendered copy or the 404 serves it.
      const response = await request.get(path);
      expect(response.status(), `${path} answers ${status}`).toBe(status);
      expect(response.headers()['content-type']).toContain('text/html');
      const file = join(dir, `page-${index}.html`);
      writeFileSync(file, await response.body());
      pathOfFile.set(file, path);
    }

    // -Xss: the checker's schema needs a deep stack (512k overflowed here).
    const run = spawnSync(
      process.env.JAVA ?? 'java',
      // --verbose: the name of each file checked on stdout, so a run that checked nothing fails.
      ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', '--verbose', dir],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 200_000 },
    );
    expect(
      run.error,
      'java runs the checker (install a Java runtime, e.g. apt-get install openjdk-17-jre-headless)',
    ).toBeUndefined();
    expect(
      run.status,
      `vnu exits cleanly:\n${run.stdout.slice(-2000)}${run.stderr.slice(0, 2000)}`,
    ).toBe(0);
    // vnu writes its JSON report on stderr.
    const { messages } = JSON.parse(run.stderr) as { messages: VnuMessage[] };
    const errors = messages
      .filter((m) => m.type !== 'info')
      .map((m) => {
        // Its URLs read file:/tmp/…: the file's path after the scheme.
        const file = m.url?.replace(/^file:(\/\/)?/, '');
        const page = (file && pathOfFile.get(file)) ?? m.url ?? '?';
        return `${page} (line ${m.lastLine ?? '?'}): ${m.message}\n    ${(m.extract ?? '').replace(/\s+/g, ' ').trim()}`;
      });
    expect(errors, `${errors.length} HTML error(s):\n${errors.join('\n')}`).toEqual([]);
    // Every page was checked: a run that checked nothing would report nothing.
    const checked = run.stdout.split('\n').filter((line) => line.trim() !== '');
    expect(checked.sort()).toEqual([...pathOfFile.keys()].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
