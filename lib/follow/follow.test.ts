// Following guides against a real database (SQLite; Postgres under scripts/test-postgres.sh): the
// reader's double opt-in, one confirmation an hour, rate limits, signed-in follows, unfollowing by
// link, and the announcement run (first run silent, one e-mail per follower, members' changes to
// members only, new guides to "all guides" followers, two runs at once, SMTP down). The clock is
// the test's: days counted from whenever it runs.
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { Viewer } from '../access';
import { storeSubscription } from '../billing/membership-store';
import { changeId, type GuideChange } from '../content/changes';
import { openDatabase } from '../db/connect';
import type { Database } from '../db/schema';
import type { OutgoingMail } from '../platform/mail';
import { retryOutbox } from '../platform/outbox';
import { announceNewChanges, type AnnounceReport } from './announce';
import type { FollowableGuide } from './guides';
import { ALL_GUIDES } from './schema';
import {
  confirmFollow,
  followAsViewer,
  followerOfLink,
  followExport,
  followsOfViewer,
  pendingOfLink,
  requestFollow,
  unfollowByLink,
  type FollowDeps,
} from './service';
import { eraseFollowsOf } from './store';

const SECRET = 'the-test-secret-of-at-least-thirty-two-characters';
const DAY_MS = 24 * 3600_000;
const start = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 12 * 3600_000);
const at = (days: number, hours = 0) =>
  new Date(start.getTime() + days * DAY_MS + hours * 3600_000);
const dayAt = (days: number) => at(days).toISOString().slice(0, 10);

let temp: TempDatabase;
let mailbox: OutgoingMail[];
const send = async (mail: OutgoingMail) => void mailbox.push(mail);
const smtpDown = async () => {
  throw new Error('connect ECONNREFUSED 127.0.0.1:25');
};
const mailTo = (email: string) => mailbox.filter((mail) => [mail.to].flat().includes(email));
const KNOWN = new Set(['alpha', 'beta', 'gamma']);
const deps = (now: Date, extra: Partial<FollowDeps> = {}): FollowDeps => ({
  db: temp.db,
  now,
  send,
  isGuide: (slug) => KNOWN.has(slug),
  secret: SECRET,
  limits: { perEmail: 5, perClient: 20, windowMs: 3600_000 },
  ...extra,
});

beforeEach(async () => {
  temp = await tempDatabase('follow');
  mailbox = [];
});
afterEach(async () => {
  await temp.dispose();
});

const linkToken = (mail: OutgoingMail) => /token=([\w-]{43})/.exec(mail.text)?.[1];

/** A reader follows `guide` by confirming the e-mailed link; returns their manage token. */
async function readerFollows(email: string, guide: string, now: Date) {
  const before = mailbox.length;
  expect(await requestFollow({ email, guide }, `client-${email}`, deps(now))).toEqual({
    kind: 'sent',
    guide,
  });
  const confirmation = mailbox[before];
  const confirmed = await confirmFollow(linkToken(confirmation!), deps(now));
  expect(confirmed?.guides).toEqual([guide]);
  return confirmed!.manageToken;
}

