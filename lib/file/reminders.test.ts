// The reminders run against a real database (SQLite; Postgres under scripts/test-postgres.sh): what
// a member receives over weeks of runs, who receives nothing, two runs at once, SMTP down, and the
// one-click stop. The clock is the test's: days counted from whenever it runs, no calendar date.
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from '@/test/support/log-capture';
import { insertUser, tempDatabase, type TempDatabase } from '@/test/support/temp-db';
import type { MembershipState } from '../access';
import { storeSubscription } from '../billing/membership-store';
import { openDatabase } from '../db/connect';
import type { Database } from '../db/schema';
import type { OutgoingMail } from '../platform/mail';
import { retryOutbox } from '../platform/outbox';
import { loadPlanner } from '../planner/load';
import { addDays, dayOf } from './expected';
import { DAY_MS } from './reminders-cadence';
import { sendDueReminders, type ReminderRunReport } from './reminders';
import { claimReminder } from './reminders-store';
import { stopRemindersFromEmail } from './reminders-stop';
import { setReminders, setStepDone, upsertFile } from './store';

const SECRET = 'the-test-secret-of-at-least-thirty-two-characters';
const planner = loadPlanner();
/** Noon UTC today: still the same calendar day in France a few hours either way. */
const start = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 12 * 3600_000);
const at = (days: number, hours = 0) =>
  new Date(start.getTime() + days * DAY_MS + hours * 3600_000);

const activeMembership = (): MembershipState => ({
  status: 'active',
  currentPeriodStart: at(-10),
  currentPeriodEnd: at(400),
  cancelAtPeriodEnd: false,
  startedAt: at(-10),
});

let temp: TempDatabase;
let mailbox: OutgoingMail[];
const send = async (mail: OutgoingMail) => void mailbox.push(mail);
const smtpDown = async () => {
  throw new Error('connect ECONNREFUSED 127.0.0.1:25');
};
const run = (now: Date, db: Kysely<Database> = temp.db, sender = send) =>
  sendDueReminders(db, { now, send: sender, planner, secret: SECRET });
const mailTo = (email: string) => mailbox.filter((mail) => [mail.to].flat().includes(email));

/**
 * A member (or not) whose file is on the work route with the application sent 40 days before
 * `start`: the temporary number (expected about 3 weeks later) is 19 days overdue, the permanent
 * number (up to 9 months) is not.
 */
async function memberWithOverdueStep(
  label: string,
  { membership = activeMembership() }: { membership?: MembershipState | null } = {},
) {
  const email = `${label}@example.test`;
  const userId = await insertUser(temp.db, email);
  if (membership)
    await storeSubscription(
      temp.db,
      { userId, subscriptionId: `sub_${label}`, customerId: `cus_${label}`, ...membership },
      at(-10),
    );
  const { id: fileId } = await upsertFile(temp.db, userId, {}, 'work', at(-40));
  await setStepDone(
    temp.db,
    fileId,
    'apply',
    { doneOn: addDays(dayOf(start), -40), by: 'member', name: null },
    at(-40),
  );
  return { email, userId, fileId };
}

async function stepRow(fileId: string, stepId: string) {
  return temp.db
    .selectFrom('member_file_step')
    .select(['reminders_sent', 'last_reminded_at'])
    .where('file_id', '=', fileId)
    .where('step_id', '=', stepId)
    .executeTakeFirst();
}

const stopTokenOf = (mail: OutgoingMail) => {
  const header = mail.headers?.['List-Unsubscribe'] ?? '';
  return new URL(/<(https?:[^>]+)>/.exec(header)![1]!).searchParams.get('token')!;
};

beforeEach(async () => {
  temp = await tempDatabase('reminders');
  mailbox = [];
});
afterEach(async () => {
  await temp.dispose();
});

