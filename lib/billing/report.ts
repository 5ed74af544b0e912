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
  referralClicks: { weekOf: string; clicks: number }[];
}

/** Member counts and PartirAssur clicks per week (last 8); null for anyone who is not staff. */
export async function staffFigures(
  viewer: Viewer,
  { db: given, now = new Date() }: { db?: Kysely<Database>; now?: Date } = {},
): Promise<StaffFigures | null> {
  if (!isStaff(viewer)) return null;
  const db = given ?? (await getDb());
  const [members, referralClicks] = await Promise.all([
    countMemberships(db, now),
    referralClicksByWeek(db, 'partirassur', { weeks: 8, now }),
  ]);
  return { members, referralClicks };
}
