// Issue 11: odd values never give a 5xx. A bounded pass over every route's query parameters (as a
// reader, signed in, as a member and as staff) and every form field (contact, sign-in, the
// webhook), with values that break careless code: prototype names, very long strings, unicode,
// repeated parameters (arrays), empty.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from '../../test/support/auth';
import { speakFromOwnIp } from '../../test/support/contact-form';
import { E2E_EVENTS } from '../../test/support/events';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { STAFF_SIGNIN } from '../../test/support/ports';
import { closeTab } from '../../test/support/tabs';

/** `:event` is the specs' own event (test/support/events.ts), never a sample one. */
const ROUTES = [
  '/',
  '/guides',
  '/guides/carte-vitale',
  '/guides/carte-vitale/planner',
  '/guides/tags/health-insurance',
  '/events',
  '/events/:event',
  '/partners/partirassur',
  '/search',
  '/contact',
  '/contact/thanks',
  '/legal-notice',
  '/privacy',
  '/account',
  '/account/email/confirm',
  '/account/export',
  '/account-deleted',
  '/reminders/stop',
  '/api/reminders/stop',
  '/follow',
  '/follow/confirm',
  '/follow/manage',
  '/api/follow/unfollow',
  '/club',
  '/club/join',
  '/club/welcome',
  '/assistance',
  '/admin',
  '/admin/handbook',
  '/signin',
  '/signin/check-email',
  '/signin/code',
  '/signin/request',
  '/signin/confirm',
  '/signin/error',
  '/signout',
  '/go/partirassur',
  '/feed.xml',
  '/sitemap.xml',
  '/robots.txt',
  '/og/guides/carte-vitale',
  '/api/events/:event/ics',
  '/api/auth/session',
  '/api/auth/csrf',
  '/api/auth/providers',
  '/api/auth/error',
  '/api/auth/signin',
  '/api/auth/callback/email',
  '/api/auth/verify-request',
  '/no-such-page',
];

/**
 * The query parameters each page reads (`grep -rn searchParams app/`; the planner's are its
 * question ids, content/planner/carte-vitale.yaml; the staff inbox's, lib/inbox/schema.ts). Each
 * is tried alone with every prototype name, the others of the page set to something ordinary:
 * `/account/email/confirm?token=x&error=__proto__` was a 500 where `token=__proto__` alone was not.
 */
const PAGE_PARAMS: Record<string, string[]> = {
  '/events/:event': ['registration'],
  '/account': ['notice', 'events'],
  '/club': ['events'],
  '/account/email/confirm': ['token', 'error'],
  '/reminders/stop': ['token', 'error', 'done'],
  '/api/reminders/stop': ['token'],
  '/follow': ['guide', 'error', 'sent', 'done'],
  '/follow/confirm': ['token'],
  '/follow/manage': ['token', 'done'],
  '/api/follow/unfollow': ['token'],
  '/admin': [
    'notice',
    'astatus',
    'aq',
    'abefore',
    'qstatus',
    'qq',
    'qbefore',
    // The members' files (lib/inbox/file-mark.ts): the overdue list's page, a refused mark's form.
    'opage',
    'fuser',
    'fstep',
    'fdate',
    'fname',
    'fat',
  ],
  '/club/join': ['returnTo', 'cancelled', 'error'],
  '/club/welcome': ['returnTo', 'session_id'],
  '/signin': ['callbackUrl', 'email', 'error'],
  '/signin/confirm': ['token', 'email', 'callbackUrl'],
  '/signin/check-email': ['email', 'error', 'left', 'callbackUrl'],
  '/signin/error': ['error'],
  '/api/auth/signin': ['callbackUrl', 'error'],
  '/api/auth/error': ['error'],
  '/guides/carte-vitale/planner': [
    'nationality',
    'situation',
    'plan',
    'pension',
    'employer',
    'ehic',
    'sofar',
    'family',
    'number',
  ],
};

/** Names that a plain object answers for: a lookup `TABLE[value]` finds them unless guarded. */
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];

/** Every query parameter any route reads, and prototype names as parameter names. */
const PARAMS = [
  ...new Set([...Object.values(PAGE_PARAMS).flat(), 'from', 'ref', 'provider', 'type']),
].concat(PROTOTYPE_NAMES);

// With every parameter at once; each parameter of a page meets every prototype name alone below.
const ODD_VALUES = [
  ...PROTOTYPE_NAMES.slice(0, 3),
  '',
  '💥\u202e\u0301ﬀ𝔘',
  '//evil.example',
  '<script>alert(1)</script>',
];
const LONG = 'é'.repeat(3000);

