// Frontmatter rules for everything staff commit under content/. Shared by `npm run content:check`
// (fast, before a commit) and the build (which runs the same check first), so both give one answer.
import * as z from '../forms/zod';

export const ACCESS_LEVELS = ['public', 'members'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
const ACCESS_MESSAGE = 'access must be written exactly "public" or "members"';

/**
 * What a document's `access` value means at run time. Only the exact word `public` opens a text to
 * everyone; anything else (missing, `member`, `maybe`, `Public`…) is treated as members' — the
 * build refuses those values anyway, but `npm run dev` and contentlayer would serve them.
 */
export function accessLevel(raw: unknown): AccessLevel {
  return raw === 'public' ? 'public' : 'members';
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

/** YAML turns an unquoted 2026-11-26 into a Date; staff may also quote it. Both mean a calendar day. */
export const calendarDay = z
  .union([z.date(), z.string()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  // Round-trip, not Date.parse: that accepts 2026-02-30 (as 2 March).
  .refine((value) => ISO_DAY.test(value) && isRealDay(value), {
    message: 'must be a real date written YYYY-MM-DD',
  });

const officialLink = z
  .object({
    label: z.string().trim().min(3).max(120),
    url: z.url({ protocol: /^https$/, message: 'must be a full https:// address' }),
  })
  .strict();

/** One dated line of a guide's "What changed" list; `members: true` hides its summary from readers. */
export const guideChange = z
  .object({
    date: calendarDay,
    summary: z.string().trim().min(10).max(200, 'a change summary is at most 200 characters'),
    members: z.boolean().default(false),
  })
  .strict();

export const tagSlug = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'tags are lowercase words joined by hyphens, e.g. carte-vitale',
  );

export const guideFrontmatter = z
  .object({
    title: z.string().trim().min(5).max(100),
    summary: z.string().trim().min(20).max(200),
    publishedAt: calendarDay,
    updatedAt: calendarDay.optional(),
    reviewedAt: calendarDay,
    tags: z.array(tagSlug).min(1).max(8),
    // Required: a missing or misspelt value is refused here, and served as members' at run time.
    access: z.enum(ACCESS_LEVELS, { message: ACCESS_MESSAGE }),
    draft: z.boolean().default(false),
    featured: z.boolean().default(false),
    officialLinks: z.array(officialLink).min(1, 'every guide links at least one official page'),
    changes: z.array(guideChange).max(100).default([]),
  })
  .strict()
  .superRefine((guide, ctx) => {
    // Runs even when a date above failed; comparing a malformed one would blame the wrong field.
    const isDay = (value: string | undefined) => !!value && ISO_DAY.test(value) && isRealDay(value);
    if (!isDay(guide.publishedAt)) return;
    if (guide.updatedAt && isDay(guide.updatedAt) && guide.updatedAt < guide.publishedAt) {
      ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'is before publishedAt' });
    }
    if (isDay(guide.reviewedAt) && guide.reviewedAt < guide.publishedAt) {
      ctx.addIssue({ code: 'custom', path: ['reviewedAt'], message: 'is before publishedAt' });
    }
    // "What changed": the dates at the top of the page must cover the newest change listed.
    const dated = guide.changes
      .map((change, index) => ({ change, index }))
      .filter(({ change }) => isDay(change.date));
    const newest = dated.reduce<(typeof dated)[number] | null>(
      (found, entry) => (!found || entry.change.date > found.change.date ? entry : found),
      null,
    );
    if (!newest) return;
    const what = describeChange(newest.change);
    if (!guide.updatedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['updatedAt'],
        message: `is required when a guide lists changes: write updatedAt: ${newest.change.date} (the newest change, ${what}) or later`,
      });
    } else if (isDay(guide.updatedAt) && guide.updatedAt < newest.change.date) {
      ctx.addIssue({
        code: 'custom',
        path: ['changes', newest.index, 'date'],
        message: `${what} is dated after updatedAt (${guide.updatedAt}): set updatedAt to ${newest.change.date} or later, or correct the change's date`,
      });
    }
    if (isDay(guide.reviewedAt) && guide.reviewedAt < newest.change.date) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewedAt'],
        message: `(${guide.reviewedAt}) is older than the newest change, ${what}: a change means the facts were checked again, so set reviewedAt to ${newest.change.date} or later`,
      });
    }
  });

