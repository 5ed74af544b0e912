// Everything JavaScript adds to a server-rendered page, as plain DOM code: the one implementation
// both audiences run. Readers' prerendered copies load it as a small script of their own (the
// framework's runtime is stripped from them: scripts/reader-copies.ts); the full app runs the same
// function from components/PageEnhancements.tsx after each navigation. Every part is progressive:
// without JavaScript the page already works (forms post, <details> open, boxes tick).
// Client-safe: no imports but pure text rules, no React.
import { placesInAllText, placesLeftText } from '@/lib/events/rules';

/** Undoes what an enhancement did (listeners, observers), so a client navigation can re-run it. */
type Cleanup = () => void;

/**
 * The header: the search forms (SearchBox) go to /search?q=… instead of the no-JS fallback,
 * /guides; "/" anywhere outside a text field jumps to the header's search box; "Sign in"
 * (data-signin-link) brings the person back to the page and section they were on; Escape or a
 * click elsewhere closes the phone menu (a <details data-mobile-menu>).
 */
function header(doc: Document): Cleanup {
  const onSubmit = (event: SubmitEvent) => {
    const form = event.target as HTMLFormElement;
    if (!form.matches('[data-search-box]')) return;
    // Read after this handler: the browser then sends the form to /search?q=….
    form.action = '/search';
    const query = form.elements.namedItem('q') as HTMLInputElement | null;
    if (query) query.value = query.value.trim();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      const menu = doc.querySelector<HTMLDetailsElement>('details[data-mobile-menu][open]');
      if (menu) {
        menu.open = false;
        menu.querySelector('summary')?.focus();
      }
      return;
    }
    const target = event.target as HTMLElement;
    const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (event.key !== '/' || typing || event.metaKey || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    doc.querySelector<HTMLInputElement>('[data-search-shortcut]')?.focus();
  };
  const onClick = (event: MouseEvent) => {
    const target = event.target as Element;
    const menu = doc.querySelector<HTMLDetailsElement>('details[data-mobile-menu][open]');
    if (menu && !menu.contains(target)) menu.open = false;
    const link = target.closest?.<HTMLAnchorElement>('a[data-signin-link]');
    const here = location.pathname + location.search + location.hash;
    if (link && here !== '/' && !here.startsWith('/signin')) {
      link.href = `/signin?callbackUrl=${encodeURIComponent(here)}`;
    }
  };
  doc.addEventListener('submit', onSubmit);
  doc.addEventListener('keydown', onKey);
  doc.addEventListener('click', onClick);
  return () => {
    doc.removeEventListener('submit', onSubmit);
    doc.removeEventListener('keydown', onKey);
    doc.removeEventListener('click', onClick);
  };
}

/**
 * Marks the wide-screen contents entry of the section being read (aria-current="location"). Reads
 * the heading ids from the contents' own links. Without JavaScript the list has no highlight.
 */
function contentsHighlight(doc: Document): Cleanup {
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('[data-toc="desktop"] a[href^="#"]')];
  const headings = links
    .map((link) => doc.getElementById(decodeURIComponent(link.hash.slice(1))))
    .filter((element): element is HTMLElement => element !== null);
  if (!headings.length || !('IntersectionObserver' in window)) return () => {};
  const visible = new Set<Element>();
  const observer = new IntersectionObserver(
    (records) => {
      for (const record of records) {
        if (record.isIntersecting) visible.add(record.target);
        else visible.delete(record.target);
      }
      // The first section on screen, else the last one scrolled past, else the first.
      const current =
        headings.find((heading) => visible.has(heading)) ??
        headings.filter((heading) => heading.getBoundingClientRect().top < 0).at(-1) ??
        headings[0];
      for (const link of links) {
        if (decodeURIComponent(link.hash.slice(1)) === current?.id)
          link.setAttribute('aria-current', 'location');
        else link.removeAttribute('aria-current');
      }
    },
    { rootMargin: '-80px 0px -55% 0px' },
  );
  headings.forEach((heading) => observer.observe(heading));
  return () => observer.disconnect();
}

const checklistKey = (listId: string) => `sojoourn:checklist:${listId}`;

