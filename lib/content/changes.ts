// The shared shape of a guide's "What changed" entries (frontmatter `changes:`), used by the guide
// page, the feed, the sitemap and the follow e-mails. Pure: no contentlayer import, so tests and
// scripts can use it.
import { createHash } from 'node:crypto';

export interface GuideChange {
  /** Stable across builds and instances: the feed's item id and the announcement's claim key. */
  id: string;
  date: string;
  summary: string;
  /** Concerns a members' section: readers see that such a section changed, never the summary. */
  members: boolean;
}

interface RawChange {
  date: string;
  summary: string;
  members?: boolean;
}

/** contentlayer gives a date field as an ISO timestamp; frontmatter and tests may give a day. */
const dayOf = (value: string) => value.slice(0, 10);

export function changeId(slug: string, change: RawChange): string {
  const digest = createHash('sha256')
    .update(`${slug}\n${dayOf(change.date)}\n${change.summary.trim()}`)
    .digest('hex')
    .slice(0, 16);
  return `${slug}:${dayOf(change.date)}:${digest}`;
}

/** Newest first; same-day changes keep the order staff wrote them in. */
export function guideChanges(slug: string, raw: readonly RawChange[] | undefined): GuideChange[] {
  return (raw ?? [])
    .map((change, index) => ({
      index,
      change: {
        id: changeId(slug, change),
        date: dayOf(change.date),
        summary: change.summary.trim(),
        members: change.members ?? false,
      },
    }))
    .sort((a, b) =>
      a.change.date === b.change.date
        ? a.index - b.index
        : a.change.date < b.change.date
          ? 1
          : -1,
    )
    .map(({ change }) => change);
}

/** What anyone who may not read members' text sees instead of a members' change's summary. */
export const MEMBERS_CHANGE_LINE = "A members' section was updated.";

/**
 * The changes as anyone may see them: a members' change (and every change of a members' guide,
 * whose whole text is members') keeps its date and id but says only MEMBERS_CHANGE_LINE. This is
 * what listings, the feed, the sitemap and the reader copies get; the summaries themselves are
 * handed out by lib/content's guideChangesFor, which asks lib/access.
 */
export function readerSafeChanges(
  changes: readonly GuideChange[],
  guideAccess: 'public' | 'members',
): GuideChange[] {
  return changes.map((change) =>
    change.members || guideAccess === 'members'
      ? { ...change, members: true, summary: MEMBERS_CHANGE_LINE }
      : { ...change },
  );
}
