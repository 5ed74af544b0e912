// Issue 23, Done when: following guides end to end, on production builds. A reader follows a guide
// by confirming the e-mailed link; a member follows another in one click. Then the next deploy: a
// copy of the project with changes added to both guides' frontmatter (a public one and a members'
// one each), built once and started as two instances on the specs' database. Each follower gets
// exactly one e-mail with the right summaries (the members' change only to the member); the
// reader's one-click unfollow (a bare POST to the List-Unsubscribe link, no cookie) stops the next
// announcement; "What changed" shows the change on the page and in the feed.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { changeId } from '@/lib/content/changes';
import { queryAppDb, APP_DB_FILE, writeAppDb } from '../../test/support/app-db';
import {
  addChanges,
  buildEditedCopy,
  startInstance,
  type Instance,
} from '../../test/support/follow-copy';
import { freeLocalPort } from '../../test/support/free-port';
import { linkIn, mailFor, waitForMail } from '../../test/support/mailbox';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { APP_URL } from '../../test/support/ports';

const READERS_GUIDE = { slug: 'health-cover-short-stays-france', title: /less than 3 months/ };
const MEMBERS_GUIDE = { slug: 'uk-nationals-health-cover-france', title: /UK nationals/ };
const CHANGED = /^What changed/;

/** The run's announcements as each instance logged them (JSON lines in production). */
function announcements(instance: Instance): { changes: number; sent: number }[] {
  return instance
    .output()
    .split('\n')
    .filter((line) => line.includes('"event":"follow.announced"'))
    .map((line) => JSON.parse(line) as { changes: number; sent: number });
}

