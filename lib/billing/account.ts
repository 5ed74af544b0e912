import 'server-only';
import { getDb } from '../db';

/** Whether the user has a Stripe customer (so "Manage billing" has something to open). */
export async function hasBillingAccount(userId: string): Promise<boolean> {
  const db = await getDb();
  const row = await db
    .selectFrom('stripe_customer')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Boolean(row);
}
