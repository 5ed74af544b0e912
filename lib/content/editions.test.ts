// The members' edition: only a member is given it, it is rendered once per guide, and a render
// that is not the members' edition (another audience, anything personal) is never kept.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { audienceOf, type MembershipState, type Viewer } from '../access';
import { createGuideEditions, isMembersEdition, type RenderPage } from './editions';

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

const anna = person('anna', 'active');
const bruno = person('bruno', 'active');
const carla = person('carla', null);
const lapsed = person('dora', 'canceled');
const staff = person('staff', null, true);

/** A page as SiteShell renders it for `viewer`'s audience, with what a member or a reader sees. */
function pageFor(audience: string, extra = '') {
  const body =
    audience === 'member'
      ? '<section data-members-section="open">The members’ tip.</section>'
      : '<section data-members-section="locked">Join the club.</section>';
  return `<!DOCTYPE html><html><body><main data-audience="${audience}">${body}${extra}</main></body></html>`;
}

function fakeRenderer(render: (viewer: Viewer) => string, status = 200) {
  const calls: { path: string; viewer: Viewer }[] = [];
  let current: Viewer = { kind: 'reader' };
  const renderPage: RenderPage = async (path) => {
    calls.push({ path, viewer: current });
    return new Response(render(current), {
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': 'next-auth.session-token=rotated; HttpOnly',
        vary: 'rsc, Accept-Encoding',
        'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      },
    });
  };
  return {
    calls,
    renderPage,
    /** The renderer sees the requester as the page would (their cookie). */
    as(viewer: Viewer) {
      current = viewer;
    },
  };
}

const audience = (viewer: Viewer) => audienceOf(viewer, NOW);

const request = (slug: string, query = '') =>
  new Request(`http://127.0.0.1:3000/api/editions/guides/${slug}${query}`);

