import 'server-only';
// The members' edition of a guide: the page as every member sees it, rendered once per guide and
// process and then served from memory to each member after their access is checked here. A member's
// guide otherwise costs a full render per request (about 5× a reader's prerendered copy). The
// edition is personal-free by construction: it is rendered by app/members-edition for a synthetic
// member (no id, no address, no cookie), asked for by this module at the guide's address with no
// query, never from a visitor's request, so nothing a visitor sends can reach another one. It is
// kept only when the render came out whole (the full guide, no error boundary, no not-found).
// Everyone else who is signed in (non-members, lapsed members, staff, who may read drafts) gets the
// page rendered for them, as before. Content only changes with a new build, so an edition never
// goes stale.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { audienceOf, type SignedInViewer, type Viewer } from '../access';
import * as z from '../forms/zod';
import { log } from '../platform/log';
import {
  EDITION_KEY_HEADER,
  PAGE_RENDER_HEADER,
  SLUG_PATTERN,
} from '../platform/reader-pages';
import { getGuide } from './index';

/** The marker SiteShell writes: whom a page was rendered for (an edition must say "member"). */
export const AUDIENCE_ATTRIBUTE = 'data-audience';

/**
 * Written by app/members-edition after the whole guide: a render that stopped early, or drew an
 * error or not-found page instead, does not carry it for this slug.
 */
export const EDITION_COMPLETE_ATTRIBUTE = 'data-members-edition-complete';

/** How many guides' editions a process keeps (about 150 KB of HTML each), least recently used out. */
const MAX_EDITIONS = 300;

/** How long an edition render may take before the member is answered with their own page. */
const EDITION_RENDER_TIMEOUT_MS = 20_000;

/** A signed-in member's page is theirs: never stored by a browser or a cache in front. */
const EDITION_CACHE_CONTROL = 'private, no-cache, no-store, max-age=0, must-revalidate';

/** Response headers not re-sent: the body is re-sent whole and uncompressed (Next compresses it). */
const HOP_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
]);

/** Not kept with an edition: a cookie or validator belongs to one response, not to every member. */
const UNKEPT_HEADERS = new Set(['set-cookie', 'etag']);

/** Request headers not forwarded to a visitor's own render: they describe this hop, not the visitor. */
const UNFORWARDED_REQUEST_HEADERS = [
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'expect',
  'upgrade',
];

/**
 * What a render that is not the whole guide leaves in its HTML: React's marker of a boundary that
 * errored, an error's digest, Next's not-found and redirect errors.
 */
const BROKEN_RENDER_MARKS = ['<!--$!-->', 'data-dgst', 'NEXT_HTTP_ERROR_FALLBACK', 'NEXT_REDIRECT'];

/** The slugs the rewrite to the editions route accepts (the route can also be asked directly). */
const slugSchema = z
  .string()
  .max(120)
  .regex(new RegExp(`^${SLUG_PATTERN}$`));

/**
 * Asks this server for a page (the server's own HTTP request to itself): the editions build every
 * request they send, so what reaches a render is exactly what is passed here.
 */
export type FetchPage = (path: string, headers: Headers, signal?: AbortSignal) => Promise<Response>;

/** A kept edition, ready to send: the body encoded and the headers settled once, when kept. */
interface Edition {
  body: Uint8Array<ArrayBuffer>;
  headers: [string, string][];
}

/**
 * Whom the edition is rendered for: a member with no identity (no id, no address), whose paid
 * period runs around `now`. Nothing of a real person is ever in scope of the render.
 */
export function membersEditionViewer(now: Date = new Date()): SignedInViewer {
  const day = 24 * 3600_000;
  return {
    kind: 'user',
    userId: '',
    email: '',
    isStaff: false,
    membership: {
      status: 'active',
      currentPeriodStart: new Date(now.getTime() - day),
      currentPeriodEnd: new Date(now.getTime() + day),
      cancelAtPeriodEnd: false,
      startedAt: new Date(now.getTime() - day),
    },
  };
}

/**
 * This process's edition key, made once per process at random and shared by its route bundles
 * (globalThis): app/members-edition renders only for a request that carries it, i.e. this module's.
 */
function editionKey(): string {
  const holder = globalThis as typeof globalThis & { sojoournEditionKey?: string };
  holder.sojoournEditionKey ??= randomBytes(32).toString('base64url');
  return holder.sojoournEditionKey;
}

/** Whether a request to app/members-edition came from this process's editions (its key). */
export function isEditionRenderRequest(headers: Headers): boolean {
  const given = Buffer.from(headers.get(EDITION_KEY_HEADER) ?? '');
  const expected = Buffer.from(editionKey());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether a render of app/members-edition for `slug` may be kept for every member: a 200 HTML page
 * drawn for a member that reached the end of the guide and holds no error or not-found.
 */
export function isCleanEdition(response: Response, html: string, slug: string): boolean {
  return (
    response.status === 200 &&
    (response.headers.get('content-type') ?? '').startsWith('text/html') &&
    html.includes(`${AUDIENCE_ATTRIBUTE}="member"`) &&
    html.includes(`${EDITION_COMPLETE_ATTRIBUTE}="${slug}"`) &&
    !BROKEN_RENDER_MARKS.some((mark) => html.includes(mark))
  );
}

const headersOf = (response: Response, leaveOut: (name: string) => boolean) =>
  [...response.headers].filter(([name]) => !HOP_HEADERS.has(name) && !leaveOut(name));

/** The page rendered for this person, re-sent to them as it came (cookies included). */
function passOn(response: Response): Response {
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: headersOf(response, () => false),
  });
}

