// The members' edition: rendered for nobody (a synthetic member, no cookie, no query), kept only
// when the render came out whole, given only to members; everyone else gets their own page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { audienceOf, type MembershipState, type Viewer } from '../access';
import {
  createGuideEditions,
  EDITION_COMPLETE_ATTRIBUTE,
  isCleanEdition,
  isEditionRenderRequest,
  membersEditionViewer,
  type FetchPage,
} from './editions';

vi.mock('./index', () => ({
  getGuide: (slug: string, viewer: Viewer) => {
    if (slug === 'carte-vitale' || slug === 'bank-account') return { slug, draft: false };
    if (slug === 'work-in-progress' && viewer.kind === 'user' && viewer.isStaff)
      return { slug, draft: true };
    return undefined;
  },
}));

const NOW = new Date('2026-11-30T12:00:00Z');
const day = 24 * 3600_000;
const membership = (status: string): MembershipState => ({
  status,
  currentPeriodStart: new Date(NOW.getTime() - 10 * day),
  currentPeriodEnd: new Date(NOW.getTime() + 20 * day),
  cancelAtPeriodEnd: false,
  startedAt: new Date(NOW.getTime() - 40 * day),
});
const person = (
  name: string,
  status: string | null,
  isStaff = false,
): Extract<Viewer, { kind: 'user' }> => ({
  kind: 'user',
  userId: `user-${name}`,
  email: `${name}@example.com`,
  isStaff,
  membership: status ? membership(status) : null,
});

const alice = person('alice', 'active');
const bruno = person('bruno', 'active');
const carla = person('carla', null);
const lapsed = person('dora', 'canceled');
const staff = person('staff', null, true);
const people = [alice, bruno, carla, lapsed, staff];

const TIP = 'The members’ tip.';
const audience = (viewer: Viewer) => audienceOf(viewer, NOW);

/** How the site's render of a guide can go wrong while still answering. */
type Breakage =
  | 'none'
  | 'error-boundary'
  | 'not-found'
  | 'status-500'
  | 'cut-short'
  | 'unreachable'
  | 'hangs';

/**
 * This site as the editions' own requests reach it: the page is drawn for whoever the request
 * names (the session cookie, or the synthetic member when it carries the editions' key), and, as
 * real pages can (a canonical link, a tracking pixel, a greeting), it repeats the query and the
 * viewer's address.
 */
function fakeSite() {
  const calls: { path: string; headers: Headers; viewer: Viewer }[] = [];
  let breakage: Breakage = 'none';
  const fetchPage: FetchPage = async (path, headers, signal) => {
    const url = new URL(path, 'http://127.0.0.1:3000');
    const slug = url.pathname.split('/')[2] ?? '';
    const forEdition = isEditionRenderRequest(headers);
    const cookie = /next-auth\.session-token=([a-z]+)/.exec(headers.get('cookie') ?? '')?.[1];
    const viewer: Viewer = forEdition
      ? membersEditionViewer(NOW)
      : (people.find((candidate) => candidate.userId === `user-${cookie}`) ?? { kind: 'reader' });
    calls.push({ path, headers, viewer });
    // Only the edition's render breaks: a visitor's own render still shows what went wrong there.
    const broken = forEdition ? breakage : 'none';
    if (broken === 'unreachable') throw new TypeError('fetch failed');
    if (broken === 'hangs') {
      return new Promise<Response>((_, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason)),
      );
    }
    const who = audience(viewer);
    const greeting = viewer.kind === 'user' ? `<p>Signed in as ${viewer.email}</p>` : '';
    const tracking = `<link rel="canonical" href="${url.pathname}${url.search.replace(/&/g, '&amp;')}">`;
    let main =
      who === 'member' || who === 'staff'
        ? `<section data-members-section="open">${TIP}</section>`
        : '<section data-members-section="locked">Join the club.</section>';
    if (forEdition) main += `<span hidden ${EDITION_COMPLETE_ATTRIBUTE}="${slug}"></span>`;
    if (broken === 'error-boundary')
      main = '<!--$!--><template data-dgst="1234"></template><h2>Something went wrong</h2>';
    if (broken === 'not-found') main = '<h1>Page not found</h1><!-- NEXT_HTTP_ERROR_FALLBACK;404 -->';
    if (broken === 'cut-short') main = main.replace(/<span hidden[^>]*><\/span>/, '');
    const html = `<!DOCTYPE html><html><head>${tracking}</head><body>${greeting}<main data-audience="${who}">${main}</main></body></html>`;
    return new Response(html, {
      status: broken === 'status-500' ? 500 : 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': 'next-auth.session-token=rotated; HttpOnly',
        etag: '"abc"',
        vary: 'rsc, Accept-Encoding',
        'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      },
    });
  };
  return {
    calls,
    fetchPage,
    breaks(next: Breakage) {
      breakage = next;
    },
  };
}

