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
  /** When this session's sign-in was proven, ISO-8601 (lib/auth/recent-sign-in.ts); null: long ago. */
  signedInAt: string | null;
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

// Not listed here: the desk search's indexes of migration 016 (SQLite's user_search,
// contact_request_search and their *_doc maps), read only through raw SQL in lib/inbox/search.ts.
export interface Database {
  User: UserTable;
  Account: AccountTable;
  Session: SessionTable;
  VerificationToken: VerificationTokenTable;
  rate_limit: RateLimitTable;
  stripe_customer: StripeCustomerTable;
  membership: MembershipTable;
  stripe_event: StripeEventTable;
  contact_request: ContactRequestTable;
  referral_click: ReferralClickTable;
  referral_click_day: ReferralClickDayTable;
  assistance_request: AssistanceRequestTable;
  email_change_token: EmailChangeTokenTable;
  event_registration: EventRegistrationTable;
  membership_welcome: MembershipWelcomeTable;
  request_event: RequestEventTable;
  mail_outbox: MailOutboxTable;
  billing_sync_lock: BillingSyncLockTable;
  email_change_undo: EmailChangeUndoTable;
  former_email: FormerEmailTable;
  member_file: MemberFileTable;
  member_file_version: MemberFileVersionTable;
  member_file_step: MemberFileStepTable;
  member_file_event: MemberFileEventTable;
  member_file_document: MemberFileDocumentTable;
  follower: FollowerTable;
  follower_guide: FollowerGuideTable;
  follow_pending: FollowPendingTable;
  follow_confirmation: FollowConfirmationTable;
  follow_announcement: FollowAnnouncementTable;
  signin_code: SigninCodeTable;
  signin_link_used: SigninLinkUsedTable;
}

