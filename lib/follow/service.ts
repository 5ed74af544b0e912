// What a person may do about following guides. A reader asks with an address and confirms by the
// e-mailed link (double opt-in: nothing but that link goes to an unconfirmed address, and one link
// an hour at most); a signed-in person follows in one click; anyone unfollows from a link of any of
// our e-mails (the manage token), and unfollowing everything erases the address. Rate limits per
// address and per client, like sign-in. No 'server-only' marker: unit tests drive it with their
// own database, clock, guides and `send`.
import type { Kysely } from 'kysely';
import { confirmationEmail } from './emails';
import {
  ALL_GUIDES,
  confirmationToken,
  followRequest,
  followTarget,
  manageToken,
  type FollowMessage,
} from './schema';
import {
  addFollow,
  addPending,
  claimConfirmationMail,
  confirmByToken,
  ensureFollower,
  eraseFollower,
  followerById,
  followerOfUser,
  pendingOfToken,
  releaseConfirmationMail,
  removeFollow,
  type FollowerRow,
} from './store';
import { checkManageToken, hashToken, issueManageToken, newConfirmationToken } from './token';
import type { Viewer } from '../access';
import type { Database } from '../db/schema';
import { authSecret, followLimits } from '../platform/env';
import { log } from '../platform/log';
import { sendThroughOutbox, type Send } from '../platform/outbox';
import { reserveRateLimits } from '../platform/rate-limit';

export interface FollowDeps {
  db: Kysely<Database>;
  now?: Date;
  send: Send;
  /** Whether a slug is a published guide of this build. */
  isGuide: (slug: string) => boolean;
  secret?: string;
  limits?: ReturnType<typeof followLimits>;
}

export type FollowRequestOutcome =
  | { kind: 'sent'; guide: string }
  | { kind: Exclude<FollowMessage, 'sent' | 'confirm-invalid' | 'manage-invalid'>; email: string };

const knownTarget = (guide: string, isGuide: (slug: string) => boolean) =>
  guide === ALL_GUIDES || isGuide(guide);

/** The rate-limit checks of one follow request. */
export function followChecks(email: string, client: string, limits = followLimits()) {
  const rule = (bucket: string, limit: number) => ({ bucket, limit, windowMs: limits.windowMs });
  return [
    { rule: rule('follow-email', limits.perEmail), key: email },
    { rule: rule('follow-ip', limits.perClient), key: client },
  ];
}

/**
 * A reader's request: kept as pending, and a confirmation link mailed unless one went to the same
 * address within the hour. The answer is the same whether or not the address is known, followed
 * or already asked for.
 */
export async function requestFollow(
  input: { email: unknown; guide: unknown },
  client: string,
  deps: FollowDeps,
): Promise<FollowRequestOutcome> {
  const typed = typeof input.email === 'string' ? input.email.slice(0, 300) : '';
  const parsed = followRequest.safeParse(input);
  if (!parsed.success) {
    const badGuide = parsed.error.issues.some((issue) => issue.path[0] === 'guide');
    return { kind: badGuide ? 'unknown-guide' : 'invalid-email', email: typed };
  }
  const { email, guide } = parsed.data;
  if (!knownTarget(guide, deps.isGuide)) return { kind: 'unknown-guide', email: typed };
  const now = deps.now ?? new Date();
  const reservation = await reserveRateLimits(
    deps.db,
    followChecks(email, client, deps.limits),
    now,
  );
  if (!reservation.allowed) {
    log.warn({ event: 'follow.refused', reason: 'limited' }, 'follow request refused');
    return { kind: 'limited', email: typed };
  }
  await addPending(deps.db, email, guide, now);
  const token = newConfirmationToken();
  const tokenHash = hashToken(token);
  if (await claimConfirmationMail(deps.db, email, tokenHash, now)) {
    try {
      const delivery = await sendThroughOutbox(
        deps.db,
        'follow:confirm',
        { to: email, ...confirmationEmail(token) },
        deps.send,
        now,
      );
      log.info({ event: 'follow.confirmation', sent: delivery.sent }, 'follow confirmation mailed');
    } catch (error) {
      // Not even stored: give the hour back so that asking again mails a link.
      await releaseConfirmationMail(deps.db, email, tokenHash);
      throw error;
    }
  }
  return { kind: 'sent', guide };
}