describe('a reader follows by confirming the e-mailed link', () => {
  it('mails a link that holds nothing typed, and follows only once it is confirmed', async () => {
    const typed = '  Reader.Typed+Tag@Example.TEST ';
    const outcome = await requestFollow({ email: typed, guide: 'alpha' }, 'c1', deps(at(0)));
    expect(outcome).toEqual({ kind: 'sent', guide: 'alpha' });
    expect(mailbox).toHaveLength(1);
    const mail = mailbox[0]!;
    expect(mail.to).toBe('reader.typed+tag@example.test');
    // Nothing the requester typed, in any case: the address is the To: only.
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part.toLowerCase()).not.toContain('reader.typed');
      expect(part.toLowerCase()).not.toContain('example.test');
    }
    // Not followed yet: nothing would reach it.
    expect(await temp.db.selectFrom('follower').selectAll().execute()).toEqual([]);
    const token = linkToken(mail)!;
    // The token is stored hashed only.
    const stored = await temp.db.selectFrom('follow_confirmation').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await pendingOfLink(token, deps(at(0)))).toEqual(['alpha']);
    const confirmed = await confirmFollow(token, deps(at(0, 1)));
    expect(confirmed?.guides).toEqual(['alpha']);
    expect((await followerOfLink(confirmed!.manageToken, deps(at(0))))?.guides).toEqual(['alpha']);
    // A used link confirms nothing more.
    expect(await confirmFollow(token, deps(at(0, 1)))).toBeNull();
  });

  it('sends no second mail within the hour, says the same, and confirms both guides with one link', async () => {
    const email = 'again@example.test';
    const first = await requestFollow({ email, guide: 'alpha' }, 'c1', deps(at(0)));
    const second = await requestFollow({ email, guide: 'beta' }, 'c1', deps(at(0, 0.5)));
    expect(second).toEqual({ kind: 'sent', guide: 'beta' });
    expect(first.kind).toBe(second.kind);
    expect(mailTo(email)).toHaveLength(1);
    // Two at once on two connections: still one.
    await Promise.all([
      requestFollow({ email: 'race@example.test', guide: 'alpha' }, 'c2', deps(at(0))),
      requestFollow({ email: 'race@example.test', guide: 'alpha' }, 'c3', deps(at(0))),
    ]);
    expect(mailTo('race@example.test')).toHaveLength(1);
    const confirmed = await confirmFollow(linkToken(mailTo(email)[0]!), deps(at(0, 0.75)));
    expect(confirmed?.guides.sort()).toEqual(['alpha', 'beta']);
    // After the hour, asking again mails a new link.
    await requestFollow({ email, guide: 'gamma' }, 'c1', deps(at(0, 1.1)));
    expect(mailTo(email)).toHaveLength(2);
  });

  it('refuses a bad address or an unknown guide, keeping what was typed', async () => {
    expect(
      await requestFollow({ email: 'not-an-address', guide: 'alpha' }, 'c1', deps(at(0))),
    ).toEqual({ kind: 'invalid-email', email: 'not-an-address' });
    expect(
      await requestFollow(
        { email: 'a@example.test, b@example.test', guide: 'alpha' },
        'c1',
        deps(at(0)),
      ),
    ).toMatchObject({ kind: 'invalid-email' });
    expect(
      await requestFollow({ email: 'a@example.test', guide: 'no-such-guide' }, 'c1', deps(at(0))),
    ).toEqual({ kind: 'unknown-guide', email: 'a@example.test' });
    expect(
      await requestFollow({ email: 'a@example.test', guide: '../admin' }, 'c1', deps(at(0))),
    ).toMatchObject({ kind: 'unknown-guide' });
    expect(mailbox).toEqual([]);
  });

  it('limits requests per address and per client', async () => {
    const limited = deps(at(0), { limits: { perEmail: 2, perClient: 3, windowMs: 3600_000 } });
    const ask = (email: string, client: string) =>
      requestFollow({ email, guide: 'alpha' }, client, limited);
    expect((await ask('x@example.test', 'c1')).kind).toBe('sent');
    expect((await ask('x@example.test', 'c2')).kind).toBe('sent');
    expect(await ask('x@example.test', 'c3')).toEqual({ kind: 'limited', email: 'x@example.test' });
    expect((await ask('y@example.test', 'c9')).kind).toBe('sent');
    expect((await ask('z@example.test', 'c9')).kind).toBe('sent');
    expect((await ask('w@example.test', 'c9')).kind).toBe('sent');
    expect((await ask('v@example.test', 'c9')).kind).toBe('limited');
  });

  it('lets an expired link confirm nothing', async () => {
    await requestFollow({ email: 'late@example.test', guide: 'alpha' }, 'c1', deps(at(0)));
    expect(await confirmFollow(linkToken(mailbox[0]!), deps(at(3)))).toBeNull();
    expect(await confirmFollow('x'.repeat(43), deps(at(0)))).toBeNull();
  });
});

describe('unfollowing from an e-mail', () => {
  it('unfollows one guide, then everything, which erases the address', async () => {
    const token = await readerFollows('leaving@example.test', 'alpha', at(0));
    await requestFollow({ email: 'leaving@example.test', guide: 'beta' }, 'c1', deps(at(0, 2)));
    await confirmFollow(linkToken(mailbox.at(-1)!), deps(at(0, 2)));
    expect((await followerOfLink(token, deps(at(0))))?.guides).toEqual(['alpha', 'beta']);
    expect(await unfollowByLink(token, { guide: 'alpha' }, deps(at(0)))).toBe('unfollowed');
    expect((await followerOfLink(token, deps(at(0))))?.guides).toEqual(['beta']);
    expect(await unfollowByLink(token, 'everything', deps(at(0)))).toBe('erased');
    const rows = await temp.db.selectFrom('follower').select('email').execute();
    expect(rows).toEqual([]);
    expect(await unfollowByLink(token, 'everything', deps(at(0)))).toBe('invalid');
    // A forged token names nobody.
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    expect(await followerOfLink(forged, deps(at(0)))).toBeNull();
  });
});