describe('guide editions', () => {
  let renderer: ReturnType<typeof fakeRenderer>;
  let editions: ReturnType<typeof createGuideEditions>;

  beforeEach(() => {
    renderer = fakeRenderer((viewer) => pageFor(audience(viewer)));
    editions = createGuideEditions({ renderPage: renderer.renderPage, now: () => NOW });
  });

  async function visit(viewer: Viewer, slug = 'carte-vitale', query = '') {
    renderer.as(viewer);
    const response = await editions.respond(request(slug, query), slug, async () => viewer);
    return { response, html: await response.text() };
  }

  it('renders the members’ edition once, then serves it to every member', async () => {
    const first = await visit(anna);
    const second = await visit(bruno);
    const third = await visit(anna);
    for (const visitResult of [first, second, third]) {
      expect(visitResult.response.status).toBe(200);
      expect(visitResult.html).toContain('The members’ tip.');
      expect(visitResult.response.headers.get('cache-control')).toBe(
        'private, no-cache, no-store, max-age=0, must-revalidate',
      );
      expect(visitResult.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
    expect(renderer.calls).toHaveLength(1);
    expect(editions.size()).toBe(1);
    expect(
      [first, second, third].map((visit) => visit.response.headers.get('x-sojoourn-edition')),
    ).toEqual(['rendered', 'kept', 'kept']);
    // A cookie the render set was the first member's: the edition never carries it.
    expect(second.response.headers.get('set-cookie')).toBeNull();
    expect(first.response.headers.get('set-cookie')).toBeNull();
    // A page rendered for one person is passed on to them whole, their cookie included.
    const own = await visit(carla);
    expect(own.response.headers.get('set-cookie')).toContain('next-auth.session-token');
  });

  it('never gives the edition to a signed-in non-member, a lapsed member or staff', async () => {
    await visit(anna);
    for (const viewer of [carla, lapsed, staff]) {
      const { html } = await visit(viewer);
      expect(html).not.toContain('The members’ tip.');
      expect(html).toContain(`data-audience="${audience(viewer)}"`);
    }
    // Each was rendered for them; the edition was rendered once, for Anna.
    expect(renderer.calls.map((call) => call.viewer)).toEqual([anna, carla, lapsed, staff]);
  });

  it('decides with the membership as it is now: a period that just ended opens nothing', async () => {
    await visit(anna);
    const ended = person('erin', 'active');
    ended.membership = {
      ...membership('active'),
      cancelAtPeriodEnd: true,
      currentPeriodEnd: new Date(NOW.getTime() - 1000),
    };
    const { html } = await visit(ended);
    expect(html).toBe(pageFor('user'));
    expect(renderer.calls.map((call) => call.viewer)).toEqual([anna, ended]);
  });

  it('keeps nothing rendered for another audience or naming the person', async () => {
    // The membership lapsed between the check and the render: the page came back gated.
    renderer = fakeRenderer(() => pageFor('user'));
    editions = createGuideEditions({ renderPage: renderer.renderPage, now: () => NOW });
    expect((await visit(anna)).html).toContain('Join the club.');
    expect(editions.size()).toBe(0);

    // A page that names the member who asked for it stays theirs.
    const namings: ((viewer: Extract<Viewer, { kind: 'user' }>) => string)[] = [
      (viewer) => viewer.email,
      (viewer) => viewer.email.toUpperCase(),
      (viewer) => viewer.userId,
    ];
    for (const naming of namings) {
      renderer = fakeRenderer((viewer) =>
        pageFor(audience(viewer), viewer.kind === 'user' ? `Hello ${naming(viewer)}` : ''),
      );
      editions = createGuideEditions({ renderPage: renderer.renderPage, now: () => NOW });
      expect((await visit(anna)).html).toContain(`Hello ${naming(anna)}`);
      const forBruno = await visit(bruno);
      expect(forBruno.html).toContain(`Hello ${naming(bruno)}`);
      expect(forBruno.html).not.toContain(naming(anna));
      expect(renderer.calls).toHaveLength(2);
      expect(editions.size()).toBe(0);
    }
  });

  it('drafts and unknown guides are rendered per person (staff read drafts, others get 404)', async () => {
    const notFound = fakeRenderer(() => 'Not found');
    editions = createGuideEditions({ renderPage: notFound.renderPage, now: () => NOW });
    notFound.as(anna);
    const response = await editions.respond(request('no-such-guide'), 'no-such-guide', async () => anna);
    expect(notFound.calls).toHaveLength(1);
    expect(editions.size()).toBe(0);
    expect(response.status).toBe(200);

    const gone = fakeRenderer(() => 'Not found', 404);
    editions = createGuideEditions({ renderPage: gone.renderPage, now: () => NOW });
    expect((await editions.respond(request('carte-vitale'), 'carte-vitale', async () => anna)).status).toBe(
      404,
    );
    expect(editions.size()).toBe(0);

    editions = createGuideEditions({ renderPage: renderer.renderPage, now: () => NOW });
    await visit(staff, 'work-in-progress');
    expect(renderer.calls.at(-1)?.path).toBe('/guides/work-in-progress');
    expect(editions.size()).toBe(0);
  });

  it('when the viewer cannot be read, the page answers for itself (nothing kept)', async () => {
    await visit(anna);
    renderer.as({ kind: 'reader' });
    const response = await editions.respond(request('carte-vitale'), 'carte-vitale', () =>
      Promise.reject(new Error('database down')),
    );
    expect(await response.text()).not.toContain('The members’ tip.');
    expect(renderer.calls).toHaveLength(2);
  });

  it('refuses a slug that is not one, without rendering anything', async () => {
    for (const slug of ['../admin', 'Carte-Vitale', 'a'.repeat(121), '']) {
      const response = await editions.respond(request('x'), slug, async () => anna);
      expect(response.status).toBe(404);
    }
    expect(renderer.calls).toHaveLength(0);
  });

  it('passes the query on to the render, and keeps at most maxEditions guides', async () => {
    await visit(carla, 'carte-vitale', '?utm_source=newsletter');
    expect(renderer.calls[0]?.path).toBe('/guides/carte-vitale?utm_source=newsletter');

    editions = createGuideEditions({
      renderPage: renderer.renderPage,
      maxEditions: 1,
      now: () => NOW,
    });
    renderer.calls.length = 0;
    await visit(anna, 'carte-vitale');
    await visit(anna, 'bank-account');
    expect(editions.size()).toBe(1);
    // The least recently used went out: it is rendered again, the other is still kept.
    await visit(bruno, 'carte-vitale');
    await visit(bruno, 'carte-vitale');
    expect(renderer.calls.map((call) => call.path)).toEqual([
      '/guides/carte-vitale',
      '/guides/bank-account',
      '/guides/carte-vitale',
    ]);
  });
});

describe('isMembersEdition', () => {
  it('needs the member marker and nothing of the person', () => {
    expect(isMembersEdition(pageFor('member'), anna)).toBe(true);
    expect(isMembersEdition(pageFor('user'), anna)).toBe(false);
    expect(isMembersEdition(pageFor('staff'), anna)).toBe(false);
    expect(isMembersEdition(pageFor('member', 'title="anna@example.com"'), anna)).toBe(false);
    expect(isMembersEdition(pageFor('member'), { kind: 'reader' })).toBe(false);
    const quoted = { ...anna, email: "o'neil@example.com" };
    expect(isMembersEdition(pageFor('member', 'o&#x27;neil@example.com'), quoted)).toBe(false);
  });
});