const query = (entries: [string, string][]) =>
  entries
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');

/** Every URL of the pass for one route (bounded: a few dozen per route). */
function urlsFor(route: string): string[] {
  const urls = ODD_VALUES.map((value) => `${route}?${query(PARAMS.map((p) => [p, value]))}`);
  // Each parameter of the page alone with each prototype name, its others ordinary.
  const own = PAGE_PARAMS[route] ?? [];
  for (const param of own) {
    for (const name of PROTOTYPE_NAMES) {
      urls.push(`${route}?${query(own.map((p) => [p, p === param ? name : 'x']))}`);
    }
  }
  // Repeated parameters arrive as arrays.
  urls.push(
    `${route}?${query(
      PARAMS.flatMap(
        (p) =>
          [
            [p, 'a'],
            [p, '__proto__'],
          ] as [string, string][],
      ),
    )}`,
  );
  // Parameters without a value, and raw brackets.
  urls.push(`${route}?${PARAMS.join('&')}&notice[]=x&a[__proto__]=1`);
  // Broken percent-encoding.
  urls.push(`${route}?notice=%E0%A4%A&error=%&callbackUrl=%2`);
  // Very long values, one parameter at a time (all at once would pass the header size limit).
  for (const param of ['notice', 'callbackUrl', 'email'])
    urls.push(`${route}?${query([[param, LONG]])}`);
  return urls;
}

async function sweep(request: APIRequestContext, routes = ROUTES): Promise<string[]> {
  const failures: string[] = [];
  const urls = routes
    .flatMap(urlsFor)
    .map((url) => url.replace(':event', E2E_EVENTS.workshop.slug));
  for (let i = 0; i < urls.length; i += 3) {
    await Promise.all(
      urls.slice(i, i + 3).map(async (url) => {
        const response = await request.get(url, { maxRedirects: 0 });
        if (response.status() >= 500) failures.push(`${response.status()} ${url.slice(0, 160)}`);
      }),
    );
  }
  return failures;
}

// The routes that answer a signed-in visitor differently (rendered per request).
const PER_VIEWER = ROUTES.filter((route) => !/\.(xml|txt)$|^\/(og|api\/events)\//.test(route));

test.describe.configure({ timeout: 360_000 });

test('query parameters: no 5xx as a reader', async ({ request }) => {
  expect(await sweep(request)).toEqual([]);
});

test('query parameters: no 5xx signed in, not a member (/account?notice=__proto__ was a 500)', async ({
  page,
}) => {
  await signIn(page, uniqueEmail('fuzz'));
  const account = await page.request.get('/account?notice=__proto__');
  expect(account.status()).toBe(200);
  expect(await sweep(page.request, PER_VIEWER)).toEqual([]);
});

test('query parameters: no 5xx as a member', async ({ page }) => {
  await becomeMember(page, uniqueEmail('fuzz-member'));
  expect(await sweep(page.request, PER_VIEWER)).toEqual([]);
});

test('query parameters: no 5xx as staff', async ({ page }) => {
  await signIn(page, STAFF_SIGNIN.fuzz);
  const admin = await page.request.get('/admin', { maxRedirects: 0 });
  expect(admin.status()).toBe(200);
  expect(await sweep(page.request, PER_VIEWER)).toEqual([]);
});

/** Sets every field of the form on the page to `value` (radios and checkboxes too) and submits it. */
async function submitWith(page: Page, formSelector: string, value: string | string[]) {
  await page.evaluate(
    ({ selector, value }) => {
      const form = document.querySelector<HTMLFormElement>(selector);
      if (!form) throw new Error(`no form ${selector}`);
      for (const element of [...form.elements]) {
        if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) {
          if (element instanceof HTMLSelectElement) {
            element.add(new Option('odd', String(value)));
            element.value = String(value);
          }
          continue;
        }
        if (element.type === 'hidden' && element.name.startsWith('$ACTION')) continue;
        if (element.name === 'formToken' || element.name === 'website') continue;
        element.removeAttribute('maxlength');
        element.removeAttribute('required');
        if (element instanceof HTMLInputElement && ['radio', 'checkbox'].includes(element.type)) {
          element.checked = true;
        }
        element.value = Array.isArray(value) ? value[0]! : value;
        if (Array.isArray(value)) {
          // The field again, so it arrives repeated.
          const extra = document.createElement('input');
          extra.type = 'hidden';
          extra.name = element.name;
          extra.value = value[1] ?? '';
          form.append(extra);
        }
      }
      form.noValidate = true;
      form.requestSubmit();
    },
    { selector: formSelector, value },
  );
}