/**
 * What answered a member (for operators and tests): `kept` the edition from memory, `rendered` the
 * edition just rendered (and kept) for them.
 */
export const EDITION_HEADER = 'x-sojoourn-edition';

/** The headers of an edition: the render's own, minus what belongs to one response, marked private. */
function editionHeaders(response: Response): [string, string][] {
  return [
    ...headersOf(
      response,
      (name) => UNKEPT_HEADERS.has(name) || name === 'cache-control' || name === 'content-type',
    ),
    ['cache-control', EDITION_CACHE_CONTROL],
    ['content-type', 'text/html; charset=utf-8'],
  ];
}

function serve(edition: Edition, source: 'kept' | 'rendered'): Response {
  return new Response(edition.body, {
    status: 200,
    headers: [...edition.headers, [EDITION_HEADER, source]],
  });
}

export function createGuideEditions({
  fetchPage,
  maxEditions = MAX_EDITIONS,
  renderTimeoutMs = EDITION_RENDER_TIMEOUT_MS,
  now = () => new Date(),
}: {
  fetchPage: FetchPage;
  maxEditions?: number;
  renderTimeoutMs?: number;
  now?: () => Date;
}) {
  /** Slug → members' edition, in least-recently-used order (a Map keeps insertion order). */
  const editions = new Map<string, Edition>();
  /** Slug → the edition render under way: members arriving meanwhile wait for the same one. */
  const rendering = new Map<string, Promise<Edition | null>>();

  /**
   * The edition's render: the guide's address with no query, no cookie, nothing of anyone, only
   * the key (next.config.js rewrites it to app/members-edition).
   */
  const renderEdition = (slug: string) =>
    fetchPage(
      `/guides/${slug}`,
      new Headers({ [EDITION_KEY_HEADER]: editionKey() }),
      AbortSignal.timeout(renderTimeoutMs),
    );

  /** `/guides/<slug>` (with the visitor's query) rendered for the visitor, as they asked. */
  function renderForVisitor(path: string, request: Request) {
    const headers = new Headers(request.headers);
    for (const name of UNFORWARDED_REQUEST_HEADERS) headers.delete(name);
    headers.delete(EDITION_KEY_HEADER);
    headers.set(PAGE_RENDER_HEADER, '1');
    return fetchPage(path, headers, request.signal);
  }

  function keep(slug: string, edition: Edition) {
    editions.delete(slug);
    editions.set(slug, edition);
    while (editions.size > maxEditions) {
      const oldest = editions.keys().next().value;
      if (oldest === undefined) break;
      editions.delete(oldest);
    }
  }

  /** Renders the edition and keeps it if it came out whole; null (nothing kept) otherwise. */
  async function renderAndKeep(slug: string): Promise<Edition | null> {
    try {
      const response = await renderEdition(slug);
      const html = await response.text();
      if (!isCleanEdition(response, html, slug)) {
        log.warn(
          { event: 'editions.render_unclean', slug, status: response.status },
          'members’ edition not kept: the render was not the whole guide',
        );
        return null;
      }
      const edition = { body: new TextEncoder().encode(html), headers: editionHeaders(response) };
      keep(slug, edition);
      return edition;
    } catch (error) {
      log.warn({ event: 'editions.render_failed', slug, err: error }, 'members’ edition failed');
      return null;
    }
  }

  function sharedRender(slug: string): Promise<Edition | null> {
    const underway = rendering.get(slug);
    if (underway) return underway;
    const render = renderAndKeep(slug).finally(() => rendering.delete(slug));
    rendering.set(slug, render);
    return render;
  }

  return {
    /**
     * The answer to a signed-in visitor's request for `/guides/<slug>`. Access is decided here,
     * where the edition is read: only a member (not staff: they may read drafts) is given it.
     */
    async respond(
      request: Request,
      rawSlug: string,
      readViewer: () => Promise<Viewer>,
    ): Promise<Response> {
      const parsed = slugSchema.safeParse(rawSlug);
      if (!parsed.success) return new Response('Not found', { status: 404 });
      const slug = parsed.data;
      const ownPath = `/guides/${slug}${new URL(request.url).search}`;
      let viewer: Viewer;
      try {
        viewer = await readViewer();
      } catch (error) {
        // The session or membership could not be read (database down): the page answers for
        // itself, with the site's own error page if it cannot either.
        log.warn({ event: 'editions.viewer_unread', err: error }, 'could not read the viewer');
        return passOn(await renderForVisitor(ownPath, request));
      }
      const guide = getGuide(slug, viewer);
      if (audienceOf(viewer, now()) !== 'member' || !guide || guide.draft) {
        return passOn(await renderForVisitor(ownPath, request));
      }
      const kept = editions.get(slug);
      if (kept) {
        keep(slug, kept);
        return serve(kept, 'kept');
      }
      const edition = await sharedRender(slug);
      if (edition) return serve(edition, 'rendered');
      // No whole edition this time: this member gets the page rendered for them alone, as any
      // signed-in visitor does, and the next member's request tries the edition again.
      return passOn(await renderForVisitor(ownPath, request));
    },
    /** How many editions are kept (for tests). */
    size: () => editions.size,
  };
}

/**
 * This server, as it listens: `next start` records its own origin (with the `-H` host) in
 * __NEXT_PRIVATE_ORIGIN; PORT is the public fallback it also sets.
 */
function ownOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
}

/** This server's own answer to `path`, unfollowed and uncached. */
const fetchOwnPage: FetchPage = (path, headers, signal) =>
  fetch(new URL(path, ownOrigin()), { headers, redirect: 'manual', cache: 'no-store', signal });

export const guideEditions = createGuideEditions({ fetchPage: fetchOwnPage });
