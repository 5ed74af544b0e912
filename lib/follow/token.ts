// Tokens of the follow e-mails. Confirmation: random, stored hashed (SHA-256), expiring. Manage and
// one-click unfollow: the follower's id signed with the app secret (HMAC-SHA256), never the
// address; it dies with the follower row (unfollowing everything erases it). Pure (node:crypto).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MANAGE_TOKEN_PATTERN } from './schema';

const LABEL = 'sojoourn-follow-manage-v1';

export const newConfirmationToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

const sign = (secret: string, followerId: string) =>
  createHmac('sha256', secret).update(`${LABEL}|${followerId}`).digest('base64url');

export function issueManageToken(secret: string, followerId: string): string {
  return `${followerId}.${sign(secret, followerId)}`;
}

/** The follower id the token names, or null when it is not one of ours. */
export function checkManageToken(token: string, secret: string): string | null {
  if (!MANAGE_TOKEN_PATTERN.test(token)) return null;
  const [followerId, signature] = token.split('.') as [string, string];
  const expected = Buffer.from(sign(secret, followerId));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return followerId;
}