describe('the reminders run', () => {
  it('sends one reminder on the first run, none again the same day, the next after 14 days, and 3 in all', async () => {
    const ana = await memberWithOverdueStep('ana');

    const first = await run(start);
    expect(first).toMatchObject({ sent: 1, kept: 0, skipped: 0 });
    const [reminder] = mailTo(ana.email);
    expect(mailbox).toHaveLength(1);
    expect(reminder!.subject).toBe('Your Carte Vitale file: Temporary number (NIA) is late');
    // Which step, since when, what to do now, the file, and the way to stop.
    const expectedOn = addDays(dayOf(start), -40 + 21);
    const [y, m, d] = expectedOn.split('-').map(Number) as [number, number, number];
    const expectedText = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, d)));
    expect(reminder!.text).toContain(`was expected by ${expectedText}`);
    expect(reminder!.text).toContain("in our members' experience");
    expect(reminder!.text).toContain('36 46');
    expect(reminder!.text).toContain('/account/file');
    expect(reminder!.text).toContain('/reminders/stop?token=');
    expect(reminder!.text).toContain('Reminder 1 of at most 3');
    expect(reminder!.headers).toEqual({
      'List-Unsubscribe': expect.stringMatching(
        /^<https?:\/\/[^>]+\/api\/reminders\/stop\?token=[^>]+>$/,
      ),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(reminder!.text).not.toContain(ana.email);
    expect(await stepRow(ana.fileId, 'nia')).toEqual({
      reminders_sent: 1,
      last_reminded_at: start.toISOString(),
    });

    // The same day, hours later: nothing.
    expect(await run(at(0, 5))).toMatchObject({
      sent: 0,
      skipped: 1,
      skippedBecause: { 'too-soon': 1 },
    });
    expect(await run(at(13, 23))).toMatchObject({ sent: 0, skippedBecause: { 'too-soon': 1 } });
    expect(mailbox).toHaveLength(1);

    // 14 days later, the second; 14 more, the third; then never again.
    expect(await run(at(14))).toMatchObject({ sent: 1 });
    expect(await run(at(28))).toMatchObject({ sent: 1 });
    expect(mailTo(ana.email).map((mail) => /Reminder (\d) of/.exec(mail.text)?.[1])).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(await run(at(42))).toMatchObject({ sent: 0, skippedBecause: { 'all-sent': 1 } });
    expect(await run(at(100))).toMatchObject({ sent: 0, skippedBecause: { 'all-sent': 1 } });
    expect(mailbox).toHaveLength(3);
    expect(await stepRow(ana.fileId, 'nia')).toMatchObject({ reminders_sent: 3 });
  });

  it('sends nothing when the reminders are off, to a lapsed member or a non-member, or once the step is done', async () => {
    const off = await memberWithOverdueStep('off');
    await setReminders(temp.db, off.fileId, false, at(-1));
    const lapsed = await memberWithOverdueStep('lapsed', {
      membership: { ...activeMembership(), status: 'canceled', currentPeriodEnd: at(-2) },
    });
    const never = await memberWithOverdueStep('never', { membership: null });
    const done = await memberWithOverdueStep('done');
    await setStepDone(
      temp.db,
      done.fileId,
      'nia',
      { doneOn: addDays(dayOf(start), -2), by: 'member', name: null },
      at(-2),
    );
    const onTime = await memberWithOverdueStep('on-time');

    const report = await run(start);
    expect(mailbox.map((mail) => mail.to)).toEqual([onTime.email]);
    expect(report).toMatchObject({
      files: 5,
      sent: 1,
      skipped: 3,
      skippedBecause: { 'reminders-off': 1, 'not-a-member': 2 },
    });
    for (const person of [off, lapsed, never, done])
      expect((await stepRow(person.fileId, 'nia'))?.reminders_sent ?? 0).toBe(0);

    // The lapsed member rejoins: the reminder comes on the next run.
    await storeSubscription(
      temp.db,
      {
        userId: lapsed.userId,
        subscriptionId: 'sub_lapsed',
        customerId: 'cus_lapsed',
        ...activeMembership(),
      },
      at(0, 1),
    );
    await run(at(0, 2));
    expect(mailTo(lapsed.email)).toHaveLength(1);
  });

  it('sends each reminder once when two runs go at once on two connections', async () => {
    const people = await Promise.all(
      ['one', 'two', 'three', 'four', 'five'].map((label) => memberWithOverdueStep(label)),
    );
    // SQLite: no busy_timeout, so waiting for the write lock goes through lib/db/busy's retries.
    const [a, b] = [1, 2].map(() => openDatabase(temp.url, { busyTimeoutMs: 0 })) as [
      Kysely<Database>,
      Kysely<Database>,
    ];
    try {
      await Promise.all([a, b].flatMap((db) => [1, 2, 3].map(() => sql`SELECT 1`.execute(db))));
      const reports: ReminderRunReport[] = await Promise.all([run(start, a), run(start, b)]);
      expect(reports[0]!.sent + reports[1]!.sent).toBe(5);
      // The other run found each of them claimed (or, read after the claim, just reminded).
      expect(reports[0]!.skipped + reports[1]!.skipped).toBe(5);
      for (const person of people) {
        expect(mailTo(person.email)).toHaveLength(1);
        expect(await stepRow(person.fileId, 'nia')).toMatchObject({ reminders_sent: 1 });
      }
      const outbox = await temp.db
        .selectFrom('mail_outbox')
        .select(['purpose', 'sent_at'])
        .where('purpose', 'like', 'file:reminder:%')
        .execute();
      expect(outbox).toHaveLength(5);
      expect(outbox.every((row) => row.sent_at !== null)).toBe(true);
      // And again at once: nothing more.
      await Promise.all([run(at(0, 1), a), run(at(0, 1), b)]);
      expect(mailbox).toHaveLength(5);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });

  it('keeps a reminder in the outbox while SMTP is down, counts it once, and the retry sends it', async () => {
    const bea = await memberWithOverdueStep('bea');
    expect(await run(start, temp.db, smtpDown)).toMatchObject({ sent: 0, kept: 1 });
    expect(await stepRow(bea.fileId, 'nia')).toMatchObject({ reminders_sent: 1 });
    // The next run does not claim it again, and the outbox does not send it while the run holds it.
    expect(await run(at(0, 1), temp.db, smtpDown)).toMatchObject({ kept: 0, skipped: 1 });
    // The outbox's retry (the server, every minute) sends it once SMTP is back.
    expect(await retryOutbox(temp.db, send, at(0, 1))).toEqual({ sent: 1, failed: 0 });
    expect(mailTo(bea.email)).toHaveLength(1);
    expect(mailTo(bea.email)[0]!.headers?.['List-Unsubscribe-Post']).toBe(
      'List-Unsubscribe=One-Click',
    );
    expect(await retryOutbox(temp.db, send, at(0, 2))).toEqual({ sent: 0, failed: 0 });
  });

  it('a crash after the claim loses nothing: the e-mail is in the outbox and the retry sends it', async () => {
    const cy = await memberWithOverdueStep('cy');
    // What a run does before it sends, then dies: the claim and the e-mail are stored together.
    const outboxId = await claimReminder(
      temp.db,
      {
        fileId: cy.fileId,
        stepId: 'nia',
        seen: { remindersSent: 0, lastRemindedAt: null },
        purpose: 'file:reminder:test',
        mail: { to: cy.email, subject: 'Reminder', text: 'Reminder', html: '<p>Reminder</p>' },
      },
      start,
    );
    expect(outboxId).toEqual(expect.any(String));
    // A second claim from the same reading does not hold.
    expect(
      await claimReminder(
        temp.db,
        {
          fileId: cy.fileId,
          stepId: 'nia',
          seen: { remindersSent: 0, lastRemindedAt: null },
          purpose: 'file:reminder:test',
          mail: { to: cy.email, subject: 'Reminder', text: 'Reminder', html: '<p>Reminder</p>' },
        },
        start,
      ),
    ).toBeNull();
    // The next run sends no second one; the outbox leaves it to the run for a few minutes, then
    // sends it, once.
    expect(await run(at(0, 0.02))).toMatchObject({ sent: 0, skippedBecause: { 'too-soon': 1 } });
    expect(await retryOutbox(temp.db, send, at(0, 0.02))).toEqual({ sent: 0, failed: 0 });
    expect(await retryOutbox(temp.db, send, at(0, 0.1))).toEqual({ sent: 1, failed: 0 });
    expect(await retryOutbox(temp.db, send, at(0, 1))).toEqual({ sent: 0, failed: 0 });
    expect(mailTo(cy.email)).toHaveLength(1);
  });
});

