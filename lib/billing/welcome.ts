// The welcome e-mail of a new membership: sent once per membership start (one Stripe subscription),
// from the billing sync path. The Checkout return and the webhooks all sync the same subscription,
// late, twice and out of order; a row claimed before sending makes every later sync a no-op.
// Stripe's own receipts and dunning e-mails stay Stripe's.
import type { Kysely } from 'kysely';
import { club } from '../config';
import type { Database } from '../db/schema';
import type { OutgoingMail } from '../platform/mail';
import { renderEmail } from '../platform/mail-template';
import { absoluteUrl } from '../platform/site-url';

export type SendMail = (mail: OutgoingMail) => Promise<void>;

/** What a member now has, each with where to find it. */
export function welcomeEmail(): Omit<OutgoingMail, 'to'> {
  const links: { label: string; value: string }[] = [
    {
      label: 'Members’ guide sections',
      value: `Every members’ tip in our guides is now open to you: ${absoluteUrl('/guides')}`,
    },
    {
      label: 'Personalised assistance',
      value: `Describe your situation and an advisor answers you: ${absoluteUrl('/assistance')}`,
    },
    {
      label: 'Members’ events',
      value: `Register for workshops and meetups (a waiting list when full): ${absoluteUrl('/events')}`,
    },
    {
      label: 'Partner offers',
      value: `Codes from Sojoourn’s partners: ${absoluteUrl('/club/offers')}`,
    },
  ];
  return {
    subject: `Welcome to the ${club.name}`,
    ...renderEmail({
      preheader: 'Your membership is active. Here is what you now have.',
      heading: `Welcome to the ${club.name}`,
      paragraphs: [
        'Thank you for joining. Your membership is active, and this is what you now have:',
      ],
      details: links,
      button: { label: 'Your account', url: absoluteUrl('/account') },
      footnote:
        'Stripe sends your receipts. You can manage or cancel your membership from your account page at any time.',
    }),
  };
}

/**
 * Sends the welcome e-mail for `subscriptionId` unless it was already sent. The claim is written
 * first (a concurrent sync finds it and stops); a failed send releases it so a later sync retries.
 */
export async function sendWelcomeOnce(
  db: Kysely<Database>,
  membership: { userId: string; subscriptionId: string },
  send: SendMail,
  now: Date = new Date(),
): Promise<'sent' | 'already-sent' | 'no-user' | 'failed'> {
  const user = await db
    .selectFrom('User')
    .select('email')
    .where('id', '=', membership.userId)
    .executeTakeFirst();
  if (!user) return 'no-user';
  const claim = await db
    .insertInto('membership_welcome')
    .values({
      subscription_id: membership.subscriptionId,
      user_id: membership.userId,
      sent_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('subscription_id').doNothing())
    .executeTakeFirst();
  if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return 'already-sent';
  try {
    await send({ to: user.email, ...welcomeEmail() });
    return 'sent';
  } catch (error) {
    console.error(`[billing] welcome e-mail for ${membership.subscriptionId} failed:`, error);
    await db
      .deleteFrom('membership_welcome')
      .where('subscription_id', '=', membership.subscriptionId)
      .execute();
    return 'failed';
  }
}
