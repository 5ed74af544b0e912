// The e2e suite's own events (lib/content/e2e-events.ts) as the build under test has them: their
// dates come from the day scripts/e2e.sh built the app, so a spec reads them back from the files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { E2E_EVENTS, E2E_EVENTS_DIR, type E2eEvent } from '../../lib/content/e2e-events';

export { E2E_EVENTS, E2E_JOINING_LINK } from '../../lib/content/e2e-events';

export interface BuiltE2eEvent {
  slug: string;
  title: string;
  path: string;
  startsAt: string;
  endsAt: string;
}

export function builtEvent(event: E2eEvent): BuiltE2eEvent {
  const file = join(process.cwd(), 'content', E2E_EVENTS_DIR, `${event.slug}.mdx`);
  let data: Record<string, unknown>;
  try {
    data = matter(readFileSync(file, 'utf8')).data;
  } catch {
    throw new Error(`${file} is missing: run the e2e suite through scripts/e2e.sh (it writes it)`);
  }
  return {
    slug: event.slug,
    title: event.title,
    path: `/events/${event.slug}`,
    startsAt: String(data.startsAt),
    endsAt: String(data.endsAt),
  };
}

/** "Monday, 4 January 2027 at 18:30 CET", as an event card shows the start in Paris. */
export function parisDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** "20270104T173000Z": the start as an .ics DTSTART in UTC. */
export function icsUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The slugs of the suite's events (the fuzz pass and others need an address, not the dates). */
export const E2E_EVENT_SLUGS = Object.values(E2E_EVENTS).map((event) => event.slug);