/** How a message names one change: its date and the start of its summary. */
export function describeChange(change: { date?: unknown; summary?: unknown }): string {
  const date = typeof change.date === 'string' ? change.date : '(no date)';
  const summary = typeof change.summary === 'string' ? change.summary.trim() : '';
  const start = summary.length > 40 ? `${summary.slice(0, 40).trimEnd()}…` : summary;
  return `the change of ${date}${start ? ` "${start}"` : ''}`;
}

/** The calendar day in France at `now`: what staff mean by "today" when they date a change. */
export function frenchDay(now: Date): string {
  // en-CA writes YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The guide rules with the one that depends on the day: no change dated after today (in France).
 * `now` is the checker's clock (content:check and the build pass the real one; tests their own).
 */
export function guideFrontmatterOn(now: Date) {
  const today = frenchDay(now);
  return guideFrontmatter.superRefine((guide, ctx) => {
    guide.changes.forEach((change, index) => {
      if (ISO_DAY.test(change.date) && change.date > today) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', index, 'date'],
          message: `${describeChange(change)} is dated in the future (today is ${today}): date a change on the day it is published`,
        });
      }
    });
  });
}

export const pageFrontmatter = z
  .object({
    title: z.string().trim().min(3).max(100),
    summary: z.string().trim().min(10).max(200),
    updatedAt: calendarDay,
  })
  .strict();

export const eventFrontmatter = z
  .object({
    title: z.string().trim().min(5).max(100),
    summary: z.string().trim().min(10).max(200),
    // An instant with its offset, so "18:30 in Paris" is unambiguous whatever the server's zone.
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    timezone: z.string().min(3).max(64),
    city: z.string().trim().min(2).max(80),
    /** Places for members' registrations; without it there is no limit. */
    capacity: z.number().int().min(1).max(10_000).optional(),
    access: z.enum(ACCESS_LEVELS, { message: ACCESS_MESSAGE }),
    example: z.boolean().default(false),
    draft: z.boolean().default(false),
  })
  .strict()
  .superRefine((event, ctx) => {
    if (Date.parse(event.endsAt) <= Date.parse(event.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    }
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: event.timezone });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: 'is not an IANA time zone' });
    }
  });

/** A partner offer for members (content/offers/): the code and text are members' text. */
export const offerFrontmatter = z
  .object({
    partner: z.string().trim().min(2).max(80),
    title: z.string().trim().min(5).max(120),
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{3,39}$/, 'must be 4–40 capital letters, digits or hyphens'),
    url: z.url({ protocol: /^https$/, message: 'must be a full https:// address' }),
    validUntil: calendarDay.optional(),
    draft: z.boolean().default(false),
  })
  .strict();

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const MEMBERS_ONLY_BLOCK = /<MembersOnly\b([^>]*)>([\s\S]*?)<\/MembersOnly>/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;

export interface MembersOnlyBlock {
  id: string;
  title: string;
  teaser: string;
  body: string;
}

/** Reads the gated blocks of an MDX body as plain data (used to check them and to keep them out of the TOC). */
export function findMembersOnlyBlocks(
  mdx: string,
): { attributes: Record<string, string>; body: string }[] {
  return [...mdx.matchAll(MEMBERS_ONLY_BLOCK)].map((match) => ({
    attributes: Object.fromEntries(
      [...(match[1] ?? '').matchAll(ATTRIBUTE)].map((a) => [a[1] ?? '', a[2] ?? '']),
    ),
    body: match[2] ?? '',
  }));
}

/** The MDX body with gated blocks replaced by their public heading only. */
export function withoutMembersOnlyBodies(mdx: string): string {
  return mdx.replace(MEMBERS_ONLY_BLOCK, '');
}

export interface Heading {
  depth: 2 | 3;
  text: string;
  id: string;
}

/** The shape of a zod issue this module reads (zod 4's issues carry these fields by code). */
export interface ContentIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  keys?: string[];
  format?: string;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
  date: 'a date',
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * " (the change of 2026-12-10 "The flat charge…")" for a problem inside one of a guide's changes,
 * so staff find it among several; '' otherwise, and for our own messages, which name it already.
 */