const member = async (email: string) => {
  const userId = await insertUser(temp.db, email);
  await storeSubscription(
    temp.db,
    {
      userId,
      subscriptionId: `sub_${userId}`,
      customerId: `cus_${userId}`,
      status: 'active',
      currentPeriodStart: at(-10),
      currentPeriodEnd: at(400),
      cancelAtPeriodEnd: false,
      startedAt: at(-10),
    },
    at(-10),
  );
  const viewer: Viewer = { kind: 'user', userId, email, isStaff: false, membership: null };
  return viewer;
};

describe('a signed-in person', () => {
  it('follows in one click, sees it, exports it, and deleting the account erases it', async () => {
    const viewer = await member('member@example.test');
    expect(await followAsViewer(viewer, 'beta', deps(at(0)))).toBe('followed');
    expect(await followAsViewer(viewer, ALL_GUIDES, deps(at(0)))).toBe('followed');
    expect(await followAsViewer(viewer, 'nope', deps(at(0)))).toBe('unknown-guide');
    expect(await followAsViewer({ kind: 'reader' }, 'beta', deps(at(0)))).toBe('refused');
    expect(await followsOfViewer(viewer, deps(at(0)))).toEqual([ALL_GUIDES, 'beta']);
    if (viewer.kind !== 'user') throw new Error('a user');
    expect(await followExport(temp.db, viewer.userId)).toEqual([
      { guide: 'all guides', since: at(0).toISOString() },
      { guide: 'beta', since: at(0).toISOString() },
    ]);
    await eraseFollowsOf(temp.db, viewer.userId, [viewer.email]);
    expect(await followsOfViewer(viewer, deps(at(0)))).toEqual([]);
    expect(await temp.db.selectFrom('follower_guide').selectAll().execute()).toEqual([]);
  });
});

// ---- The announcement run ----

const change = (slug: string, date: string, summary: string, members = false): GuideChange => ({
  id: changeId(slug, { date, summary }),
  date,
  summary,
  members,
});
const guide = (slug: string, changes: GuideChange[] = []): FollowableGuide => ({
  slug,
  title: `The ${slug} guide`,
  url: `/guides/${slug}`,
  summary: `What ${slug} is about.`,
  changes,
});

const announce = (
  guides: FollowableGuide[],
  now: Date,
  db: Kysely<Database> = temp.db,
  sender = send,
) => announceNewChanges(db, { now, send: sender, guides, secret: SECRET, staff: [] });