/** One change to a request in the staff inbox (issue 14): who changed what, when. */
export interface RequestEventTable {
  id: string;
  request_kind: string;
  request_id: string;
  created_at: string;
  actor_email: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

/** A member's request for personalised assistance (issue 5). */
export interface AssistanceRequestTable {
  id: string;
  user_id: string;
  created_at: string;
  updated_at: string;
  topic: string;
  description: string;
  contact_method: string;
  phone: string | null;
  language: string;
  status: string;
}

/** A free-quote request from /contact (lib/contact/). Choices are stored as their keys. */
export interface ContactRequestTable {
  id: string;
  created_at: string;
  name: string;
  email: string;
  phone: string | null;
  situation: string;
  nationality: string;
  stay_length: string;
  /** JSON array of procedure keys. */
  procedures: string;
  message: string;
  language: string;
  consented_at: string;
  form_nonce: string;
  staff_notified: Generated<number>;
  staff_notify_error: string | null;
  requester_notified: Generated<number>;
  /** new, in_progress, answered, closed (lib/inbox/schema.ts), like assistance requests. */
  status: Generated<string>;
  /** Why staff should look twice ('fast-fill': sent faster than a person types), else null. */
  flag: string | null;
}

/** One outbound click through /go/<partner> (lib/referrals/): no personal data. */
export interface ReferralClickTable {
  id: string;
  partner: string;
  source_path: string | null;
  created_at: string;
}

/** Clicks per partner and UTC day (YYYY-MM-DD), kept by triggers on referral_click (migration 017). */
export interface ReferralClickDayTable {
  partner: string;
  day: string;
  clicks: number;
}

/** A pending change of sign-in address (lib/account/): confirmed through a link to the new one. */
export interface EmailChangeTokenTable {
  token_hash: string;
  user_id: string;
  new_email: string;
  created_at: string;
  expires_at: string;
}

/** A member's place at an event (lib/events/): 'going' or 'waiting'. */
export interface EventRegistrationTable {
  id: string;
  event_slug: string;
  user_id: string;
  status: string;
  created_at: string;
  updated_at: string;
}

/** The welcome e-mail of one membership start (lib/billing/welcome.ts), claimed before sending. */
/** A lease on one subscription's sync (lib/billing/sync-lock.ts); ISO-8601 expiry. */
export interface BillingSyncLockTable {
  subscription_id: string;
  holder: string;
  expires_at: string;
}

export interface MembershipWelcomeTable {
  subscription_id: string;
  user_id: string;
  sent_at: string;
}

/** An e-mail kept until it is sent (lib/platform/outbox.ts): SMTP down loses nothing. */
export interface MailOutboxTable {
  id: string;
  created_at: string;
  purpose: string;
  recipients: string;
  subject: string;
  text_body: string;
  html_body: string;
  reply_to: string | null;
  /** JSON `{ headers?, attachments? }` of the message (lib/platform/outbox.ts), or null. */
  extras: string | null;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
}

/** A link sent to the old address after a change of sign-in address, to undo it (lib/account/). */
export interface EmailChangeUndoTable {
  token_hash: string;
  user_id: string;
  old_email: string;
  new_email: string;
  created_at: string;
  expires_at: string;
}

/** An address a person signed in with before; kept until the account is deleted (lib/account/). */
export interface FormerEmailTable {
  user_id: string;
  email: string;
  left_at: string;
}

/**
 * One row (id 1): a number raised by triggers with every write to member_file or member_file_step
 * (migration 017), so the desk knows when its file figures are out of date.
 */
export interface MemberFileVersionTable {
  id: number;
  version: number;
}

/** A member's Carte Vitale file (issue 22): their planner answers and route. */
export interface MemberFileTable {
  id: string;
  user_id: string;
  /** The planner's answers, JSON: { question id: answer }. */
  answers: string;
  route_id: string;
  /** 1: overdue reminders by e-mail; 0: turned off. */
  reminders: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One step of a file the member (or staff) dated or annotated. */
export interface MemberFileStepTable {
  file_id: string;
  step_id: string;
  /** YYYY-MM-DD, or null while the step is to do. */
  done_on: string | null;
  /** 'member' | 'staff' (null while to do). */
  done_by: string | null;
  /** The staff member's display name when staff marked it. */
  done_by_name: string | null;
  note: string | null;
  /** Overdue reminders sent for this step; claimed with a compare-and-set UPDATE. */
  reminders_sent: Generated<number>;
  last_reminded_at: string | null;
  updated_at: string;
}

/** The file's history: who (member or staff), when, what. */
export interface MemberFileEventTable {
  id: string;
  file_id: string;
  created_at: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  step_id: string | null;
  detail: string | null;
}

/** A document of the route's checklist the member ticked. */
export interface MemberFileDocumentTable {
  file_id: string;
  document_id: string;
  checked_at: string;
}

/** An address that follows guides (issue 23); user_id set when a signed-in person followed. */
export interface FollowerTable {
  id: string;
  /** Lower-cased. */
  email: string;
  user_id: string | null;
  created_at: string;
}

/** A guide a follower follows: its slug, or '*' for every guide. */
export interface FollowerGuideTable {
  follower_id: string;
  guide: string;
  created_at: string;
}

/** A reader's follow request waiting for the address to be confirmed. */
export interface FollowPendingTable {
  email: string;
  guide: string;
  created_at: string;
}

/** The confirmation link mailed to an address (the token's SHA-256 only). */
export interface FollowConfirmationTable {
  email: string;
  token_hash: string;
  mailed_at: string;
  expires_at: string;
}

/** An announcement claimed: 'change:<id>' or 'guide:<slug>'. */
export interface FollowAnnouncementTable {
  key: string;
  claimed_at: string;
}

/** The code e-mailed beside a sign-in link, one per address (lib/auth/signin-code.ts). */
export interface SigninCodeTable {
  nonce_hash: string;
  identifier_hash: string;
  code_hash: string;
  sealed_token: string;
  callback_url: string;
  created_at: string;
  expires_at: string;
  tries: Generated<number>;
}

/** A sign-in link that was used, kept until it would have expired (lib/auth/signin-link.ts). */
export interface SigninLinkUsedTable {
  token_hash: string;
  identifier_hash: string;
  expires_at: string;
}