test('a reader and a member follow guides; the next deploy mails each once, and one-click unfollow stops it', async ({
  page,
  browser,
  playwright,
}) => {
  // One extra production build of the edited copy, then instances started and restarted.
  test.setTimeout(25 * 60_000);
  const today = new Date().toISOString().slice(0, 10);
  const tag = randomBytes(3).toString('hex');
  const readersPublic = `Short stays: the travel insurance certificate must now give the dates (${tag}).`;
  const readersMembers = `Members section: the faster claim route our partner opened (${tag}).`;
  const membersPublic = `UK nationals: the GHIC application page moved to a new address (${tag}).`;
  const membersMembers = `Members section: the NHS contact who answered our S1 questions (${tag}).`;

  // --- A reader follows the first guide from its (prerendered) page, no JavaScript needed.
  const readerEmail = uniqueEmail('follow-reader');
  await page.goto(`/guides/${READERS_GUIDE.slug}`);
  const follow = page.getByRole('region', { name: 'Follow this guide' });
  await follow.getByLabel('Your e-mail address').fill(readerEmail);
  await follow.getByRole('button', { name: 'Follow' }).click();
  await expect(page.getByText(/Check your inbox/)).toBeVisible();
  // Asking again within the hour: the same words, no second e-mail.
  await page.goto(`/guides/${READERS_GUIDE.slug}`);
  await follow.getByLabel('Your e-mail address').fill(readerEmail);
  await follow.getByRole('button', { name: 'Follow' }).click();
  await expect(page.getByText(/Check your inbox/)).toBeVisible();
  const confirmation = await waitForMail(readerEmail, { subject: /Confirm to follow/ });
  expect(await mailFor(readerEmail)).toHaveLength(1);
  // Nothing the requester typed is in it, not even the address (it is only the To:).
  expect(`${confirmation.subject}\n${confirmation.text}\n${confirmation.html}`).not.toContain(
    readerEmail.split('@')[0]!,
  );
  // A mistyped address: a clear message, and the form keeps what was typed.
  const refused = await page.request.post('/api/follow', {
    form: { email: 'typed-by-me@', guide: READERS_GUIDE.slug },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(303);
  await page.goto(refused.headers().location!);
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'Check your e-mail address',
  );
  await expect(page.getByLabel('Your e-mail address')).toHaveValue('typed-by-me@');
  // Confirming: opening the link changes nothing, the button does.
  await page.goto(linkIn(confirmation, '/follow/confirm'));
  await expect(page.getByText(READERS_GUIDE.title)).toBeVisible();
  await page.getByRole('button', { name: 'Confirm and follow' }).click();
  await expect(page.getByRole('heading', { name: 'What you follow' })).toBeVisible();
  await expect(page.getByRole('link', { name: READERS_GUIDE.title })).toBeVisible();

  // --- A member follows the second guide in one click, and sees it on their account.
  const memberEmail = uniqueEmail('follow-member');
  const memberContext = await browser.newContext({ baseURL: APP_URL });
  const memberPage = await memberContext.newPage();
  await becomeMember(memberPage, memberEmail);
  await memberPage.goto(`/guides/${MEMBERS_GUIDE.slug}`);
  await memberPage.getByRole('button', { name: 'Follow this guide' }).click();
  await expect(
    memberPage.getByText(/You follow “Health cover in France for UK nationals/),
  ).toBeVisible();
  // A page of another site posting "unfollow" with the member's session is refused.
  const forged = await memberPage.request.post('/api/follow', {
    headers: { 'Sec-Fetch-Site': 'cross-site' },
    form: { guide: MEMBERS_GUIDE.slug, intent: 'unfollow', from: 'account' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('only be sent from Sojoourn’s own pages');
  await memberPage.goto('/account');
  await expect(
    memberPage.getByRole('region', { name: 'Guides you follow' }).getByRole('link'),
  ).toHaveText([MEMBERS_GUIDE.title]);
  await memberContext.close();

  // --- The next deploy: changes in both guides' frontmatter, rebuilt, two instances started.
  const copy = await buildEditedCopy((dir) => {
    addChanges(dir, READERS_GUIDE.slug, [
      { date: today, summary: readersPublic },
      { date: today, summary: readersMembers, members: true },
    ]);
    addChanges(dir, MEMBERS_GUIDE.slug, [
      { date: today, summary: membersPublic },
      { date: today, summary: membersMembers, members: true },
    ]);
  });
  const instances: Instance[] = [];
  const env = { DATABASE_URL: `file:${APP_DB_FILE}`, SITE_URL: APP_URL, NEXTAUTH_URL: APP_URL };
  const ports = [await freeLocalPort(), await freeLocalPort()];
  try {
    instances.push(...(await Promise.all(ports.map((port) => startInstance(copy.dir, port, env)))));
    await expect
      .poll(() => instances.map((instance) => announcements(instance).length), { timeout: 60_000 })
      .toEqual([1, 1]);
    // One instance claimed the four changes and sent the e-mails; the other found them claimed.
    const reports = instances.map((instance) => announcements(instance)[0]!);
    expect(reports.map((report) => report.changes).sort()).toEqual([0, 4]);
    expect(reports.map((report) => report.sent).sort()).toEqual([0, 2]);

    const toReader = await waitForMail(readerEmail, { subject: CHANGED });
    const toMember = await waitForMail(memberEmail, { subject: CHANGED });
    expect((await mailFor(readerEmail)).filter((mail) => CHANGED.test(mail.subject))).toHaveLength(
      1,
    );
    expect((await mailFor(memberEmail)).filter((mail) => CHANGED.test(mail.subject))).toHaveLength(
      1,
    );
    expect(toReader.text).toContain(readersPublic);
    expect(toReader.text).toContain(`${APP_URL}/guides/${READERS_GUIDE.slug}`);
    expect(toMember.text).toContain(membersPublic);
    expect(toMember.text).toContain(membersMembers);
    expect(toMember.text).not.toContain(readersPublic);
    // The members' changes never reach the reader, in any e-mail.
    for (const mail of await mailFor(readerEmail)) {
      for (const secret of [readersMembers, membersMembers]) {
        expect(`${mail.text}\n${mail.html}`).not.toContain(secret.slice(0, 40));
      }
    }
    expect(
      queryAppDb(`SELECT id FROM mail_outbox WHERE purpose LIKE 'follow:announce:%'`),
    ).toHaveLength(2);

    // --- One-click unfollow: a bare POST to the List-Unsubscribe link, no cookie.
    expect(toReader.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const oneClick = /<(https?:\/\/[^>]+)>/.exec(toReader.headers['list-unsubscribe'] ?? '')?.[1];
    expect(oneClick).toContain('/api/follow/unfollow?token=');
    expect(oneClick).not.toContain(encodeURIComponent(readerEmail));
    const anonymous = await playwright.request.newContext();
    const unfollowed = await anonymous.post(oneClick!);
    expect(unfollowed.status()).toBe(200);
    expect(await unfollowed.text()).toContain('You follow no guide any more');
    await anonymous.dispose();
    expect(queryAppDb('SELECT id FROM follower WHERE email = ?', readerEmail)).toEqual([]);

    // --- The next announcement (the two public changes again, as if new) reaches the member only.
    writeAppDb((db) =>
      db
        .prepare('DELETE FROM follow_announcement WHERE key IN (?, ?)')
        .run(
          `change:${changeId(READERS_GUIDE.slug, { date: today, summary: readersPublic })}`,
          `change:${changeId(MEMBERS_GUIDE.slug, { date: today, summary: membersPublic })}`,
        ),
    );
    await instances[0]!.stop();
    instances[0] = await startInstance(copy.dir, ports[0]!, env);
    await expect.poll(() => announcements(instances[0]!).length, { timeout: 60_000 }).toBe(1);
    expect(announcements(instances[0]!)[0]).toMatchObject({ changes: 2, sent: 1 });
    await waitForMail(memberEmail, { subject: CHANGED, count: 2 });
    expect((await mailFor(readerEmail)).filter((mail) => CHANGED.test(mail.subject))).toHaveLength(
      1,
    );

    // --- "What changed" on the guide page (as a reader) and in the feed: the public change only.
    const reader = await playwright.request.newContext();
    const guidePage = await (
      await reader.get(`${instances[1]!.url}/guides/${READERS_GUIDE.slug}`)
    ).text();
    expect(guidePage).toContain(readersPublic.slice(0, 60));
    expect(guidePage).not.toContain(readersMembers.slice(20, 60));
    const feed = await (await reader.get(`${instances[1]!.url}/feed.xml`)).text();
    expect(feed).toContain(readersPublic.slice(0, 60));
    expect(feed).not.toContain(readersMembers.slice(20, 60));
    await reader.dispose();
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    copy.remove();
  }
});