function changeNamed(issue: ContentIssue, input: unknown): string {
  const [list, index] = issue.path;
  if (list !== 'changes' || typeof index !== 'number' || issue.code === 'custom') return '';
  const change = valueAt(input, ['changes', index]);
  if (change === null || typeof change !== 'object') return '';
  const { date, summary } = change as { date?: unknown; summary?: unknown };
  // YAML 1.2 keeps an unquoted date as text; gray-matter's default parser would give a Date.
  const day = date instanceof Date ? date.toISOString().slice(0, 10) : date;
  return ` (${describeChange({ date: day, summary })})`;
}

/** zod's own wording (ours is written for staff and kept as is). */
const ZOD_DEFAULT = /^(Invalid|Too big|Too small|Unrecognized key)/;

/**
 * A frontmatter problem in plain words for staff: "title is required", "summary is too long: at
 * most 200 characters (it has 231)", "access must be written exactly \"public\" or \"members\"". `input` is the
 * frontmatter as read, to tell a missing field from a wrong one.
 */
export function plainProblem(issue: ContentIssue, input: unknown): string {
  const field = issue.path.length ? issue.path.map(String).join('.') : '';
  const value = valueAt(input, issue.path);
  const name = field ? `${field}${changeNamed(issue, input)}` : '(frontmatter)';
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue.keys ?? []).map((key) => `"${key}"`).join(', ');
    return `${name}: unknown field${(issue.keys ?? []).length === 1 ? '' : 's'} ${keys} (check the spelling, or remove it)`;
  }
  if (value === undefined && field && issue.code !== 'custom') return `${field}: ${field} is required`;
  if (!ZOD_DEFAULT.test(issue.message)) {
    const count =
      issue.code === 'too_big' && typeof value === 'string' ? ` (it has ${value.length})` : '';
    return `${name}: ${issue.message}${count}`;
  }
  const isText = issue.origin === 'string';
  const size = typeof value === 'string' || Array.isArray(value) ? value.length : null;
  switch (issue.code) {
    case 'invalid_type':
      return `${name}: ${field || 'it'} must be ${EXPECTED[issue.expected ?? ''] ?? issue.expected}`;
    case 'too_small':
      if (isText && Number(issue.minimum) === 1) return `${name}: ${field} is empty`;
      return isText
        ? `${name}: ${field} is too short: at least ${issue.minimum} characters${size !== null ? ` (it has ${size})` : ''}`
        : `${name}: ${field} needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
    case 'too_big':
      return isText
        ? `${name}: ${field} is too long: at most ${issue.maximum} characters${size !== null ? ` (it has ${size})` : ''}`
        : `${name}: ${field} has too many items: at most ${issue.maximum}`;
    case 'invalid_value':
      return `${name}: ${field} must be one of: ${(issue.values ?? []).map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? `${name}: ${field} must be a full https:// address`
        : `${name}: ${field} is not in the expected format`;
    default:
      return `${name}: ${field || 'this'} is not valid`;
  }
}

/**
 * A members' event keeps its details (place, address, joining link, phone, e-mail, time of day)
 * inside `<MembersOnly>`: its `.ics` is for members, and the page shows the rest to everyone.
 * Returns each kind of detail found outside the blocks (empty when none).
 */
export function eventDetailsOutsideMembersOnly(mdx: string): string[] {
  const outside = withoutMembersOnlyBodies(mdx)
    // Links to the site's own pages (guides, club) are not details of the event.
    .replace(/\]\((\/[^)\s]*)\)/g, ']');
  const found: string[] = [];
  const rules: [string, RegExp][] = [
    ['a link', /\]\([^)]*\)|https?:\/\/|www\.|<a\s/i],
    ['an e-mail address', /[\w.+-]+@[\w-]+\.[\w.]+/],
    ['a phone number', /(?:\+|\b0)\d[\d\s.()-]{7,}\d/],
    [
      'a street address',
      /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|quai|all[ée]e|impasse|chemin|cours|passage|street|st\.|road|rd\.)\b/i,
    ],
    ['a time of day', /\b(?:[01]?\d|2[0-3])(?::|h)[0-5]\d\b|\b\d{1,2}\s?(?:am|pm)\b/i],
    ['a meeting code or password', /\b(?:meeting id|passcode|password|code d'accès)\b/i],
  ];
  for (const [label, pattern] of rules) if (pattern.test(outside)) found.push(label);
  return found;
}
