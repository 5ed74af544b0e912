// The one-click stop token: it names the file, is signed with the app secret, and expires.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from './reminders-cadence';
import { STOP_TOKEN_MAX_AGE_MS, checkStopToken, issueStopToken } from './reminders-token';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const now = new Date(Date.now());
const fileId = randomUUID();

describe('the reminders stop token', () => {
  it('names the file it was issued for, and holds no address', () => {
    const token = issueStopToken(SECRET, fileId, now);
    expect(checkStopToken(token, SECRET, now)).toEqual({ kind: 'ok', fileId });
    expect(checkStopToken(token, SECRET, new Date(now.getTime() + 60 * DAY_MS))).toEqual({
      kind: 'ok',
      fileId,
    });
    expect(token).not.toContain('@');
  });

  it('refuses a token signed with another secret, or altered in any part', () => {
    const token = issueStopToken(SECRET, fileId, now);
    expect(
      checkStopToken(
        issueStopToken('another-secret-just-as-long-as-the-first', fileId, now),
        SECRET,
        now,
      ),
    ).toEqual({ kind: 'invalid' });
    const [id, expires, signature] = token.split('.') as [string, string, string];
    const otherFile = randomUUID();
    for (const forged of [
      `${otherFile}.${expires}.${signature}`,
      `${id}.${Number(expires) + 86_400 * 365}.${signature}`,
      `${id}.${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${id}.${expires}`,
      '',
      'x'.repeat(200),
      `${token}.extra`,
    ]) {
      expect(checkStopToken(forged, SECRET, now), forged).toEqual({ kind: 'invalid' });
    }
  });

  it('expires STOP_TOKEN_MAX_AGE_MS after it was issued', () => {
    const token = issueStopToken(SECRET, fileId, now);
    const end = now.getTime() + STOP_TOKEN_MAX_AGE_MS;
    expect(checkStopToken(token, SECRET, new Date(end - 1000)).kind).toBe('ok');
    expect(checkStopToken(token, SECRET, new Date(end + 1000))).toEqual({ kind: 'expired' });
  });
});