describe('the one-click stop', () => {
  it('turns reminders off with List-Unsubscribe=One-Click and the token of the e-mail, without sign-in', async () => {
    const dee = await memberWithOverdueStep('dee');
    await run(start);
    const token = stopTokenOf(mailTo(dee.email)[0]!);
    const logs = captureLogs();
    try {
      const deps = { db: temp.db, now: at(1), secret: SECRET };
      // A forged token, a token for another purpose, no body: nothing changes.
      const forged = `${token.slice(0, -2)}xx`;
      expect(
        await stopRemindersFromEmail(
          { token: forged, body: 'List-Unsubscribe=One-Click', client: '192.0.2.1' },
          deps,
        ),
      ).toEqual({ kind: 'invalid', fromPage: false });
      expect(await stopRemindersFromEmail({ token, body: '', client: '192.0.2.1' }, deps)).toEqual({
        kind: 'not-one-click',
        fromPage: false,
      });
      expect(
        await stopRemindersFromEmail(
          { token: ['__proto__'], body: 'List-Unsubscribe=One-Click', client: '192.0.2.1' },
          deps,
        ),
      ).toEqual({ kind: 'invalid', fromPage: false });
      let file = await temp.db
        .selectFrom('member_file')
        .select('reminders')
        .where('id', '=', dee.fileId)
        .executeTakeFirstOrThrow();
      expect(file.reminders).toBe(1);

      expect(
        await stopRemindersFromEmail(
          { token, body: 'List-Unsubscribe=One-Click', client: '192.0.2.1' },
          deps,
        ),
      ).toEqual({ kind: 'stopped', fromPage: false });
      file = await temp.db
        .selectFrom('member_file')
        .select('reminders')
        .where('id', '=', dee.fileId)
        .executeTakeFirstOrThrow();
      expect(file.reminders).toBe(0);
      const history = await temp.db
        .selectFrom('member_file_event')
        .select(['action', 'actor_kind', 'actor_id', 'detail'])
        .where('file_id', '=', dee.fileId)
        .where('action', '=', 'reminders-off')
        .execute();
      expect(history).toEqual([
        {
          action: 'reminders-off',
          actor_kind: 'member',
          actor_id: dee.userId,
          detail: 'e-mail link',
        },
      ]);
      // Pressing it again (a second click, the page's button) is fine and records nothing more.
      expect(
        await stopRemindersFromEmail(
          { token, body: 'List-Unsubscribe=One-Click&from=page', client: '192.0.2.1' },
          deps,
        ),
      ).toEqual({ kind: 'stopped', fromPage: true });

      // 14 days on, the step still overdue: no reminder.
      expect(await run(at(14))).toMatchObject({ sent: 0, skippedBecause: { 'reminders-off': 1 } });
      expect(mailbox).toHaveLength(1);
      expect(logs.leaks([token, dee.email, token.split('.')[2]!])).toEqual([]);
    } finally {
      logs.restore();
    }
  });

  it('refuses an expired token', async () => {
    const eve = await memberWithOverdueStep('eve');
    await run(start);
    const token = stopTokenOf(mailTo(eve.email)[0]!);
    expect(
      await stopRemindersFromEmail(
        { token, body: 'List-Unsubscribe=One-Click', client: '192.0.2.2' },
        { db: temp.db, now: at(181), secret: SECRET },
      ),
    ).toEqual({ kind: 'expired', fromPage: false });
  });

  it('limits attempts per client', async () => {
    const deps = { db: temp.db, now: start, secret: SECRET };
    const outcomes = [];
    for (let i = 0; i < 121; i++)
      outcomes.push(
        (
          await stopRemindersFromEmail(
            { token: 'nope', body: 'List-Unsubscribe=One-Click', client: '198.51.100.7' },
            deps,
          )
        ).kind,
      );
    expect(outcomes.slice(0, 120).every((kind) => kind === 'invalid')).toBe(true);
    expect(outcomes[120]).toBe('limited');
    expect(
      (
        await stopRemindersFromEmail(
          { token: 'nope', body: 'List-Unsubscribe=One-Click', client: '198.51.100.8' },
          deps,
        )
      ).kind,
    ).toBe('invalid');
  });
});
