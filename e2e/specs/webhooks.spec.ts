// The Stripe webhook: only correctly signed events count, and each event id counts once.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { queryAppDb } from '../../test/support/app-db';
import { becomeMember } from '../../test/support/membership';
import { uniqueEmail } from '../../test/support/people';
import { standin } from '../../test/support/standin';
import type { MembershipTable } from '../../lib/db/schema';

type MembershipRow = MembershipTable;

const membershipOf = (email: string) =>
  queryAppDb<MembershipRow>(
    `SELECT m.* FROM membership m JOIN "User" u ON u.id = m.user_id WHERE lower(u.email) = ?`,
    email.toLowerCase(),
  );
const eventRows = (id: string) => queryAppDb('SELECT * FROM stripe_event WHERE id = ?', id);
const counts = () =>
  queryAppDb<{ events: number; memberships: number }>(
    'SELECT (SELECT count(*) FROM stripe_event) AS events, (SELECT count(*) FROM membership) AS memberships',
  )[0]!;

test('only signed events count, and a real event resent five times counts once', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('webhook');
  await becomeMember(page, email);
  const [member] = membershipOf(email);
  expect(member?.status).toBe('active');

  // The stand-in's own event for this subscription, once the app has recorded it.
  const created = (await standin.events()).find(
    (record) =>
      record.type === 'customer.subscription.created' &&
      record.object_id === member!.subscription_id,
  );
  expect(created, 'the stand-in sent customer.subscription.created').toBeDefined();
  await expect.poll(() => eventRows(created!.id).length).toBe(1);
  // Every event of the joining has been delivered, so nothing else moves the row from here on.
  await standin.flush();

  // A forged event about this member (the subscription "canceled"), with a bad signature.
  const forgedId = `evt_forged_${Date.now().toString(36)}`;
  const forged = JSON.stringify({
    ...created!.event,
    id: forgedId,
    type: 'customer.subscription.deleted',
    data: { object: { ...created!.event.data.object, status: 'canceled' } },
  });
  const before = { counts: counts(), member: membershipOf(email) };
  const wrongSecret = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
    payload: forged,
    secret: 'whsec_not_the_real_secret',
  });
  const attempts: { name: string; headers: Record<string, string> }[] = [
    { name: 'made-up signature', headers: { 'Stripe-Signature': 't=1700000000,v1=deadbeef' } },
    { name: 'signed with another secret', headers: { 'Stripe-Signature': wrongSecret } },
    { name: 'no signature', headers: {} },
  ];
  for (const attempt of attempts) {
    const response = await request.post('/api/stripe/webhook', {
      data: forged,
      headers: { 'Content-Type': 'application/json', ...attempt.headers },
    });
    expect(response.status(), attempt.name).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/signature/i);
  }
  expect(eventRows(forgedId)).toHaveLength(0);
  expect(membershipOf(email)).toEqual(before.member);
  // Other specs may join meanwhile, so totals can only grow by their doing, never shrink; this
  // test's own rows are checked exactly above.
  const after = counts();
  expect(after.events).toBeGreaterThanOrEqual(before.counts.events);
  expect(after.memberships).toBeGreaterThanOrEqual(before.counts.memberships);

  // The same real event, resent five times: answered, recorded once, changing nothing.
  const snapshot = membershipOf(email);
  for (let i = 0; i < 5; i++) await standin.resendEvent(created!.id);
  await standin.flush();
  const record = (await standin.events()).find((r) => r.id === created!.id);
  expect(record?.attempts).toBeGreaterThanOrEqual(6);
  expect(record?.last_response_status).toBe(200);
  expect(eventRows(created!.id)).toHaveLength(1);
  expect(membershipOf(email)).toEqual(snapshot);
  await page.goto('/account');
  await expect(page.getByTestId('membership-status')).toHaveText('Active');
});