/**
 * Posts `path`'s main form once per value, each from a fresh tab (a form that succeeds navigates
 * on its own, which would interrupt the next visit in the same tab), and returns every 5xx seen.
 */
async function postOddValues(
  page: Page,
  path: string,
  values: (string | string[])[],
): Promise<string[]> {
  const errors: string[] = [];
  for (const value of values) {
    const tab = await page.context().newPage();
    tab.on('response', (response) => {
      if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
    });
    await tab.goto(path);
    await tab.waitForLoadState('networkidle');
    const answered = tab.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().includes(path),
    );
    await submitWith(tab, 'main form', value);
    await answered;
    await tab.waitForLoadState('networkidle');
    // Closed here, while its post may still be committing a navigation (see closeTab).
    await closeTab(tab);
  }
  return errors;
}

// Tabs close while their posts may still be navigating: when readers were sent to their copies by
// a proxy.ts rewrite, which Next performed as an HTTP request to itself, this found 500s ("Failed
// to proxy … ECONNRESET") on /contact and on /events prefetches (lib/platform/reader-pages.js).
test('form fields: the contact form answers every odd value without a 5xx', async ({ page }) => {
  // Every tab of this test speaks from the same /64 of its own.
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': await speakFromOwnIp(page) });
  // Long values stay under the 64 KB action body cap (past it the body is refused: abuse.spec.ts).
  const values = [...ODD_VALUES, 'x'.repeat(4_000), ['__proto__', 'constructor']];
  expect(await postOddValues(page, '/contact', values)).toEqual([]);
});

test('form fields: the assistance form answers every odd value without a 5xx', async ({ page }) => {
  await becomeMember(page, uniqueEmail('fuzz-member'));
  const values = [...ODD_VALUES.slice(0, 5), 'x'.repeat(4_000), ['__proto__', 'x']];
  expect(await postOddValues(page, '/assistance', values)).toEqual([]);
});

test('form fields: sign-in and the webhook answer odd bodies without a 5xx', async ({
  request,
}) => {
  const csrf = ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string })
    .csrfToken;
  const statuses: string[] = [];
  const record = (label: string, status: number) => {
    if (status >= 500) statuses.push(`${status} ${label}`);
  };
  for (const value of [...ODD_VALUES, 'x'.repeat(3000)]) {
    const form = await request.post('/api/auth/signin/email', {
      form: { email: value, csrfToken: csrf, json: 'true', callbackUrl: value },
      maxRedirects: 0,
    });
    record(`form ${value}`, form.status());
    // The same form sent without its script (lib/auth/signin-form-post.ts).
    const plain = await request.post('/signin/request', {
      form: { email: value, callbackUrl: value },
      maxRedirects: 0,
    });
    record(`plain form ${value}`, plain.status());
  }
  for (const body of [
    { email: ['a@example.com', 'b@example.com'], csrfToken: csrf, json: 'true' },
    { email: { __proto__: 'x' }, csrfToken: csrf, json: 'true' },
    { email: null, csrfToken: csrf },
    { email: 42, csrfToken: csrf, json: 'true' },
    { email: 'a@example.com', csrfToken: [csrf], json: ['true'] },
  ]) {
    const json = await request.post('/api/auth/signin/email', { data: body, maxRedirects: 0 });
    record(`json ${JSON.stringify(body)}`, json.status());
  }
  for (const raw of ['not json', '{"__proto__":{"x":1}}', '[]', '', '💥'.repeat(100)]) {
    const signin = await request.post('/api/auth/signin/email', {
      data: raw,
      headers: { 'content-type': 'application/json' },
      maxRedirects: 0,
    });
    record(`raw ${raw.slice(0, 20)}`, signin.status());
    const plain = await request.post('/signin/request', {
      data: raw,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      maxRedirects: 0,
    });
    record(`plain raw ${raw.slice(0, 20)}`, plain.status());
    const webhook = await request.post('/api/stripe/webhook', {
      data: raw,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': encodeURIComponent(raw) || 't=1',
      },
    });
    record(`webhook ${raw.slice(0, 20)}`, webhook.status());
  }
  expect(statuses).toEqual([]);
});