function readTicks(listId: string): number[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(checklistKey(listId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}

function writeTicks(listId: string, ticks: number[] | null) {
  try {
    if (ticks) localStorage.setItem(checklistKey(listId), JSON.stringify(ticks));
    else localStorage.removeItem(checklistKey(listId));
  } catch {
    // Storage full or blocked: the ticks still work for this visit.
  }
}

/**
 * Checklists (<Checklist>, data-checklist="id"): remembers the ticked boxes in this browser only
 * (localStorage) and shows the count, "clear" and "print" (server-rendered, hidden until here).
 * It reads the list's id and the boxes' numbers, never their text.
 */
function checklistMemory(doc: Document): Cleanup {
  const cleanups: Cleanup[] = [];
  for (const root of doc.querySelectorAll<HTMLElement>('[data-checklist]')) {
    const listId = root.dataset.checklist ?? '';
    const controls = root.querySelector<HTMLElement>('[data-checklist-controls]');
    const status = root.querySelector<HTMLElement>('[data-checklist-status]');
    const boxes = [
      ...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-checklist-item]'),
    ];
    if (!listId || !controls || !status) continue;
    // This runs a moment after load: a box the person ticked before then stays ticked, and is
    // saved with the others.
    const ticks = new Set(readTicks(listId));
    const tickedBefore = boxes.filter(
      (box) => box.checked && !ticks.has(Number(box.dataset.checklistItem)),
    );
    for (const box of boxes) box.checked ||= ticks.has(Number(box.dataset.checklistItem));
    const save = () =>
      writeTicks(
        listId,
        boxes.filter((box) => box.checked).map((box) => Number(box.dataset.checklistItem)),
      );
    if (tickedBefore.length) save();
    const show = () => {
      const ticked = boxes.filter((box) => box.checked).length;
      status.textContent = `${ticked} of ${boxes.length} ticked · saved in this browser only`;
    };
    const onChange = () => {
      save();
      show();
    };
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element).closest('[data-checklist-action]');
      if (!(button instanceof HTMLElement)) return;
      if (button.dataset.checklistAction === 'print') {
        window.print();
        return;
      }
      for (const box of boxes) box.checked = false;
      writeTicks(listId, null);
      show();
    };
    show();
    controls.hidden = false;
    root.addEventListener('change', onChange);
    controls.addEventListener('click', onClick);
    cleanups.push(() => {
      root.removeEventListener('change', onChange);
      controls.removeEventListener('click', onClick);
      controls.hidden = true;
    });
  }
  return () => cleanups.forEach((cleanup) => cleanup());
}

interface Places {
  capacity: number | null;
  left: number | null;
  /** The time of the count in Paris, as the site writes times ("14:05"). */
  countedAtParis: string;
}

const isPlaces = (value: unknown): value is Places =>
  typeof value === 'object' &&
  value !== null &&
  'left' in value &&
  'countedAtParis' in value &&
  typeof value.countedAtParis === 'string';

/**
 * Places left on an event page (data-places-live="slug", data-capacity): the prerendered page is
 * the same file for every reader, so the count is asked for when it is shown
 * (/api/events/[slug]/places, counts only) and said with the time it was counted. Without
 * JavaScript, or if the request fails, the page keeps saying how many places there are in all.
 */
function placesLeft(doc: Document): Cleanup {
  let current = true;
  for (const element of doc.querySelectorAll<HTMLElement>('[data-places-live]')) {
    const slug = element.dataset.placesLive ?? '';
    const capacity = Number(element.dataset.capacity);
    if (!/^[a-z0-9-]+$/.test(slug) || !Number.isInteger(capacity)) continue;
    element.textContent = placesInAllText(capacity);
    fetch(`/api/events/${slug}/places`)
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => {
        if (current && isPlaces(body) && typeof body.left === 'number') {
          element.textContent = placesLeftText(
            body.left,
            body.capacity ?? capacity,
            body.countedAtParis,
          );
        }
      })
      .catch(() => {});
  }
  return () => {
    current = false;
  };
}

/**
 * Runs `step` in a task of its own once the browser is idle (requestIdleCallback, at most a
 * second later; a plain timer where there is none). Returns what cancels it.
 */
function whenIdle(view: Window, step: () => void): Cleanup {
  if (typeof view.requestIdleCallback === 'function') {
    const id = view.requestIdleCallback(step, { timeout: 1000 });
    return () => view.cancelIdleCallback(id);
  }
  const id = view.setTimeout(step, 0);
  return () => view.clearTimeout(id);
}

/**
 * Runs every enhancement on the page; <html data-enhanced> then says so (for tests, and for styles
 * that need JavaScript). Returns what undoes them.
 *
 * The header's listeners are attached at once (the first key press or tap may come any time).
 * The rest only change what is already on the page (a highlight, restored ticks, a fresher count),
 * so they wait until the page has loaded and the browser is idle, and each runs in a task of its
 * own: the first paint's style and layout work is not lengthened by ours, and no task of ours is
 * long on a slow phone.
 */
export function enhancePage(doc: Document = document): Cleanup {
  const view = doc.defaultView ?? window;
  const cleanups: Cleanup[] = [header(doc)];
  const waiting = [contentsHighlight, checklistMemory, placesLeft];
  let cancelPending: Cleanup = () => {};
  const runNext = () => {
    const enhance = waiting.shift();
    if (!enhance) {
      doc.documentElement.setAttribute('data-enhanced', '');
      return;
    }
    cleanups.push(enhance(doc));
    cancelPending = whenIdle(view, runNext);
  };
  const start = () => {
    cancelPending = whenIdle(view, runNext);
  };
  if (doc.readyState === 'complete') start();
  else {
    view.addEventListener('load', start, { once: true });
    cancelPending = () => view.removeEventListener('load', start);
  }
  return () => {
    cancelPending();
    doc.documentElement.removeAttribute('data-enhanced');
    cleanups.forEach((cleanup) => cleanup());
  };
}