/** A signed-in visitor's request for a guide, as the rewrite hands it to the editions route. */
const requestOf = (viewer: Viewer, slug: string, query: string) =>
  new Request(`http://127.0.0.1:3000/api/editions/guides/${slug}${query}`, {
    headers:
      viewer.kind === 'user'
        ? { cookie: `next-auth.session-token=${viewer.userId.slice('user-'.length)}` }
        : {},
  });

describe('guide editions', () => {
  let site: ReturnType<typeof fakeSite>;
  let editions: ReturnType<typeof createGuideEditions>;

  beforeEach(() => {
    site = fakeSite();
    editions = createGuideEditions({ fetchPage: site.fetchPage, now: () => NOW });
  });

  async function visit(viewer: Viewer, slug = 'carte-vitale', query = '') {
    const response = await editions.respond(
      requestOf(viewer, slug, query),
      slug,
      async () => viewer,
    );
    return { response, html: await response.text() };
  }

  it('renders the edition for nobody: a member’s query, name or address never reaches another', async () => {
    const first = await visit(alice, 'carte-vitale', '?mc_eid=ALICE7f3a&utm_term=Alice+Martin');
    const second = await visit(bruno);
    const third = await visit(alice);
    for (const { response, html } of [first, second, third]) {
      expect(response.status).toBe(200);
      expect(html).toContain(TIP);
      expect(html).toContain('data-audience="member"');
      for (const personal of ['ALICE7f3a', 'Alice', 'alice', 'bruno', 'utm_term', 'mc_eid'])
        expect(html).not.toContain(personal);
      expect(response.headers.get('cache-control')).toBe(
        'private, no-cache, no-store, max-age=0, must-revalidate',
      );
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('etag')).toBeNull();
    }
    expect([first, second, third].map(({ response }) => response.headers.get('x-sojoourn-edition'))).toEqual(
      ['rendered', 'kept', 'kept'],
    );
    // One render, asked for with the guide's bare address and nothing of the visitor.
    expect(site.calls).toHaveLength(1);
    const [render] = site.calls;
    expect(render?.path).toBe('/guides/carte-vitale');
    expect([...(render?.headers.keys() ?? [])]).toEqual(['x-sojoourn-edition-key']);
    expect(editions.size()).toBe(1);
  });

  it('never gives the edition to a signed-in non-member, a lapsed member or staff', async () => {
    await visit(alice);
    for (const viewer of [carla, lapsed, staff]) {
      const { response, html } = await visit(viewer, 'carte-vitale', '?utm_source=newsletter');
      expect(html).toContain(`data-audience="${audience(viewer)}"`);
      if (viewer !== staff) expect(html).not.toContain(TIP);
      expect(response.headers.get('x-sojoourn-edition')).toBeNull();
      // Their own page, rendered for them as they asked (their cookie and query), passed on whole.
      expect(response.headers.get('set-cookie')).toContain('next-auth.session-token');
    }
    expect(site.calls.map((call) => call.viewer)).toEqual([
      membersEditionViewer(NOW),
      carla,
      lapsed,
      staff,
    ]);
    expect(site.calls[1]?.path).toBe('/guides/carte-vitale?utm_source=newsletter');
    expect(site.calls[1]?.headers.get('x-sojoourn-page-render')).toBe('1');
  });

  it('decides with the membership as it is now: a period that just ended opens nothing', async () => {
    await visit(alice);
    const ended = person('erin', 'active');
    ended.membership = {
      ...membership('active'),
      cancelAtPeriodEnd: true,
      currentPeriodEnd: new Date(NOW.getTime() - 1000),
    };
    const { html } = await visit(ended);
    expect(html).not.toContain(TIP);
    expect(site.calls).toHaveLength(2);
  });

  const breakages: Breakage[] = [
    'error-boundary',
    'not-found',
    'status-500',
    'cut-short',
    'unreachable',
    'hangs',
  ];
  it.each(breakages)(
    'keeps no render that is not the whole guide (%s); the next member gets a correct page',
    async (breakage) => {
      editions = createGuideEditions({
        fetchPage: site.fetchPage,
        renderTimeoutMs: 20,
        now: () => NOW,
      });
      site.breaks(breakage);
      const failed = await editions.respond(
        requestOf(alice, 'carte-vitale', ''),
        'carte-vitale',
        async () => alice,
      );
      expect(editions.size()).toBe(0);
      // Alice was answered with the page rendered for her alone, as any signed-in visitor is.
      expect(failed.headers.get('x-sojoourn-edition')).toBeNull();
      expect(site.calls.at(-1)?.viewer).toEqual(alice);
      expect(await failed.text()).toContain(TIP);

      site.breaks('none');
      const next = await visit(bruno);
      expect(next.response.status).toBe(200);
      expect(next.html).toContain(TIP);
      expect(next.html).not.toContain('Something went wrong');
      expect(next.html).not.toContain('alice');
      expect(next.response.headers.get('x-sojoourn-edition')).toBe('rendered');
      expect(editions.size()).toBe(1);
    },
  );

  it('members arriving together wait for one render', async () => {
    const answers = await Promise.all([visit(alice), visit(bruno), visit(alice)]);
    expect(site.calls).toHaveLength(1);
    for (const { html } of answers) expect(html).toContain(TIP);
  });

  it('drafts and unknown guides are rendered per person (staff read drafts, others get 404)', async () => {
    const unknown = await visit(alice, 'no-such-guide');
    expect(unknown.response.headers.get('x-sojoourn-edition')).toBeNull();
    expect(site.calls.at(-1)?.viewer).toEqual(alice);
    await visit(staff, 'work-in-progress');
    expect(site.calls.at(-1)?.path).toBe('/guides/work-in-progress');
    expect(site.calls.at(-1)?.viewer).toEqual(staff);
    expect(editions.size()).toBe(0);
  });

  it('made-up slugs keep nothing in memory: 300 of them, no edition, no render left waiting', async () => {
    for (let index = 0; index < 300; index += 1) {
      const { response } = await visit(alice, `made-up-${index}`);
      expect(response.headers.get('x-sojoourn-edition')).toBeNull();
    }
    expect(editions.size()).toBe(0);
    expect(site.calls.every((call) => call.viewer === alice)).toBe(true);
  });

  it('when the viewer cannot be read, the page answers for itself (nothing kept)', async () => {
    await visit(alice);
    const response = await editions.respond(
      requestOf({ kind: 'reader' }, 'carte-vitale', ''),
      'carte-vitale',
      () => Promise.reject(new Error('database down')),
    );
    expect(await response.text()).not.toContain(TIP);
    expect(site.calls).toHaveLength(2);
  });

  it('refuses a slug that is not one, without rendering anything', async () => {
    for (const slug of ['../admin', 'Carte-Vitale', 'a'.repeat(121), '']) {
      const response = await editions.respond(requestOf(alice, 'x', ''), slug, async () => alice);
      expect(response.status).toBe(404);
    }
    expect(site.calls).toHaveLength(0);
  });

  it('keeps at most maxEditions guides, least recently used out', async () => {
    editions = createGuideEditions({ fetchPage: site.fetchPage, maxEditions: 1, now: () => NOW });
    await visit(alice, 'carte-vitale');
    await visit(alice, 'bank-account');
    expect(editions.size()).toBe(1);
    await visit(bruno, 'carte-vitale');
    await visit(bruno, 'carte-vitale');
    expect(site.calls.map((call) => call.path)).toEqual([
      '/guides/carte-vitale',
      '/guides/bank-account',
      '/guides/carte-vitale',
    ]);
  });
});