describe('announcements', () => {
  const old = change('alpha', dayAt(-30), 'An old change before anyone followed.');
  const before = [guide('alpha', [old]), guide('beta')];

  it('records what exists on the first run without mailing anyone', async () => {
    const viewer = await member('early@example.test');
    await followAsViewer(viewer, 'alpha', deps(at(-40)));
    const report = await announce(before, at(0));
    expect(report.firstRun).toBe(true);
    expect(mailbox).toEqual([]);
    // And the next start, with the same content: nothing either.
    expect(await announce(before, at(0, 1))).toMatchObject({
      firstRun: false,
      changes: 0,
      sent: 0,
    });
    expect(mailbox).toEqual([]);
  });

  it('mails each follower once with the summaries of the guides they follow; members get members’ changes', async () => {
    await announce(before, at(-1));
    await readerFollows('reader@example.test', 'alpha', at(0));
    const memberViewer = await member('member@example.test');
    await followAsViewer(memberViewer, 'beta', deps(at(0)));
    await followAsViewer(memberViewer, 'alpha', deps(at(0)));
    const lapsed = await insertUser(temp.db, 'lapsed@example.test');
    await followAsViewer(
      {
        kind: 'user',
        userId: lapsed,
        email: 'lapsed@example.test',
        isStaff: false,
        membership: null,
      },
      'beta',
      deps(at(0)),
    );
    const publicChange = change(
      'alpha',
      dayAt(0),
      'The flat charge is now shown on the statement.',
    );
    const membersChange = change('beta', dayAt(0), 'Members’ checklist: the secret phrase.', true);
    mailbox = [];
    const after = [
      guide('alpha', [publicChange, old]),
      guide('beta', [membersChange]),
      guide('gamma', [change('gamma', dayAt(0), 'First publication change.')]),
    ];
    const report = await announce(after, at(0, 1));
    expect(report).toMatchObject({ firstRun: false, changes: 2, newGuides: 1, sent: 2, kept: 0 });
    expect(mailTo('reader@example.test')).toHaveLength(1);
    const toReader = mailTo('reader@example.test')[0]!;
    expect(toReader.text).toContain(publicChange.summary);
    expect(toReader.text).not.toContain('secret phrase');
    expect(toReader.text).not.toContain(old.summary);
    expect(toReader.text).not.toContain('gamma');
    expect(toReader.headers).toMatchObject({
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(toReader.headers?.['List-Unsubscribe']).toMatch(
      /^<http.*\/api\/follow\/unfollow\?token=.+>$/,
    );
    expect(toReader.text).toMatch(/\/follow\/manage\?token=/);
    const toMember = mailTo('member@example.test');
    expect(toMember).toHaveLength(1);
    expect(toMember[0]!.text).toContain(publicChange.summary);
    expect(toMember[0]!.text).toContain(membersChange.summary);
    expect(toMember[0]!.text).toContain('/guides/beta');
    // A signed-in non-member following only the members' change's guide gets nothing.
    expect(mailTo('lapsed@example.test')).toEqual([]);
    // The next start: nothing again.
    await announce(after, at(0, 2));
    expect(mailbox).toHaveLength(2);
  });

  it('announces a new guide to "all guides" followers only, and never a draft (not passed)', async () => {
    await announce(before, at(-1));
    const all = await readerFollows('all@example.test', ALL_GUIDES, at(0));
    await readerFollows('one@example.test', 'alpha', at(0));
    mailbox = [];
    await announce([...before, guide('gamma')], at(0, 1));
    expect(mailbox).toHaveLength(1);
    expect(mailTo('all@example.test')[0]!.subject).toBe('New guide on Sojoourn: The gamma guide');
    // "All guides" followers get changes of every guide too.
    await announce(
      [guide('alpha', [change('alpha', dayAt(0), 'Later.'), old]), guide('beta'), guide('gamma')],
      at(0, 2),
    );
    expect(mailTo('all@example.test')).toHaveLength(2);
    expect(mailTo('one@example.test')).toHaveLength(1);
    // One-click unfollow: no more.
    expect(await unfollowByLink(all, 'everything', deps(at(0, 3)))).toBe('erased');
    await announce(
      [guide('alpha', [change('alpha', dayAt(0), 'Later still.')]), guide('beta'), guide('gamma')],
      at(0, 3),
    );
    expect(mailTo('all@example.test')).toHaveLength(2);
    expect(mailTo('one@example.test')).toHaveLength(2);
  });

  it('sends each announcement once when two runs go at once on two connections', async () => {
    await announce(before, at(-1));
    const people = ['p1', 'p2', 'p3', 'p4'].map((label) => `${label}@example.test`);
    for (const email of people) await readerFollows(email, 'alpha', at(0));
    mailbox = [];
    const after = [
      guide('alpha', [change('alpha', dayAt(0), 'Both runs see this.'), old]),
      guide('beta'),
    ];
    const [a, b] = [1, 2].map(() => openDatabase(temp.url, { busyTimeoutMs: 0 })) as [
      Kysely<Database>,
      Kysely<Database>,
    ];
    try {
      await Promise.all([a, b].flatMap((db) => [1, 2, 3].map(() => sql`SELECT 1`.execute(db))));
      const reports: AnnounceReport[] = await Promise.all([
        announce(after, at(0, 1), a),
        announce(after, at(0, 1), b),
      ]);
      expect(reports.map((report) => report.changes).sort()).toEqual([0, 1]);
      for (const email of people) expect(mailTo(email)).toHaveLength(1);
      expect(mailbox).toHaveLength(4);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });

  it('keeps the e-mails in the outbox when SMTP is down, and sends them later', async () => {
    await announce(before, at(-1));
    await readerFollows('kept@example.test', 'alpha', at(0));
    mailbox = [];
    const after = [
      guide('alpha', [change('alpha', dayAt(0), 'Sent once SMTP is back.'), old]),
      guide('beta'),
    ];
    expect(await announce(after, at(0, 1), temp.db, smtpDown)).toMatchObject({ sent: 0, kept: 1 });
    expect(mailbox).toEqual([]);
    await announce(after, at(0, 2));
    expect(mailbox).toEqual([]);
    expect(await retryOutbox(temp.db, send, at(0, 3))).toEqual({ sent: 1, failed: 0 });
    expect(mailTo('kept@example.test')[0]!.text).toContain('Sent once SMTP is back.');
  });
});
