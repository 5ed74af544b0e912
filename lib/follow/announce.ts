// The announcement run, at each server start (instrumentation-node.ts): compares the guides this
// build publishes with the announcements claimed in the database, claims what is new, and queues
// one e-mail per follower through the outbox with the new changes of the guides they follow.
//
// - Claimed per change ('change:<id>') and per guide's first publication ('guide:<slug>') with
//   insert-on-conflict-do-nothing, in the same transaction as the outbox rows: several instances
//   starting together send each announcement once, and a claim is kept exactly when its e-mails are.
// - The very first run (nothing ever claimed) claims what exists without mailing anyone.
// - Drafts are never here (the caller passes published guides only). A guide published for the
//   first time is announced to "all guides" followers only; its changes go with it, unannounced.
// - A members' change goes only to followers who are members (or staff) now; a change dated before
//   the day someone followed is not announced to them.
import type { Kysely } from 'kysely';
import { announcementEmail, type AnnouncedGuide } from './emails';
import type { FollowableGuide } from './guides';
import { ALL_GUIDES } from './schema';
import { claimAnnouncements, listFollowers, type FollowerRow } from './store';
import { issueManageToken } from './token';
import { canReadMembersContent } from '../access';
import { readMembership } from '../billing/membership-store';
import { retryWhenBusy } from '../db/busy';
import type { Database } from '../db/schema';
import { authSecret, staffEmailList } from '../platform/env';
import type { OutgoingMail } from '../platform/mail';
import { sendStoredMail, storeMail, type Send } from '../platform/outbox';

/** The first run's marker: once claimed, later runs announce what is new. */
const FIRST_RUN_KEY = 'first-run';
/** A claimed announcement's e-mails are this run's to send before the outbox retry takes them. */
export const ANNOUNCEMENT_SEND_HOLD_MS = 5 * 60_000;

export interface AnnounceOptions {
  now: Date;
  send: Send;
  guides: FollowableGuide[];
  secret?: string;
  staff?: string[];
  batchSize?: number;
}

export interface AnnounceReport {
  firstRun: boolean;
  /** Announcements this run claimed: changes, and guides published for the first time. */
  changes: number;
  newGuides: number;
  sent: number;
  kept: number;
}

const changeKey = (id: string) => `change:${id}`;
const guideKey = (slug: string) => `guide:${slug}`;

export async function announceNewChanges(
  db: Kysely<Database>,
  {
    now,
    send,
    guides,
    secret = authSecret(),
    staff = staffEmailList(),
    batchSize = 500,
  }: AnnounceOptions,
): Promise<AnnounceReport> {
  const report: AnnounceReport = { firstRun: false, changes: 0, newGuides: 0, sent: 0, kept: 0 };
  const queued = await retryWhenBusy(
    () =>
      db.transaction().execute(async (trx) => {
        // A write first: on SQLite the transaction holds the writer lock from here on.
        report.firstRun = (await claimAnnouncements(trx, [FIRST_RUN_KEY], now)).size === 1;
        const keys = guides.flatMap((guide) => [
          guideKey(guide.slug),
          ...guide.changes.map((change) => changeKey(change.id)),
        ]);
        const claimed = await claimAnnouncements(trx, keys, now);
        if (report.firstRun) return [];
        const news: AnnouncedNews[] = [];
        for (const guide of guides) {
          const isNew = claimed.has(guideKey(guide.slug));
          const changes = guide.changes.filter((change) => claimed.has(changeKey(change.id)));
          if (isNew) report.newGuides++;
          else report.changes += changes.length;
          if (isNew || changes.length) news.push({ guide, isNew, changes: isNew ? [] : changes });
        }
        if (!news.length) return [];
        const mails: { id: string; purpose: string; mail: OutgoingMail }[] = [];
        let afterId: string | undefined;
        for (;;) {
          const followers = await listFollowers(trx, { limit: batchSize, afterId });
          for (const follower of followers) {
            const member = await isMemberNow(trx, follower, staff, now);
            const content = newsFor(follower, news, member);
            if (!content.length) continue;
            const purpose = `follow:announce:${follower.id}`;
            const mail = {
              to: follower.email,
              ...announcementEmail(content, issueManageToken(secret, follower.id)),
            };
            const id = await storeMail(trx, purpose, mail, now, {
              holdMs: ANNOUNCEMENT_SEND_HOLD_MS,
            });
            mails.push({ id, purpose, mail });
          }
          if (followers.length < batchSize) break;
          afterId = followers[followers.length - 1]!.id;
        }
        return mails;
      }),
    { label: 'follow announcements' },
  );
  for (const { id, purpose, mail } of queued) {
    const delivery = await sendStoredMail(db, id, purpose, mail, send, now);
    if (delivery.sent) report.sent++;
    else report.kept++;
  }
  return report;
}

interface AnnouncedNews {
  guide: FollowableGuide;
  isNew: boolean;
  changes: FollowableGuide['changes'];
}

async function isMemberNow(
  db: Kysely<Database>,
  follower: FollowerRow,
  staff: string[],
  now: Date,
): Promise<boolean> {
  if (!follower.userId) return false;
  return canReadMembersContent(
    {
      kind: 'user',
      userId: follower.userId,
      email: follower.email,
      isStaff: staff.includes(follower.email),
      membership: await readMembership(db, follower.userId),
    },
    now,
  );
}

/** What one follower is told: the guides they follow with the changes meant for them. */
export function newsFor(
  follower: Pick<FollowerRow, 'guides' | 'since'>,
  news: AnnouncedNews[],
  member: boolean,
): AnnouncedGuide[] {
  const everything = follower.guides.includes(ALL_GUIDES);
  const content: AnnouncedGuide[] = [];
  for (const { guide, isNew, changes } of news) {
    const base = { slug: guide.slug, title: guide.title, url: guide.url };
    if (isNew) {
      if (everything) content.push({ ...base, newGuideSummary: guide.summary, changes: [] });
      continue;
    }
    const followedSince = [
      follower.since[guide.slug],
      everything ? follower.since[ALL_GUIDES] : undefined,
    ]
      .filter((value): value is string => !!value)
      .sort()[0];
    if (!followedSince) continue;
    const visible = changes.filter(
      (change) => (member || !change.members) && change.date >= followedSince.slice(0, 10),
    );
    if (visible.length)
      content.push({
        ...base,
        changes: visible.map(({ date, summary }) => ({ date, summary })),
      });
  }
  return content;
}

/** One line for the log: what the run claimed and sent. */
export function announceSummary(report: AnnounceReport): string {
  if (report.firstRun) return 'first run: existing guides and changes recorded, nothing sent';
  return `${report.changes} new change(s), ${report.newGuides} new guide(s): ${report.sent} e-mail(s) sent, ${report.kept} kept for a retry`;
}
