// Table types for Kysely. Timestamps in our own tables are ISO-8601 UTC strings and booleans are
// 0/1 integers: the same values and comparisons work on SQLite and Postgres, so there is one code path.
import type { Generated } from 'kysely';

export interface UserTable {
  id: string;
  name: string | null;
  email: string;
  emailVerified: Date | string | null;
  image: string | null;
}

export interface AccountTable {
  id: Generated<string>;
  userId: string;
  type: string;
  provider: string;
  providerAccountId: string;
  refresh_token: string | null;
  access_token: string | null;
  expires_at: number | null;
  token_type: string | null;
  scope: string | null;
  id_token: string | null;
  session_state: string | null;
}

export interface SessionTable {
  sessionToken: string;
  userId: string;
  expires: Date | string;
}

export interface VerificationTokenTable {
  identifier: string;
  token: string;
  expires: Date | string;
}

export interface RateLimitTable {
  bucket: string;
  key: string;
  window_start: string;
  hits: number;
}

export interface StripeCustomerTable {
  user_id: string;
  customer_id: string;
  created_at: string;
}

export interface MembershipTable {
  user_id: string;
  subscription_id: string;
  customer_id: string;
  status: string;
  current_period_start: string;
  current_period_end: string;
  cancel_at_period_end: number;
  started_at: string;
  updated_at: string;
  /** Stripe's `created` of the newest subscription snapshot stored, so an older one never overwrites it. */
  stripe_seen_at: string;
}

export interface StripeEventTable {
  id: string;
  type: string;
  received_at: string;
}

export interface Database {
  User: UserTable;
  Account: AccountTable;
  Session: SessionTable;
  VerificationToken: VerificationTokenTable;
  rate_limit: RateLimitTable;
  stripe_customer: StripeCustomerTable;
  membership: MembershipTable;
  stripe_event: StripeEventTable;
  // @tables:contact-referrals (issue 6 adds its tables here)
  // @tables:assistance (issue 5 adds its tables here)
}
