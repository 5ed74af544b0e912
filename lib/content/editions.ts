import 'server-only';
// The members' edition of a guide: the page as every member sees it, rendered once per guide and
// process and then served from memory to each member after their access is checked here. A
// member's guide otherwise costs a full render per request (about 5× a reader's prerendered
// copy). The edition is the same for every member because pages carry nothing personal beyond
// the viewer's audience (the header says "Account", not the address); a render that does is not
// kept. Everyone else who is signed in (non-members, lapsed members, staff, who may read drafts)
// gets the page rendered for them, as before. Content only changes with a new build, so a process
// never needs to drop an edition for being stale.
import { audienceOf, type Viewer } from '../access';
import * as z from '../forms/zod';
import { log } from '../platform/log';
import { PAGE_RENDER_HEADER, SLUG_PATTERN } from '../platform/reader-pages';
import { getGuide } from './index';

/** The marker SiteShell writes: whom a page was rendered for (an edition must say "member"). */
export const AUDIENCE_ATTRIBUTE = 'data-audience';

/** How many guides' editions a process keeps (about 150 KB of HTML each), least recently used out. */
const MAX_EDITIONS = 300;

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

/** Not kept with an edition either: a cookie set for the member it was rendered for stays theirs. */
const PERSONAL_HEADERS = new Set(['set-cookie', 'etag']);

/** Request headers not forwarded to the render: they describe this hop, not the visitor. */
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

/** The slugs the rewrite to the editions route accepts (the route can also be asked directly). */
const slugSchema = z
  .string()
  .max(120)
  .regex(new RegExp(`^${SLUG_PATTERN}$`));

/** Renders `/guides/<slug>` (with the request's query) for the person who sent `request`. */
export type RenderPage = (path: string, request: Request) => Promise<Response>;

/** A kept edition, ready to send: the body encoded and the headers settled once, when kept. */
interface Edition {
  body: Uint8Array<ArrayBuffer>;
  headers: [string, string][];
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
 * What answered a member (for operators and tests): `kept` the edition from memory, `rendered` a
 * render for them (kept for the others when it qualified).
 */
export const EDITION_HEADER = 'x-sojoourn-edition';

/** The headers of an edition: the render's own, minus what was personal, marked private. */
function editionHeaders(response: Response): [string, string][] {
  return [
    ...headersOf(
      response,
      (name) => PERSONAL_HEADERS.has(name) || name === 'cache-control' || name === 'content-type',
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

const htmlEscaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');

/**
 * Whether a page rendered for `viewer` may be shown to every member: rendered for a member, and
 * holding nothing that names this person (their address or id, raw or escaped).
 */
export function isMembersEdition(html: string, viewer: Viewer): boolean {
  if (viewer.kind !== 'user') return false;
  if (!html.includes(`${AUDIENCE_ATTRIBUTE}="member"`)) return false;
  const lowered = html.toLowerCase();
  const personal = [viewer.email, viewer.userId].map((value) => value.toLowerCase());
  return !personal.some((value) => lowered.includes(value) || lowered.includes(htmlEscaped(value)));
}

export function createGuideEditions({
  renderPage,
  maxEditions = MAX_EDITIONS,
  now = () => new Date(),
}: {
  renderPage: RenderPage;
  maxEditions?: number;
  now?: () => Date;
}) {
  /** Slug → members' edition, in least-recently-used order (a Map keeps insertion order). */
  const editions = new Map<string, Edition>();

  function keep(slug: string, edition: Edition) {
    editions.delete(slug);
    editions.set(slug, edition);
    while (editions.size > maxEditions) {
      const oldest = editions.keys().next().value;
      if (oldest === undefined) break;
      editions.delete(oldest);
    }
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
      const search = new URL(request.url).search;
      const path = `/guides/${slug}${search}`;
      let viewer: Viewer;
      try {
        viewer = await readViewer();
      } catch (error) {
        // The session or membership could not be read (database down): the page answers for
        // itself, with the site's own error page if it cannot either.
        log.warn({ event: 'editions.viewer_unread', err: error }, 'could not read the viewer');
        return passOn(await renderPage(path, request));
      }
      const guide = getGuide(slug, viewer);
      if (audienceOf(viewer, now()) !== 'member' || !guide || guide.draft) {
        return passOn(await renderPage(path, request));
      }
      const kept = editions.get(slug);
      if (kept) {
        keep(slug, kept);
        return serve(kept, 'kept');
      }
      // Rendered for this member; kept for every member only if it is the members' edition.
      const response = await renderPage(path, request);
      if (response.status !== 200) return passOn(response);
      const html = await response.text();
      const edition = { body: new TextEncoder().encode(html), headers: editionHeaders(response) };
      if (isMembersEdition(html, viewer)) keep(slug, edition);
      return serve(edition, 'rendered');
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

/** Asks this server for the page itself, as the visitor (their cookies, language…). */
const renderOwnPage: RenderPage = (path, request) => {
  const headers = new Headers(request.headers);
  for (const name of UNFORWARDED_REQUEST_HEADERS) headers.delete(name);
  headers.set(PAGE_RENDER_HEADER, '1');
  return fetch(new URL(path, ownOrigin()), {
    headers,
    redirect: 'manual',
    cache: 'no-store',
    signal: request.signal,
  });
};

export const guideEditions = createGuideEditions({ renderPage: renderOwnPage });