describe('the edition’s render', () => {
  it('is for a member with no identity', () => {
    const viewer = membersEditionViewer(NOW);
    expect(audienceOf(viewer, NOW)).toBe('member');
    expect(viewer).toMatchObject({ userId: '', email: '', isStaff: false });
  });

  it('answers only the editions’ own requests (their key)', async () => {
    const site = fakeSite();
    const editions = createGuideEditions({ fetchPage: site.fetchPage, now: () => NOW });
    await editions.respond(requestOf(alice, 'carte-vitale', ''), 'carte-vitale', async () => alice);
    const key = site.calls[0]?.headers.get('x-sojoourn-edition-key') ?? '';
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(isEditionRenderRequest(new Headers({ 'x-sojoourn-edition-key': key }))).toBe(true);
    for (const forged of ['', '1', key.slice(1), `${key.slice(0, -1)}x`, `${key}x`])
      expect(isEditionRenderRequest(new Headers({ 'x-sojoourn-edition-key': forged }))).toBe(false);
    expect(isEditionRenderRequest(new Headers())).toBe(false);
  });

  it('is clean only when whole: 200 HTML, for a member, to the end of this guide, no error', () => {
    const html = (main: string, audienceValue = 'member') =>
      `<html><body><main data-audience="${audienceValue}">${main}</main></body></html>`;
    const whole = `${TIP}<span hidden ${EDITION_COMPLETE_ATTRIBUTE}="carte-vitale"></span>`;
    const ok = (status = 200, type = 'text/html; charset=utf-8') =>
      new Response(null, { status, headers: { 'content-type': type } });
    expect(isCleanEdition(ok(), html(whole), 'carte-vitale')).toBe(true);
    expect(isCleanEdition(ok(), html(whole), 'bank-account')).toBe(false);
    expect(isCleanEdition(ok(), html(whole, 'user'), 'carte-vitale')).toBe(false);
    expect(isCleanEdition(ok(404), html(whole), 'carte-vitale')).toBe(false);
    expect(isCleanEdition(ok(200, 'text/x-component'), html(whole), 'carte-vitale')).toBe(false);
    expect(isCleanEdition(ok(), html(TIP), 'carte-vitale')).toBe(false);
    for (const mark of ['<!--$!-->', '<template data-dgst="1"></template>', 'NEXT_HTTP_ERROR_FALLBACK;404', 'NEXT_REDIRECT;replace'])
      expect(isCleanEdition(ok(), html(`${whole}${mark}`), 'carte-vitale'), mark).toBe(false);
  });
});
