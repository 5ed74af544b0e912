import 'server-only';
// Figures for the staff desk (/admin): checked against lib/access here, whoever calls it.
import type { Kysely } from 'kysely';
import { countMemberships, type MembershipCounts } from './membership-store';
import { isStaff, type Viewer } from '../access';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import { referralClicksByWeek } from '../referrals/store';

export interface StaffFigures {
  members: MembershipCounts;
  /** When `members` was counted (ISO): a count is kept for MEMBER_COUNT_MAX_AGE_MS. */
  membersCountedAt: string;
  referralClicks: { weekOf: string; clicks: number }[];
}

/**
 * How long one instance shows a count of the memberships before counting again. Counting reads
 * every current membership (6.7 ms at 200,000 people on SQLite, a sixth of /admin's budget); the
 * desk says when it counted.
 */
export const MEMBER_COUNT_MAX_AGE_MS = 60_000;
const keptCounts = new WeakMap<Kysely<Database>, { at: number; counts: MembershipCounts }>();

async function memberCounts(db: Kysely<Database>, now: Date) {
  const kept = keptCounts.get(db);
  const at = now.getTime();
  if (kept && at >= kept.at && at - kept.at < MEMBER_COUNT_MAX_AGE_MS) return kept;
  const counted = { at, counts: await countMemberships(db, now) };
  keptCounts.set(db, counted);
  return counted;
}

/** Member counts and PartirAssur clicks per week (last 8); null for anyone who is not staff. */
export async function staffFigures(
  viewer: Viewer,
  { db: given, now = new Date() }: { db?: Kysely<Database>; now?: Date } = {},
): Promise<StaffFigures | null> {
  if (!isStaff(viewer)) return null;
  const db = given ?? (await getDb());
  const [members, referralClicks] = await Promise.all([
    memberCounts(db, now),
    referralClicksByWeek(db, 'partirassur', { weeks: 8, now }),
  ]);
  return {
    members: members.counts,
    membersCountedAt: new Date(members.at).toISOString(),
    referralClicks,
  };
}