/** The guides a confirmation link would add (the page lists them); null when it is not valid. */
export async function pendingOfLink(
  token: unknown,
  deps: Pick<FollowDeps, 'db' | 'now'>,
): Promise<string[] | null> {
  const parsed = confirmationToken.safeParse(token);
  if (!parsed.success) return null;
  return pendingOfToken(deps.db, hashToken(parsed.data), deps.now ?? new Date());
}

/** Confirms a link: the manage token of the follower, or null when the link is not valid. */
export async function confirmFollow(
  token: unknown,
  deps: Pick<FollowDeps, 'db' | 'now' | 'secret'>,
): Promise<{ manageToken: string; guides: string[] } | null> {
  const parsed = confirmationToken.safeParse(token);
  if (!parsed.success) return null;
  const confirmed = await confirmByToken(deps.db, hashToken(parsed.data), deps.now ?? new Date());
  if (!confirmed) return null;
  log.info(
    {
      event: 'follow.confirmed',
      followerId: confirmed.followerId,
      guides: confirmed.guides.length,
    },
    'follow confirmed',
  );
  return {
    manageToken: issueManageToken(deps.secret ?? authSecret(), confirmed.followerId),
    guides: confirmed.guides,
  };
}

/** A signed-in person follows in one click (their account's address; no confirmation needed). */
export async function followAsViewer(
  viewer: Viewer,
  guide: unknown,
  deps: Pick<FollowDeps, 'db' | 'now' | 'isGuide'>,
): Promise<'followed' | 'refused' | 'unknown-guide'> {
  if (viewer.kind !== 'user') return 'refused';
  const target = followTarget.safeParse(guide);
  if (!target.success || !knownTarget(target.data, deps.isGuide)) return 'unknown-guide';
  const now = deps.now ?? new Date();
  const followerId = await ensureFollower(deps.db, viewer.email.toLowerCase(), viewer.userId, now);
  await addFollow(deps.db, followerId, target.data, now);
  return 'followed';
}

export async function unfollowAsViewer(
  viewer: Viewer,
  guide: unknown,
  deps: Pick<FollowDeps, 'db'>,
): Promise<'unfollowed' | 'refused'> {
  if (viewer.kind !== 'user') return 'refused';
  const target = followTarget.safeParse(guide);
  const follower = await followerOfUser(deps.db, viewer.userId);
  if (!target.success || !follower) return 'unfollowed';
  await removeFollow(deps.db, follower.id, target.data);
  return 'unfollowed';
}

/** What a signed-in person follows ('*' for all guides); [] for readers. */
export async function followsOfViewer(
  viewer: Viewer,
  deps: Pick<FollowDeps, 'db'>,
): Promise<string[]> {
  if (viewer.kind !== 'user') return [];
  return (await followerOfUser(deps.db, viewer.userId))?.guides ?? [];
}

/** The follower a manage link names, or null (not ours, or they unfollowed everything). */
export async function followerOfLink(
  token: unknown,
  deps: Pick<FollowDeps, 'db' | 'secret'>,
): Promise<FollowerRow | null> {
  const parsed = manageToken.safeParse(token);
  if (!parsed.success) return null;
  const id = checkManageToken(parsed.data, deps.secret ?? authSecret());
  return id ? followerById(deps.db, id) : null;
}

/**
 * From a link in one of our e-mails, no sign-in: unfollow one guide, or everything (which erases
 * the address). 'invalid' when the link is not ours or names nobody any more.
 */
export async function unfollowByLink(
  token: unknown,
  what: { guide: string } | 'everything',
  deps: Pick<FollowDeps, 'db' | 'secret'>,
): Promise<'unfollowed' | 'erased' | 'invalid'> {
  const follower = await followerOfLink(token, deps);
  if (!follower) return 'invalid';
  if (what === 'everything') {
    await eraseFollower(deps.db, follower.id);
    log.info({ event: 'follow.erased', followerId: follower.id }, 'unfollowed everything');
    return 'erased';
  }
  await removeFollow(deps.db, follower.id, what.guide);
  return 'unfollowed';
}

/** The account export's part: what they follow and since when. */
export async function followExport(db: Kysely<Database>, userId: string) {
  const follower = await followerOfUser(db, userId);
  if (!follower) return [];
  const rows = await db
    .selectFrom('follower_guide')
    .select(['guide', 'created_at'])
    .where('follower_id', '=', follower.id)
    .orderBy('created_at')
    .orderBy('guide')
    .execute();
  return rows.map((row) => ({
    guide: row.guide === ALL_GUIDES ? 'all guides' : row.guide,
    since: row.created_at,
  }));
}
