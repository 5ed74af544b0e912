// The end-to-end suite's own events, dated from the day of the build, so that no spec depends on
// the sample events in content/events staying upcoming. scripts/e2e-events.ts writes them under
// content/events/e2e/ (git-ignored); contentlayer.config.ts builds them, and test/support/gated.ts
// reads them, only when E2E_EVENT_FIXTURES=1 (scripts/e2e.sh sets it). A real build never has them.
// No 'server-only' marker: the content config, a script and the specs import this.

/** Under content/: where the fixtures are written. */
export const E2E_EVENTS_DIR = 'events/e2e';

/** Whether this build (or test run) includes the e2e suite's own events. */
export function includesE2eEvents(env: Record<string, string | undefined> = process.env): boolean {
  return env.E2E_EVENT_FIXTURES === '1';
}

export interface E2eEvent {
  slug: string;
  title: string;
  summary: string;
  /** Days from the build's today (negative: past). */
  inDays: number;
  /** Local start time in Europe/Paris, HH:MM. */
  at: string;
  minutes: number;
  city: string;
  capacity?: number;
  example: boolean;
  /** What members see inside <MembersOnly id="event-details">. */
  details: string;
}

export const E2E_JOINING_LINK = 'https://example.com/sojoourn-e2e-workshop';

export const E2E_EVENTS = {
  /** An online members' workshop a month away, with a joining link for members only. */
  workshop: {
    slug: 'e2e-online-workshop',
    title: 'Online workshop (e2e fixture)',
    summary: 'An online workshop for members, written by the end-to-end suite for its own checks.',
    inDays: 30,
    at: '18:30',
    minutes: 90,
    city: 'online',
    capacity: 30,
    example: true,
    details: [
      `**Where:** online. Join from this link: ${E2E_JOINING_LINK}`,
      'Open the joining link a few minutes early so you are ready when the workshop starts.',
      'The host walks through the fixture programme step by step, then takes written questions.',
      'Members keep the fixture slides after the session; nobody else is sent them.',
    ].join('\n\n'),
  },
  /** A members' meetup in Paris with two places, after the workshop. */
  twoPlaces: {
    slug: 'e2e-two-place-meetup',
    title: 'Two-place meetup (e2e fixture)',
    summary: 'A members’ evening in Paris with two places, written by the end-to-end suite.',
    inDays: 45,
    at: '19:00',
    minutes: 120,
    city: 'Paris',
    capacity: 2,
    example: false,
    details: [
      '**Where:** a café near the Bastille, given to members here.',
      'The fixture host meets members at the door from seven in the evening.',
      'Bring the confirmation e-mail of your place; the café keeps a list of the two names.',
      'The evening ends with a round of fixture questions about French paperwork.',
    ].join('\n\n'),
  },
  /** A members' event that is over. */
  past: {
    slug: 'e2e-past-q-and-a',
    title: 'Past Q&A (e2e fixture)',
    summary: 'An online question-and-answer session that is over, written by the end-to-end suite.',
    inDays: -30,
    at: '18:30',
    minutes: 60,
    city: 'online',
    example: false,
    details: [
      '**Where:** online, from a link members saw before the session.',
      'The fixture recording stays with the members who registered for it.',
      'Questions sent after the session were answered by the fixture host in writing.',
      'This past session keeps its members-only text so the leak checks can look for it.',
    ].join('\n\n'),
  },
} as const satisfies Record<string, E2eEvent>;

const TIME_ZONE = 'Europe/Paris';

/** "+01:00" or "+02:00": Paris's offset from UTC around noon on `day` (YYYY-MM-DD). */
function parisOffset(day: string): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${day}T12:00:00Z`))
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** The event's start and end, as its frontmatter gives them, for a build on `today`. */
export function e2eEventTimes(event: E2eEvent, today: Date): { startsAt: string; endsAt: string } {
  const day = new Date(today.getTime() + event.inDays * 86_400_000).toISOString().slice(0, 10);
  const startsAt = `${day}T${event.at}:00${parisOffset(day)}`;
  const end = new Date(Date.parse(startsAt) + event.minutes * 60_000);
  // The end in the same offset as the start (an event never spans a change of clocks here).
  const shifted = new Date(end.getTime() + offsetMinutes(startsAt) * 60_000);
  const endsAt = `${shifted.toISOString().slice(0, 19)}${startsAt.slice(-6)}`;
  return { startsAt, endsAt };
}

function offsetMinutes(iso: string): number {
  const [, sign, hours, minutes] = /([+-])(\d\d):(\d\d)$/.exec(iso) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** The MDX file of an e2e event built on `today`. */
export function e2eEventMdx(event: E2eEvent, today: Date): string {
  const { startsAt, endsAt } = e2eEventTimes(event, today);
  const frontmatter = [
    `title: ${JSON.stringify(event.title)}`,
    `summary: ${JSON.stringify(event.summary)}`,
    `startsAt: "${startsAt}"`,
    `endsAt: "${endsAt}"`,
    `timezone: "${TIME_ZONE}"`,
    `city: ${JSON.stringify(event.city)}`,
    ...('capacity' in event && event.capacity ? [`capacity: ${event.capacity}`] : []),
    'access: members',
    `example: ${event.example}`,
  ];
  return `---\n${frontmatter.join('\n')}\n---\n\n${event.summary}\n\n<MembersOnly id="event-details" title="Joining details" teaser="Members see the exact place (or joining link) and the programme.">\n\n${event.details}\n\n</MembersOnly>\n`;
}
